import type { Language } from './types';

/**
 * Spanish, typed against English (en.ts). Long because it is only data: the page texts, then each
 * taxonomy code's short name, explanation and hint, then the region names.
 */
export default {
  tag: 'es',
  name: 'Español',
  messages: {
    'list.separator': ', ',

    'layout.skip': 'Saltar al contenido',
    'layout.nav': 'Página de estado',
    'layout.status': 'Estado',
    'layout.incidents': 'Incidencias',
    'layout.feed': 'Feed',
    'layout.feedTitle': '{title}: incidencias',
    'layout.footer': 'Comprobado desde varias regiones por Lookout · horas en UTC',
    'layout.pause': 'Pausar la actualización automática',
    'layout.resume': 'Reanudar la actualización automática',

    'status.up': 'Operativo',
    'status.degraded': 'Degradado',
    'status.partial': 'Caída parcial',
    'status.down': 'Caído',
    'status.unknown': 'Desconocido',
    'status.pending': 'Esperando la primera comprobación',
    'status.maintenance': 'Mantenimiento',

    'outcome.up': 'operativo',
    'outcome.degraded': 'degradado',
    'outcome.down': 'caído',
    'outcome.unknown': 'desconocido',
    'outcome.pending': 'pendiente',

    'banner.empty': 'Aún no hay monitores configurados',
    'banner.major': 'Caída grave',
    'banner.partial': 'Caída parcial',
    'banner.maintenance': 'Mantenimiento programado en curso',
    'banner.degraded': 'Rendimiento degradado',
    'banner.up': 'Todos los sistemas operativos',
    'banner.waiting': 'Esperando comprobaciones',

    'page.heading': 'Estado actual',
    'page.services': 'Servicios',
    'page.otherServices': 'Otros servicios',
    'page.window.24h': '24 h',
    'page.window.7d': '7 d',
    'page.window.30d': '30 d',
    'page.window.90d': '90 d',
    'page.barsLabel': '{name}: disponibilidad por día, últimos {days} días',
    'page.noChecks': 'Aún sin comprobaciones',
    'page.today': 'Hoy',
    'regions.label': 'Estado por región',
    'regions.checked': 'comprobado a las {time} desde {colo}',

    'bars.noData': '{day}: sin datos',
    'bars.span': 'Del {from} al {to}: sin datos',
    'bars.uptime': '{day}: {pct} de disponibilidad',
    'bars.down': 'caído {duration}',
    'bars.incidents': { one: '{n} incidencia ({causes})', other: '{n} incidencias ({causes})' },

    'duration.seconds': '{n} s',
    'duration.minutes': '{n} min',
    'duration.hours': '{n} h',
    'duration.days': '{n} d',
    'duration.pair': '{a} {b}',

    'legend.atLeast': '{pct} o más',
    'legend.under': 'menos del {pct}',
    'legend.noData': 'sin datos',

    'monitor.notFoundTitle': 'No encontrado',
    'monitor.notFoundHeading': 'No existe ese monitor',
    'monitor.notFoundText': 'Nada público tiene el id {id}.',
    'monitor.back': 'Volver a la página de estado',
    'monitor.checkedEveryMinute': 'comprobado cada minuto desde {regions}',
    'monitor.checkedEvery': 'comprobado cada {interval} desde {regions}',
    'monitor.since': '{status} desde el {time}',
    'monitor.certificateExpires': 'el certificado caduca {when}',
    'monitor.certificateExpired': 'el certificado caducó {when}',
    'monitor.domainExpires': 'el dominio caduca {when}',
    'monitor.domainExpired': 'el dominio caducó {when}',
    'monitor.hours': { one: '{n} hora', other: '{n} horas' },
    'monitor.days': { one: '{n} día', other: '{n} días' },
    'monitor.latency': 'Latencia',
    'monitor.chart24h': 'Últimas 24 horas, por hora',
    'monitor.chart90d': 'Últimos 90 días, por día',
    'monitor.chart24hTitle': '{name}: latencia p50 y p95 por hora, últimas 24 horas',
    'monitor.chart90dTitle': '{name}: latencia p50 y p95 por día, últimos 90 días',
    'monitor.findings': 'Hallazgos',
    'monitor.noFindings':
      'Nada que atender: ninguna obsolescencia, fecha de retirada, credencial a punto de caducar ni hallazgo de seguridad.',
    'monitor.sunset': 'Retirada {when} ({date})',
    'monitor.expires': 'Caduca {when} ({date})',
    'monitor.recentIncidents': 'Incidencias recientes',
    'monitor.noIncidents': 'No hay incidencias registradas.',
    'monitor.duringMaintenance': 'durante un mantenimiento',
    'monitor.history': 'Últimos 365 días',

    'chart.noData': '{region}: sin datos',
    'chart.range': '{region}: p50 de {min} a {max}, p95 hasta {p95}',
    'chart.join': '; ',
    'chart.summary': '{text}.',
    'chart.key': 'continua: p50 · discontinua: p95',
    'chart.table': 'Cifras en una tabla',
    'chart.time': 'Hora (UTC)',
    'chart.column': '{region} p50 / p95',

    'incidents.title': 'Incidencias',
    'incidents.lede': 'Incidencias de los últimos 90 días, las más recientes primero; horas en UTC.',
    'incidents.subscribe': 'Suscribirse al feed',
    'incidents.history': 'Historial de incidencias',
    'incidents.older': 'Incidencias anteriores',
    'incidents.none': 'Ninguna incidencia en los últimos 90 días.',
    'incidents.noneOlder': 'No hay incidencias anteriores.',
    'incidents.pages': 'Páginas de incidencias',
    'incidents.newest': 'Incidencias más recientes',

    'incident.resolved': 'Resuelta',
    'incident.ongoing': 'En curso',
    'incident.investigating': 'En investigación',
    'incident.identified': 'Causa identificada',
    'incident.monitoring': 'En observación',
    'incident.opened': 'Detectada',
    'incident.causeChanged': 'Cambio de causa',
    'incident.checksPass': 'las comprobaciones vuelven a pasar',
    'incident.started': 'Inicio',
    'incident.ended': 'Resuelta',
    'incident.duration': 'Duración',
    'incident.regions': 'Regiones',
    'incident.notEnded': 'en curso',
    'incident.soFar': '{duration} hasta ahora',
    'incident.duringMaintenance': 'Durante un mantenimiento programado',
    'incident.timeline': 'Cronología',

    'maintenance.heading': 'Mantenimiento',
    'maintenance.until': 'en curso hasta el {end}',
    'maintenance.scheduled': 'programado del {start} al {end}',

    'feed.subtitle': 'Incidencias y mantenimientos',
    'feed.incidentTitle': '{monitor}: {cause} ({state})',
    'feed.maintenanceTitle': 'Mantenimiento: {title} ({state})',
    'feed.inProgress': 'en curso',
    'feed.scheduled': 'programado',
    'feed.inProgressFrom': 'En curso del {start} al {end}.',
    'feed.scheduledFrom': 'Programado del {start} al {end}.',

    'mail.confirm.subject': 'Confirma tu suscripción a {page}',
    'mail.confirm.body':
      'Alguien, probablemente tú, ha pedido recibir en esta dirección las incidencias de {page}. Confírmalo con el enlace de abajo; si no fuiste tú, ignora este correo y no recibirás nada más.',
    'mail.confirm.action': 'Confirmar suscripción',
    'mail.unsubscribe.action': 'Darse de baja',
    'mail.unsubscribe.footer': 'Recibes este correo porque te suscribiste a las novedades de {page}.',
    'subscribe.heading': 'Recibir avisos',
    'subscribe.intro':
      'Reciba un mensaje cuando una incidencia empiece, cambie o termine, y antes de un mantenimiento.',
    'subscribe.byWebhook': 'Por webhook (POST JSON, firmas Standard Webhooks)',
    'subscribe.emailLabel': 'Correo electrónico',
    'subscribe.webhookLabel': 'URL del webhook',
    'subscribe.allMonitors': 'Todo lo de esta página',
    'subscribe.someGroups': 'Solo estos grupos:',
    'subscribe.submit': 'Suscribirse',
    'subscribe.checkInbox': 'Revise su bandeja de entrada',
    'subscribe.checkInboxText':
      'Si la dirección puede recibir correo, va en camino un mensaje con un enlace de confirmación. No se envía nada hasta que confirme; una solicitud sin confirmar se elimina.',
    'subscribe.checkWebhook':
      'Lookout envía una solicitud de confirmación firmada a la URL. La suscripción empieza cuando el endpoint responde 2xx con el challenge de esa solicitud en el cuerpo.',
    'subscribe.confirmHeading': 'Confirme su suscripción',
    'subscribe.confirmText': 'Pulse el botón para empezar a recibir avisos.',
    'subscribe.confirmButton': 'Confirmar suscripción',
    'subscribe.confirmedHeading': 'Ya está suscrito',
    'subscribe.confirmedText':
      'A partir de ahora recibirá los avisos. Cada mensaje incluye un enlace para darse de baja.',
    'subscribe.invalidHeading': 'Este enlace no es válido',
    'subscribe.invalidText':
      'Puede que haya caducado o se haya modificado. Suscríbase de nuevo para recibir otro.',
    'subscribe.unsubscribeHeading': 'Darse de baja',
    'subscribe.unsubscribeText': 'Pulse el botón para dejar de recibir avisos.',
    'subscribe.unsubscribeButton': 'Darse de baja',
    'subscribe.unsubscribedHeading': 'Se ha dado de baja',
    'subscribe.unsubscribedText': 'No se enviarán más avisos. Puede volver a suscribirse cuando quiera.',
    'mail.confirm.request':
      'Alguien (esperamos que usted) pidió recibir en esta dirección los avisos de incidencias y mantenimiento de {page}.',
    'mail.confirm.open': 'Para confirmar, abra este enlace:',
    'mail.confirm.expiry':
      'El enlace es válido hasta el {time}. Si no lo pidió, ignore este correo: sin confirmación no se envía nada y la solicitud se elimina.',
    'mail.notice.down': '{name} no funciona',
    'mail.notice.update': '{name}: novedades de la incidencia',
    'mail.notice.recovered': '{name} vuelve a funcionar',
    'mail.notice.maintenanceScheduled': 'Mantenimiento programado: {name}',
    'mail.notice.maintenanceStarted': 'Mantenimiento en curso: {name}',
    'mail.notice.maintenanceEnded': 'Mantenimiento completado: {name}',
    'mail.notice.note': '{name}: {status}',
    'mail.notice.since': 'Desde el {time}.',
    'mail.notice.updatedAt': 'Actualización del {time}.',
    'mail.notice.noteAt': 'Actualización del {time}:',
    'mail.notice.resolvedAt': 'Resuelto el {time}.',
    'mail.notice.resolvedAfter': 'Resuelto el {time}, tras {duration}.',
    'mail.notice.window': 'Periodo: del {start} al {end}.',
    'mail.notice.completedAt': 'Completado el {time}.',
    'mail.notice.details': 'Detalles: {url}',
    'mail.notice.detailsLink': 'Detalles en la página de estado',
    'mail.unsubscribe.line': 'Darse de baja: {url}',
  },
  causes: {
    'http.bad_request': 'Solicitud rechazada (400)',
    'http.unauthorized': 'Credenciales rechazadas (401)',
    'http.forbidden': 'Acceso denegado (403)',
    'http.not_found': 'No encontrado (404)',
    'http.method_not_allowed': 'Método no permitido (405)',
    'http.gone': 'Versión de la API retirada (410)',
    'http.rate_limited': 'Límite de solicitudes (429)',
    'http.server_error': 'Error del servidor (5xx)',
    'http.upstream': 'Fallo de la pasarela o de un servicio anterior (502, 503, 504)',
    'http.unexpected_status': 'Código de estado inesperado',
    'http.redirect': 'Redirección inesperada',
    'http.insecure_redirect': 'Redirección de https a http',
    'net.timeout': 'Tiempo de espera agotado',
    'net.dns': 'El nombre de host no se resuelve',
    'net.refused': 'Conexión rechazada',
    'net.error': 'Fallo de conexión',
    'tls.invalid': 'Fallo del handshake TLS o del certificado',
    'tls.unreadable': 'Certificado ilegible',
    'assert.body': 'Contenido de respuesta incorrecto',
    'assert.header': 'Cabecera de respuesta incorrecta',
    'assert.latency': 'Demasiado lento para usarse',
    'perf.slow': 'Respuestas lentas',
    'security.auth_not_enforced': 'Autenticación no exigida',
    'dependency.down': 'Una dependencia está caída',
    'heartbeat.missed': 'Latido no recibido',
    'heartbeat.failed': 'La tarea informa de un fallo',
    'config.secret_missing': 'Secreto no definido',
    'lookout.prober_failed': 'La comprobación no pudo ejecutarse',
    'lookout.deadline_exceeded': 'La comprobación no terminó a tiempo',
    'api.deprecated': 'API obsoleta',
    'api.sunset_soon': 'Fecha de retirada de la API anunciada',
    'api.sunset_invalid': 'Cabeceras de ciclo de vida no válidas',
    'credential.expiring': 'El token caduca pronto',
    'credential.long_lived': 'Token de vida demasiado larga',
    'security.insecure_transport': 'Transporte inseguro',
    'tls.expiring': 'El certificado caduca pronto',
    'tls.expired': 'Certificado caducado',
    'tls.hostname_mismatch': 'Certificado de otro host',
    'tls.untrusted': 'Certificado no fiable',
    'tls.weak': 'TLS débil',
    'domain.expiring': 'El dominio caduca pronto',
    'domain.expired': 'Dominio caducado',
    'domain.no_rdap': 'Caducidad del dominio ilegible',
    'perf.large_payload': 'Respuesta demasiado grande',
    'vendor.outage': 'Caída del proveedor',
    'vendor.degraded': 'Proveedor degradado',
    'vendor.maintenance': 'Mantenimiento del proveedor',
    'vendor.unreadable': 'Estado del proveedor ilegible',
    'vendor.unknown_component': 'Componente del proveedor desconocido',
    'vendor.incident': 'Incidente del proveedor',
  },
  explanations: {
    'http.bad_request': {
      explanation:
        'La API rechazó la solicitud que envía la comprobación (400): ya no coincide con lo que la API acepta.',
      hint: 'Comparar la solicitud con el contrato actual de la API: nombres de parámetros, estructura del JSON, Content-Type.',
    },
    'http.unauthorized': {
      explanation:
        'Se rechazaron las credenciales (401): faltan, caducaron, se revocaron o se enviaron en la cabecera equivocada.',
      hint: 'Revisar el secreto que usa el monitor; rotar o regenerar la clave; comprobar el esquema de Authorization.',
    },
    'http.forbidden': {
      explanation: 'Autenticado, pero sin permiso (403).',
      hint: 'Revisar el rol, los scopes o las reglas de acceso de la identidad que usa la comprobación.',
    },
    'http.not_found': {
      explanation:
        'La ruta o la versión no existe (404): se movió, se renombró, se eliminó o está mal escrita.',
      hint: 'Comprobar la URL base y la versión; un recurso movido necesita una redirección; buscar un aviso Sunset.',
    },
    'http.method_not_allowed': {
      explanation: 'El endpoint existe, pero no para este método (405).',
      hint: 'Comprobar el método en el contrato de la API.',
    },
    'http.gone': {
      explanation: 'Esta versión de la API se retiró (410).',
      hint: 'Migrar a la versión sucesora.',
    },
    'http.rate_limited': {
      explanation: 'La API limitó la frecuencia de la comprobación (429).',
      hint: 'Reducir la frecuencia de comprobación o aumentar la cuota; ver las cabeceras Retry-After y RateLimit.',
    },
    'http.server_error': {
      explanation: 'El servicio falló con un error no controlado (5xx).',
      hint: 'Leer los registros del servidor en torno a la hora de la comprobación.',
    },
    'http.upstream': {
      explanation: 'Falló una pasarela o una dependencia detrás del servicio (502, 503, 504).',
      hint: 'Comprobar las dependencias del propio servicio: base de datos, API de terceros, hosts anteriores.',
    },
    'http.unexpected_status': {
      explanation: 'El estado está fuera del conjunto aceptado.',
      hint: 'Comparar el estado con el estado esperado del monitor.',
    },
    'http.redirect': {
      explanation: 'La URL redirige donde no debería, demasiadas veces o en bucle.',
      hint: 'Cambiar la URL monitorizada por su destino final, o corregir la cadena de redirecciones.',
    },
    'http.insecure_redirect': {
      explanation:
        'Una URL https redirigió a http sin cifrar: seguirla enviaría la solicitud, credenciales incluidas, donde cualquiera en el camino puede leerla.',
      hint: 'Hacer que la redirección apunte a https, o monitorizar directamente la URL https final.',
    },
    'net.timeout': {
      explanation: 'Sin respuesta dentro del tiempo límite: el servicio está bloqueado o sobrecargado.',
      hint: 'Revisar la saturación, las consultas lentas y los workers atascados.',
    },
    'net.dns': {
      explanation: 'El nombre de host no se resuelve.',
      hint: 'Comprobar el registro DNS y el nombre de host del monitor.',
    },
    'net.refused': {
      explanation: 'La conexión fue rechazada o restablecida: nada escucha, o el servicio se cayó.',
      hint: 'Comprobar que el proceso está en marcha y escuchando en el puerto.',
    },
    'net.error': {
      explanation: 'La conexión falló de una forma que el entorno de ejecución no identifica.',
      hint: 'Comprobar el host, el puerto y cualquier cortafuegos intermedio.',
    },
    'tls.invalid': {
      explanation:
        'El certificado no es válido o caducó, o falló el handshake TLS: los clientes no pueden establecer confianza.',
      hint: 'Leer el hallazgo tls.* o el detalle para saber cuál: caducado, nombre incorrecto, cadena no fiable; renovar o corregir la cadena.',
    },
    'tls.unreadable': {
      explanation:
        'Lookout no pudo leer el certificado (ningún intercambio de claves TLS 1.3 en común, un hello rechazado): esto no dice nada del certificado.',
      hint: 'Leer el detalle; puede que el servicio funcione para los clientes y solo Lookout no pueda leerlo.',
    },
    'assert.body': {
      explanation: 'La API responde, pero con un contenido incorrecto.',
      hint: 'Comparar la respuesta con el contrato; buscar páginas de error servidas con 200.',
    },
    'assert.header': {
      explanation: 'Falta una cabecera de respuesta o es incorrecta.',
      hint: 'Revisar las cabeceras de respuesta: Content-Type, caché, CORS.',
    },
    'assert.latency': {
      explanation: 'Más lento que el umbral de caída: demasiado lento para ser utilizable.',
      hint: 'Revisar la saturación, las cachés frías y los endpoints pesados.',
    },
    'perf.slow': {
      explanation: 'Más lento que el umbral de degradación: se está volviendo lento.',
      hint: 'Revisar la saturación, las cachés frías y los endpoints pesados antes de que se convierta en una caída.',
    },
    'security.auth_not_enforced': {
      explanation: 'Un endpoint que debe exigir credenciales respondió 2xx sin ellas: hay datos expuestos.',
      hint: 'Restablecer la comprobación de autenticación y tratarlo como un incidente de seguridad.',
    },
    'dependency.down': {
      explanation: 'Un monitor del que depende este está caído.',
      hint: 'Revisar primero la dependencia indicada.',
    },
    'heartbeat.missed': {
      explanation: 'Un monitor push no envió su ping dentro de su periodo más el margen de gracia.',
      hint: 'Revisar la tarea programada que debería enviar el ping.',
    },
    'heartbeat.failed': {
      explanation: 'Un monitor push informó de un fallo (?status=fail).',
      hint: 'Leer los registros de la propia tarea; el ping llevaba su mensaje.',
    },
    'vendor.outage': {
      explanation:
        'La página de estado del proveedor informa de una caída parcial o grave de un componente que sigue este monitor.',
      hint: 'Leer el incidente del proveedor (enlazado en el hallazgo); pasar a una alternativa o avisar a sus usuarios: no le corresponde a usted arreglarlo.',
    },
    'vendor.degraded': {
      explanation:
        'La página de estado del proveedor informa de un rendimiento degradado, o de un incidente abierto, en un componente seguido.',
      hint: 'Seguir el incidente del proveedor; esperar llamadas más lentas o fallidas, y revisar sus reintentos y tiempos límite.',
    },
    'vendor.maintenance': {
      explanation: 'La página de estado del proveedor muestra un componente seguido en mantenimiento.',
      hint: 'Consultar el aviso de mantenimiento del proveedor para ver su ventana; el componente probablemente no estará disponible hasta entonces.',
    },
    'vendor.unreadable': {
      explanation:
        'La página de estado del proveedor no devolvió un resumen que Lookout pueda leer (no es JSON, o no tiene el formato de Statuspage): esto no dice nada del proveedor.',
      hint: 'Abrir la URL: usar la URL base de la página o su /api/v2/summary.json (Atlassian Statuspage e incident.io ofrecen uno).',
    },
    'vendor.unknown_component': {
      explanation:
        'Un componente que sigue el monitor no está en la página de estado del proveedor (renombrado, eliminado o mal escrito).',
      hint: 'Corregir los components del monitor: indicar nombres o ids que, según el detalle, tiene la página.',
    },
    'config.secret_missing': {
      explanation:
        'Un secreto al que hace referencia el monitor no está definido en el Worker, así que la comprobación no se envió.',
      hint: 'Definirlo con `wrangler secret put NAME` (o en .dev.vars en local).',
    },
    'lookout.prober_failed': {
      explanation:
        'El sondeador de Lookout para esta región falló, así que la comprobación no se ejecutó: esto no dice nada del destino.',
      hint: 'Buscar el error del sondeador en los registros del Worker (`wrangler tail`).',
    },
    'lookout.deadline_exceeded': {
      explanation:
        'La comprobación seguía en curso, o no había empezado, cuando llegó el plazo de sondeo del ciclo: esto no dice nada del destino.',
      hint: 'Si se repite, reducir los tiempos límite de las comprobaciones más lentas (un flujo suma los tiempos límite de sus pasos).',
    },
    'api.deprecated': {
      explanation: 'La versión de la API está o estará obsoleta (cabecera Deprecation).',
      hint: 'Planificar la migración a la versión sucesora antes de su retirada.',
    },
    'api.sunset_soon': {
      explanation: 'El endpoint anuncia la fecha en que dejará de funcionar (cabecera Sunset).',
      hint: 'Migrar antes de esa fecha; ver el enlace al sucesor.',
    },
    'api.sunset_invalid': {
      explanation:
        'Las cabeceras de ciclo de vida del proveedor son incorrectas: fechas mal formadas, o Sunset antes que Deprecation.',
      hint: 'Avisar al proveedor de la API; no fiarse de las fechas anunciadas.',
    },
    'credential.expiring': {
      explanation: 'El token que envía la comprobación caduca pronto.',
      hint: 'Renovarlo antes de que empiecen los 401.',
    },
    'credential.long_lived': {
      explanation: 'El token que envía la comprobación dura más que el límite.',
      hint: 'Los tokens de larga duración amplían el alcance de una filtración: emitir tokens de menor duración.',
    },
    'security.insecure_transport': {
      explanation: 'El tráfico puede leerse o alterarse en tránsito: HTTP sin cifrar, o HTTPS sin HSTS.',
      hint: 'Servir solo por HTTPS y enviar Strict-Transport-Security.',
    },
    'tls.expiring': {
      explanation: 'El certificado caduca pronto.',
      hint: 'Renovarlo antes de que fallen los clientes; comprobar que la renovación automática funciona.',
    },
    'tls.expired': {
      explanation: 'El certificado ha caducado: los clientes ya rechazan la conexión.',
      hint: 'Renovar y desplegar el certificado ahora, y luego averiguar por qué no se renovó.',
    },
    'tls.hostname_mismatch': {
      explanation: 'El certificado no nombra este host: los clientes lo rechazan.',
      hint: 'Volver a emitirlo con el host en sus nombres alternativos (SAN), o servir el correcto para este SNI.',
    },
    'tls.untrusted': {
      explanation:
        'La cadena de certificados no llega a una raíz conocida: autofirmado, incompleto o CA desconocida.',
      hint: 'Servir la cadena completa (hoja e intermedios) de una CA pública.',
    },
    'tls.weak': {
      explanation:
        'TLS débil: una clave RSA de menos de 2048 bits, una firma SHA-1 o MD5, o TLS inferior a 1.2.',
      hint: 'Volver a emitir con RSA 2048+ o ECDSA y SHA-256; desactivar TLS 1.0 y 1.1.',
    },
    'domain.expiring': {
      explanation:
        'El dominio registrable caduca pronto (evento RDAP expiration): cuando caduque, ningún nombre bajo él se resolverá.',
      hint: 'Renovarlo ya con el registrador y activar la renovación automática con un medio de pago que siga siendo válido.',
    },
    'domain.expired': {
      explanation: 'El dominio registrable ha caducado: puede que el registro ya lo haya retirado del DNS.',
      hint: 'Renovarlo de inmediato con el registrador: durante el periodo de gracia aún se puede recuperar.',
    },
    'domain.no_rdap': {
      explanation:
        'El TLD del dominio no tiene servicio RDAP en el registro de arranque de la IANA: no se puede leer su caducidad.',
      hint: 'Vigilar su caducidad en el registrador; `npm run rdap:bootstrap` actualiza la copia del registro incluida.',
    },
    'vendor.incident': {
      explanation:
        'La página de estado del proveedor tiene un incidente sin resolver en un componente que sigue este monitor.',
      hint: 'Seguir el enlace del incidente para leer las actualizaciones del proveedor.',
    },
    'perf.large_payload': {
      explanation: 'La respuesta supera su presupuesto de tamaño.',
      hint: 'Paginar, filtrar o comprimir: los endpoints pesados son lentos y frágiles.',
    },
  },
  regions: {
    wnam: 'Oeste de Norteamérica',
    enam: 'Este de Norteamérica',
    sam: 'Sudamérica',
    weur: 'Europa Occidental',
    eeur: 'Europa del Este',
    apac: 'Asia-Pacífico',
    oc: 'Oceanía',
    afr: 'África',
    me: 'Oriente Medio',
  },
} satisfies Language;
