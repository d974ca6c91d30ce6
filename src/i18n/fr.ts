import type { Language } from './types';

/**
 * French, typed against English (en.ts). Long because it is only data: the page texts, then each
 * taxonomy code's short name, explanation and hint, then the region names.
 */
export default {
  tag: 'fr',
  name: 'Français',
  messages: {
    'list.separator': ', ',

    'layout.skip': 'Aller au contenu',
    'layout.nav': 'Page de statut',
    'layout.status': 'Statut',
    'layout.incidents': 'Incidents',
    'layout.feed': 'Flux',
    'layout.feedTitle': '{title} : incidents',
    'layout.footer': 'Vérifié depuis plusieurs régions par Lookout · heures en UTC',
    'layout.pause': 'Suspendre l’actualisation automatique',
    'layout.resume': 'Reprendre l’actualisation automatique',

    'status.up': 'Opérationnel',
    'status.degraded': 'Dégradé',
    'status.partial': 'Panne partielle',
    'status.down': 'En panne',
    'status.unknown': 'Inconnu',
    'status.pending': 'En attente du premier contrôle',
    'status.maintenance': 'Maintenance',

    'outcome.up': 'opérationnel',
    'outcome.degraded': 'dégradé',
    'outcome.down': 'en panne',
    'outcome.unknown': 'inconnu',
    'outcome.pending': 'en attente',

    'banner.empty': 'Aucun moniteur configuré pour l’instant',
    'banner.major': 'Panne majeure',
    'banner.partial': 'Panne partielle',
    'banner.maintenance': 'Maintenance programmée en cours',
    'banner.degraded': 'Performances dégradées',
    'banner.up': 'Tous les systèmes sont opérationnels',
    'banner.waiting': 'En attente des contrôles',

    'page.heading': 'Statut actuel',
    'page.services': 'Services',
    'page.otherServices': 'Autres services',
    'page.window.24h': '24 h',
    'page.window.7d': '7 j',
    'page.window.30d': '30 j',
    'page.window.90d': '90 j',
    'page.barsLabel': '{name} : disponibilité par jour, {days} derniers jours',
    'page.noChecks': 'Aucun contrôle pour l’instant',
    'page.today': 'Aujourd’hui',
    'regions.label': 'Statut par région',
    'regions.checked': 'contrôlé à {time} depuis {colo}',

    'bars.noData': '{day} : aucune donnée',
    'bars.span': 'Du {from} au {to} : aucune donnée',
    'bars.uptime': '{day} : {pct} de disponibilité',
    'bars.down': 'en panne {duration}',
    'bars.incidents': { one: '{n} incident ({causes})', other: '{n} incidents ({causes})' },

    'duration.seconds': '{n} s',
    'duration.minutes': '{n} min',
    'duration.hours': '{n} h',
    'duration.days': '{n} j',
    'duration.pair': '{a} {b}',

    'legend.atLeast': '{pct} ou plus',
    'legend.under': 'moins de {pct}',
    'legend.noData': 'aucune donnée',

    'monitor.notFoundTitle': 'Introuvable',
    'monitor.notFoundHeading': 'Moniteur introuvable',
    'monitor.notFoundText': 'Rien de public ne porte l’identifiant {id}.',
    'monitor.back': 'Retour à la page de statut',
    'monitor.checkedEveryMinute': 'contrôlé chaque minute depuis {regions}',
    'monitor.checkedEvery': 'contrôlé toutes les {interval} depuis {regions}',
    'monitor.since': '{status} depuis le {time}',
    'monitor.certificateExpires': 'le certificat expire {when}',
    'monitor.certificateExpired': 'le certificat a expiré {when}',
    'monitor.domainExpires': 'le domaine expire {when}',
    'monitor.domainExpired': 'le domaine a expiré {when}',
    'monitor.hours': { one: '{n} heure', other: '{n} heures' },
    'monitor.days': { one: '{n} jour', other: '{n} jours' },
    'monitor.latency': 'Latence',
    'monitor.chart24h': 'Dernières 24 heures, par heure',
    'monitor.chart90d': '90 derniers jours, par jour',
    'monitor.chart24hTitle': '{name} : latence p50 et p95 par heure, dernières 24 heures',
    'monitor.chart90dTitle': '{name} : latence p50 et p95 par jour, 90 derniers jours',
    'monitor.findings': 'Constats',
    'monitor.noFindings':
      'Rien à signaler : ni dépréciation, ni date de fin, ni identifiant qui expire, ni problème de sécurité.',
    'monitor.sunset': 'Fin de service {when} ({date})',
    'monitor.expires': 'Expire {when} ({date})',
    'monitor.recentIncidents': 'Incidents récents',
    'monitor.noIncidents': 'Aucun incident enregistré.',
    'monitor.duringMaintenance': 'pendant une maintenance',
    'monitor.history': '365 derniers jours',

    'chart.noData': '{region} : aucune donnée',
    'chart.range': '{region} : p50 de {min} à {max}, p95 jusqu’à {p95}',
    'chart.join': ' ; ',
    'chart.summary': '{text}.',
    'chart.key': 'trait plein : p50 · pointillés : p95',
    'chart.table': 'Valeurs sous forme de tableau',
    'chart.time': 'Heure (UTC)',
    'chart.column': '{region} p50 / p95',

    'incidents.title': 'Incidents',
    'incidents.lede': 'Incidents des 90 derniers jours, les plus récents d’abord ; heures en UTC.',
    'incidents.subscribe': 'S’abonner au flux',
    'incidents.history': 'Historique des incidents',
    'incidents.older': 'Incidents plus anciens',
    'incidents.none': 'Aucun incident ces 90 derniers jours.',
    'incidents.noneOlder': 'Aucun incident plus ancien.',
    'incidents.pages': 'Pages d’incidents',
    'incidents.newest': 'Incidents les plus récents',

    'incident.resolved': 'Résolu',
    'incident.ongoing': 'En cours',
    'incident.investigating': 'Analyse en cours',
    'incident.identified': 'Cause identifiée',
    'incident.monitoring': 'Sous surveillance',
    'incident.opened': 'Détecté',
    'incident.causeChanged': 'Cause modifiée',
    'incident.checksPass': 'les contrôles réussissent à nouveau',
    'incident.started': 'Début',
    'incident.ended': 'Résolu',
    'incident.duration': 'Durée',
    'incident.regions': 'Régions',
    'incident.notEnded': 'en cours',
    'incident.soFar': '{duration} jusqu’ici',
    'incident.duringMaintenance': 'Pendant une maintenance programmée',
    'incident.timeline': 'Chronologie',

    'maintenance.heading': 'Maintenance',
    'maintenance.until': 'en cours jusqu’au {end}',
    'maintenance.scheduled': 'prévue du {start} au {end}',

    'feed.subtitle': 'Incidents et maintenances',
    'feed.incidentTitle': '{monitor} : {cause} ({state})',
    'feed.maintenanceTitle': 'Maintenance : {title} ({state})',
    'feed.inProgress': 'en cours',
    'feed.scheduled': 'prévue',
    'feed.inProgressFrom': 'En cours du {start} au {end}.',
    'feed.scheduledFrom': 'Prévue du {start} au {end}.',

    'mail.confirm.subject': 'Confirmez votre abonnement à {page}',
    'mail.confirm.body':
      'Quelqu’un, vous sans doute, a demandé à recevoir à cette adresse les incidents de {page}. Confirmez avec le lien ci-dessous ; si ce n’était pas vous, ignorez ce message et vous ne recevrez rien d’autre.',
    'mail.confirm.action': 'Confirmer l’abonnement',
    'mail.unsubscribe.action': 'Se désabonner',
    'mail.unsubscribe.footer': 'Vous recevez ce message car vous êtes abonné aux nouvelles de {page}.',
    'subscribe.heading': 'Être averti',
    'subscribe.intro':
      'Recevez un message quand un incident commence, évolue ou se termine, et avant une maintenance.',
    'subscribe.byWebhook': 'Par webhook (POST JSON, signatures Standard Webhooks)',
    'subscribe.emailLabel': 'Adresse e-mail',
    'subscribe.webhookLabel': 'URL du webhook',
    'subscribe.allMonitors': 'Tout ce qui figure sur cette page',
    'subscribe.someGroups': 'Seulement ces groupes :',
    'subscribe.submit': 'S’abonner',
    'subscribe.checkInbox': 'Consultez votre boîte de réception',
    'subscribe.checkInboxText':
      'Si l’adresse peut recevoir des e-mails, un message avec un lien de confirmation est en route. Rien n’est envoyé avant votre confirmation ; une demande non confirmée est supprimée.',
    'subscribe.checkWebhook':
      'Lookout envoie une demande de confirmation signée à l’URL. L’abonnement commence dès que le point de terminaison répond 2xx avec, dans le corps, le challenge de cette demande.',
    'subscribe.confirmHeading': 'Confirmez votre abonnement',
    'subscribe.confirmText': 'Appuyez sur le bouton pour commencer à recevoir les notifications.',
    'subscribe.confirmButton': 'Confirmer l’abonnement',
    'subscribe.confirmedHeading': 'Vous êtes abonné',
    'subscribe.confirmedText':
      'Vous recevrez désormais les notifications. Chaque message contient un lien de désabonnement.',
    'subscribe.invalidHeading': 'Ce lien n’est pas valide',
    'subscribe.invalidText':
      'Il a peut-être expiré ou été modifié. Abonnez-vous à nouveau pour en recevoir un autre.',
    'subscribe.unsubscribeHeading': 'Se désabonner',
    'subscribe.unsubscribeText': 'Appuyez sur le bouton pour ne plus recevoir de notifications.',
    'subscribe.unsubscribeButton': 'Se désabonner',
    'subscribe.unsubscribedHeading': 'Vous êtes désabonné',
    'subscribe.unsubscribedText':
      'Plus aucune notification ne sera envoyée. Vous pouvez vous réabonner à tout moment.',
    'mail.confirm.request':
      'Quelqu’un (vous, espérons-le) a demandé à recevoir à cette adresse les notifications d’incidents et de maintenance de {page}.',
    'mail.confirm.open': 'Pour confirmer, ouvrez ce lien :',
    'mail.confirm.expiry':
      'Le lien est valable jusqu’au {time}. Si vous n’avez rien demandé, ignorez cet e-mail : sans confirmation, rien n’est envoyé et la demande est supprimée.',
    'mail.notice.down': '{name} est en panne',
    'mail.notice.update': '{name} : point sur l’incident',
    'mail.notice.recovered': '{name} fonctionne à nouveau',
    'mail.notice.maintenanceScheduled': 'Maintenance programmée : {name}',
    'mail.notice.maintenanceStarted': 'Maintenance en cours : {name}',
    'mail.notice.maintenanceEnded': 'Maintenance terminée : {name}',
    'mail.notice.note': '{name} : {status}',
    'mail.notice.since': 'Depuis le {time}.',
    'mail.notice.updatedAt': 'Mise à jour du {time}.',
    'mail.notice.noteAt': 'Mise à jour du {time} :',
    'mail.notice.resolvedAt': 'Résolu le {time}.',
    'mail.notice.resolvedAfter': 'Résolu le {time}, après {duration}.',
    'mail.notice.window': 'Période : du {start} au {end}.',
    'mail.notice.completedAt': 'Terminée le {time}.',
    'mail.notice.details': 'Détails : {url}',
    'mail.notice.detailsLink': 'Détails sur la page de statut',
    'mail.unsubscribe.line': 'Se désabonner : {url}',
  },
  causes: {
    'http.bad_request': 'Requête refusée (400)',
    'http.unauthorized': 'Identifiants refusés (401)',
    'http.forbidden': 'Accès refusé (403)',
    'http.not_found': 'Introuvable (404)',
    'http.method_not_allowed': 'Méthode non autorisée (405)',
    'http.gone': 'Version d’API retirée (410)',
    'http.rate_limited': 'Débit limité (429)',
    'http.server_error': 'Erreur serveur (5xx)',
    'http.upstream': 'Échec de la passerelle ou d’un service amont (502, 503, 504)',
    'http.unexpected_status': 'Code de statut inattendu',
    'http.redirect': 'Redirection inattendue',
    'http.insecure_redirect': 'Redirection de https vers http',
    'net.timeout': 'Délai dépassé',
    'net.dns': 'Nom d’hôte introuvable',
    'net.refused': 'Connexion refusée',
    'net.error': 'Échec de la connexion',
    'tls.invalid': 'Échec de la négociation TLS ou du certificat',
    'tls.unreadable': 'Certificat illisible',
    'assert.body': 'Contenu de réponse incorrect',
    'assert.header': 'En-tête de réponse incorrect',
    'assert.latency': 'Trop lent pour être utilisable',
    'perf.slow': 'Réponses lentes',
    'security.auth_not_enforced': 'Authentification non exigée',
    'dependency.down': 'Une dépendance est en panne',
    'heartbeat.missed': 'Signal de vie manquant',
    'heartbeat.failed': 'La tâche signale un échec',
    'config.secret_missing': 'Secret non défini',
    'lookout.prober_failed': 'Le contrôle n’a pas pu s’exécuter',
    'lookout.deadline_exceeded': 'Contrôle non terminé à temps',
    'api.deprecated': 'API dépréciée',
    'api.sunset_soon': 'Date de fin de l’API annoncée',
    'api.sunset_invalid': 'En-têtes de cycle de vie invalides',
    'credential.expiring': 'Le jeton expire bientôt',
    'credential.long_lived': 'Jeton à durée de vie trop longue',
    'security.insecure_transport': 'Transport non sécurisé',
    'tls.expiring': 'Le certificat expire bientôt',
    'tls.expired': 'Certificat expiré',
    'tls.hostname_mismatch': 'Certificat d’un autre hôte',
    'tls.untrusted': 'Certificat non approuvé',
    'tls.weak': 'TLS faible',
    'domain.expiring': 'Le domaine expire bientôt',
    'domain.expired': 'Domaine expiré',
    'domain.no_rdap': 'Expiration du domaine illisible',
    'perf.large_payload': 'Réponse trop volumineuse',
    'vendor.outage': 'Panne chez le fournisseur',
    'vendor.degraded': 'Fournisseur dégradé',
    'vendor.maintenance': 'Maintenance chez le fournisseur',
    'vendor.unreadable': 'Statut du fournisseur illisible',
    'vendor.unknown_component': 'Composant du fournisseur inconnu',
    'vendor.incident': 'Incident chez le fournisseur',
  },
  explanations: {
    'http.bad_request': {
      explanation:
        'L’API a rejeté la requête envoyée par la vérification (400) : elle ne correspond plus à ce que l’API accepte.',
      hint: 'Comparer la requête au contrat actuel de l’API : noms des paramètres, structure JSON, Content-Type.',
    },
    'http.unauthorized': {
      explanation:
        'Les identifiants ont été refusés (401) : absents, expirés, révoqués ou envoyés dans le mauvais en-tête.',
      hint: 'Vérifier le secret qu’utilise le moniteur ; faire tourner ou régénérer la clé ; vérifier le schéma Authorization.',
    },
    'http.forbidden': {
      explanation: 'Authentifié, mais pas autorisé (403).',
      hint: 'Revoir le rôle, les scopes ou les règles d’accès de l’identité qu’utilise la vérification.',
    },
    'http.not_found': {
      explanation: 'Le chemin ou la version n’existe pas (404) : déplacé, renommé, supprimé ou mal saisi.',
      hint: 'Vérifier l’URL de base et la version ; une ressource déplacée demande une redirection ; chercher un avis Sunset.',
    },
    'http.method_not_allowed': {
      explanation: 'Le point de terminaison existe, mais pas pour cette méthode (405).',
      hint: 'Vérifier la méthode dans le contrat de l’API.',
    },
    'http.gone': {
      explanation: 'Cette version de l’API a été retirée (410).',
      hint: 'Migrer vers la version qui lui succède.',
    },
    'http.rate_limited': {
      explanation: 'L’API a limité le débit de la vérification (429).',
      hint: 'Réduire la fréquence des vérifications ou relever le quota ; voir les en-têtes Retry-After et RateLimit.',
    },
    'http.server_error': {
      explanation: 'Le service a échoué sur une erreur non gérée (5xx).',
      hint: 'Lire les journaux du serveur autour de l’heure de la vérification.',
    },
    'http.upstream': {
      explanation: 'Une passerelle ou une dépendance derrière le service a échoué (502, 503, 504).',
      hint: 'Vérifier les dépendances du service : base de données, API tierces, hôtes en amont.',
    },
    'http.unexpected_status': {
      explanation: 'Le statut est hors de l’ensemble accepté.',
      hint: 'Comparer le statut au statut attendu du moniteur.',
    },
    'http.redirect': {
      explanation: 'L’URL redirige là où elle ne le devrait pas, trop de fois, ou en boucle.',
      hint: 'Remplacer l’URL surveillée par sa destination finale, ou corriger la chaîne de redirections.',
    },
    'http.insecure_redirect': {
      explanation:
        'Une URL https a redirigé vers du http en clair : la suivre enverrait la requête, identifiants compris, là où quiconque sur le trajet peut la lire.',
      hint: 'Faire pointer la redirection vers https, ou surveiller directement l’URL https finale.',
    },
    'net.timeout': {
      explanation: 'Aucune réponse dans le délai imparti : le service est bloqué ou surchargé.',
      hint: 'Vérifier la saturation, les requêtes lentes et les workers bloqués.',
    },
    'net.dns': {
      explanation: 'Le nom d’hôte ne se résout pas.',
      hint: 'Vérifier l’enregistrement DNS et le nom d’hôte du moniteur.',
    },
    'net.refused': {
      explanation: 'La connexion a été refusée ou réinitialisée : rien n’écoute, ou le service a planté.',
      hint: 'Vérifier que le processus tourne et écoute sur le port.',
    },
    'net.error': {
      explanation: 'La connexion a échoué d’une manière que l’environnement d’exécution ne nomme pas.',
      hint: 'Vérifier l’hôte, le port et tout pare-feu entre les deux.',
    },
    'tls.invalid': {
      explanation:
        'Le certificat est invalide ou expiré, ou la négociation TLS a échoué : les clients ne peuvent pas établir la confiance.',
      hint: 'Lire le constat tls.* ou le détail pour savoir lequel : expiré, mauvais nom, chaîne non fiable ; renouveler ou corriger la chaîne.',
    },
    'tls.unreadable': {
      explanation:
        'Lookout n’a pas pu lire le certificat (aucun échange de clés TLS 1.3 commun, un hello refusé) : cela ne dit rien du certificat lui-même.',
      hint: 'Lire le détail ; le service peut fonctionner pour les clients et n’être illisible que pour Lookout.',
    },
    'assert.body': {
      explanation: 'L’API répond, mais avec un contenu erroné.',
      hint: 'Comparer la réponse au contrat ; chercher des pages d’erreur servies avec un 200.',
    },
    'assert.header': {
      explanation: 'Un en-tête de réponse manque ou est erroné.',
      hint: 'Vérifier les en-têtes de réponse : Content-Type, cache, CORS.',
    },
    'assert.latency': {
      explanation: 'Plus lent que le seuil de panne : trop lent pour être utilisable.',
      hint: 'Examiner la saturation, les caches froids et les points de terminaison coûteux.',
    },
    'perf.slow': {
      explanation: 'Plus lent que le seuil de dégradation : cela ralentit.',
      hint: 'Examiner la saturation, les caches froids et les points de terminaison coûteux avant que cela ne devienne une panne.',
    },
    'security.auth_not_enforced': {
      explanation:
        'Un point de terminaison qui doit exiger des identifiants a répondu 2xx sans eux : des données sont exposées.',
      hint: 'Rétablir le contrôle d’authentification et traiter le cas comme un incident de sécurité.',
    },
    'dependency.down': {
      explanation: 'Un moniteur dont celui-ci dépend est en panne.',
      hint: 'Examiner d’abord la dépendance nommée.',
    },
    'heartbeat.missed': {
      explanation: 'Un moniteur push ne s’est pas signalé dans sa période plus le délai de grâce.',
      hint: 'Vérifier la tâche planifiée qui devrait envoyer le ping.',
    },
    'heartbeat.failed': {
      explanation: 'Un moniteur push a signalé un échec (?status=fail).',
      hint: 'Lire les journaux de la tâche ; le ping portait son message.',
    },
    'vendor.outage': {
      explanation:
        'La page de statut du fournisseur signale une panne partielle ou majeure d’un composant que suit ce moniteur.',
      hint: 'Lire l’incident du fournisseur (lien dans le constat) ; basculer sur une solution de repli ou prévenir vos utilisateurs : ce n’est pas à vous de le corriger.',
    },
    'vendor.degraded': {
      explanation:
        'La page de statut du fournisseur signale des performances dégradées, ou un incident ouvert, sur un composant suivi.',
      hint: 'Suivre l’incident du fournisseur ; s’attendre à des appels plus lents ou en échec, et vérifier vos tentatives et délais d’expiration.',
    },
    'vendor.maintenance': {
      explanation: 'La page de statut du fournisseur indique un composant suivi en maintenance.',
      hint: 'Consulter l’avis de maintenance du fournisseur pour sa fenêtre ; le composant sera sans doute indisponible jusque-là.',
    },
    'vendor.unreadable': {
      explanation:
        'La page de statut du fournisseur n’a pas renvoyé de résumé lisible par Lookout (pas du JSON, ou pas au format Statuspage) : cela ne dit rien du fournisseur.',
      hint: 'Ouvrir l’URL : utiliser l’URL de base de la page ou son /api/v2/summary.json (Atlassian Statuspage et incident.io en servent un).',
    },
    'vendor.unknown_component': {
      explanation:
        'Un composant que suit le moniteur ne figure pas sur la page de statut du fournisseur (renommé, supprimé ou mal saisi).',
      hint: 'Corriger les components du moniteur : indiquer des noms ou identifiants que le détail dit présents sur la page.',
    },
    'config.secret_missing': {
      explanation:
        'Un secret auquel le moniteur fait référence n’est pas défini sur le Worker : la vérification n’a donc pas été envoyée.',
      hint: 'Le définir avec `wrangler secret put NAME` (ou dans .dev.vars en local).',
    },
    'lookout.prober_failed': {
      explanation:
        'La sonde de Lookout pour cette région a échoué, la vérification n’a donc pas eu lieu : cela ne dit rien de la cible.',
      hint: 'Chercher l’erreur de la sonde dans les journaux du Worker (`wrangler tail`).',
    },
    'lookout.deadline_exceeded': {
      explanation:
        'La vérification était encore en cours, ou n’avait pas commencé, à l’échéance du cycle de sondage : cela ne dit rien de la cible.',
      hint: 'Si cela se répète, réduire les délais d’expiration des vérifications les plus lentes (un flow additionne ceux de ses étapes).',
    },
    'api.deprecated': {
      explanation: 'La version de l’API est ou sera dépréciée (en-tête Deprecation).',
      hint: 'Planifier la migration vers la version suivante avant son arrêt.',
    },
    'api.sunset_soon': {
      explanation:
        'Le point de terminaison annonce la date à laquelle il cessera de fonctionner (en-tête Sunset).',
      hint: 'Migrer avant cette date ; voir le lien vers le successeur.',
    },
    'api.sunset_invalid': {
      explanation:
        'Les en-têtes de cycle de vie du fournisseur sont erronés : dates mal formées, ou Sunset avant Deprecation.',
      hint: 'Prévenir le fournisseur de l’API ; ne pas se fier aux dates annoncées.',
    },
    'credential.expiring': {
      explanation: 'Le jeton qu’envoie la vérification expire bientôt.',
      hint: 'Le renouveler avant que les 401 ne commencent.',
    },
    'credential.long_lived': {
      explanation: 'Le jeton qu’envoie la vérification vit plus longtemps que la limite.',
      hint: 'Les jetons de longue durée aggravent les conséquences d’une fuite : en émettre de plus courte durée.',
    },
    'security.insecure_transport': {
      explanation: 'Le trafic peut être lu ou modifié en transit : HTTP en clair, ou HTTPS sans HSTS.',
      hint: 'Ne servir qu’en HTTPS et envoyer Strict-Transport-Security.',
    },
    'tls.expiring': {
      explanation: 'Le certificat expire bientôt.',
      hint: 'Le renouveler avant que les clients n’échouent ; vérifier que le renouvellement automatique fonctionne.',
    },
    'tls.expired': {
      explanation: 'Le certificat a expiré : les clients refusent déjà la connexion.',
      hint: 'Renouveler et déployer le certificat maintenant, puis chercher pourquoi le renouvellement n’a pas eu lieu.',
    },
    'tls.hostname_mismatch': {
      explanation: 'Le certificat ne nomme pas cet hôte : les clients le rejettent.',
      hint: 'Le réémettre avec l’hôte dans ses noms alternatifs (SAN), ou servir le bon certificat pour ce SNI.',
    },
    'tls.untrusted': {
      explanation:
        'La chaîne de certificats n’aboutit à aucune racine connue : autosigné, incomplet ou AC inconnue.',
      hint: 'Servir la chaîne complète (feuille et intermédiaires) d’une AC publique.',
    },
    'tls.weak': {
      explanation:
        'TLS faible : une clé RSA de moins de 2048 bits, une signature SHA-1 ou MD5, ou TLS inférieur à 1.2.',
      hint: 'Réémettre en RSA 2048+ ou ECDSA avec SHA-256 ; désactiver TLS 1.0 et 1.1.',
    },
    'domain.expiring': {
      explanation:
        'Le domaine enregistrable expire bientôt (événement RDAP expiration) : s’il expire, plus aucun nom en dessous ne se résout.',
      hint: 'Le renouveler dès maintenant auprès du registraire, et activer le renouvellement automatique avec un moyen de paiement qui sera toujours valable.',
    },
    'domain.expired': {
      explanation: 'Le domaine enregistrable a expiré : le registre l’a peut-être déjà retiré du DNS.',
      hint: 'Le renouveler sans attendre auprès du registraire : pendant la période de grâce, il peut encore être récupéré.',
    },
    'domain.no_rdap': {
      explanation:
        'Le TLD du domaine n’a pas de service RDAP dans le registre d’amorçage de l’IANA : son expiration ne peut pas être lue.',
      hint: 'Surveiller son expiration chez le registraire ; `npm run rdap:bootstrap` met à jour la copie du registre fournie avec Lookout.',
    },
    'vendor.incident': {
      explanation:
        'La page de statut du fournisseur indique un incident non résolu sur un composant que suit ce moniteur.',
      hint: 'Suivre le lien de l’incident pour les mises à jour du fournisseur.',
    },
    'perf.large_payload': {
      explanation: 'La réponse dépasse son budget de taille.',
      hint: 'Paginer, filtrer ou compresser : les points de terminaison lourds sont lents et fragiles.',
    },
  },
  regions: {
    wnam: 'Ouest de l’Amérique du Nord',
    enam: 'Est de l’Amérique du Nord',
    sam: 'Amérique du Sud',
    weur: 'Europe de l’Ouest',
    eeur: 'Europe de l’Est',
    apac: 'Asie-Pacifique',
    oc: 'Océanie',
    afr: 'Afrique',
    me: 'Moyen-Orient',
  },
} satisfies Language;
