import type { Language } from './types';

/**
 * German, typed against English (en.ts). Long because it is only data: the page texts, then each
 * taxonomy code's short name, explanation and hint, then the region names.
 */
export default {
  tag: 'de',
  name: 'Deutsch',
  messages: {
    'list.separator': ', ',

    'layout.skip': 'Zum Inhalt springen',
    'layout.nav': 'Statusseite',
    'layout.status': 'Status',
    'layout.incidents': 'Vorfälle',
    'layout.feed': 'Feed',
    'layout.feedTitle': '{title}: Vorfälle',
    'layout.footer': 'Aus mehreren Regionen geprüft von Lookout · Zeiten in UTC',
    'layout.pause': 'Automatisches Aktualisieren anhalten',
    'layout.resume': 'Automatisches Aktualisieren fortsetzen',

    'status.up': 'In Betrieb',
    'status.degraded': 'Beeinträchtigt',
    'status.partial': 'Teilausfall',
    'status.down': 'Ausgefallen',
    'status.unknown': 'Unbekannt',
    'status.pending': 'Wartet auf erste Prüfung',
    'status.maintenance': 'Wartung',

    'outcome.up': 'erreichbar',
    'outcome.degraded': 'beeinträchtigt',
    'outcome.down': 'ausgefallen',
    'outcome.unknown': 'unbekannt',
    'outcome.pending': 'ausstehend',

    'banner.empty': 'Noch keine Monitore eingerichtet',
    'banner.major': 'Schwerer Ausfall',
    'banner.partial': 'Teilausfall',
    'banner.maintenance': 'Geplante Wartung läuft',
    'banner.degraded': 'Eingeschränkte Leistung',
    'banner.up': 'Alle Systeme in Betrieb',
    'banner.waiting': 'Warten auf Prüfungen',

    'page.heading': 'Aktueller Status',
    'page.services': 'Dienste',
    'page.otherServices': 'Weitere Dienste',
    'page.window.24h': '24 Std.',
    'page.window.7d': '7 Tage',
    'page.window.30d': '30 Tage',
    'page.window.90d': '90 Tage',
    'page.barsLabel': '{name}: Verfügbarkeit pro Tag, letzte {days} Tage',
    'page.noChecks': 'Noch keine Prüfungen',
    'page.today': 'Heute',
    'regions.label': 'Status pro Region',
    'regions.checked': 'geprüft {time} von {colo}',

    'bars.noData': '{day}: keine Daten',
    'bars.span': '{from} bis {to}: keine Daten',
    'bars.uptime': '{day}: {pct} Verfügbarkeit',
    'bars.down': '{duration} ausgefallen',
    'bars.incidents': { one: '{n} Vorfall ({causes})', other: '{n} Vorfälle ({causes})' },

    'duration.seconds': '{n} s',
    'duration.minutes': '{n} Min.',
    'duration.hours': '{n} Std.',
    'duration.days': '{n} Tg.',
    'duration.pair': '{a} {b}',

    'legend.atLeast': '{pct} oder mehr',
    'legend.under': 'unter {pct}',
    'legend.noData': 'keine Daten',

    'monitor.notFoundTitle': 'Nicht gefunden',
    'monitor.notFoundHeading': 'Diesen Monitor gibt es nicht',
    'monitor.notFoundText': 'Nichts Öffentliches hat die ID {id}.',
    'monitor.back': 'Zurück zur Statusseite',
    'monitor.checkedEveryMinute': 'jede Minute geprüft aus {regions}',
    'monitor.checkedEvery': 'alle {interval} geprüft aus {regions}',
    'monitor.since': '{status} seit {time}',
    'monitor.certificateExpires': 'Zertifikat läuft {when} ab',
    'monitor.certificateExpired': 'Zertifikat ist {when} abgelaufen',
    'monitor.domainExpires': 'Domain läuft {when} ab',
    'monitor.domainExpired': 'Domain ist {when} abgelaufen',
    'monitor.hours': { one: '{n} Stunde', other: '{n} Stunden' },
    'monitor.days': { one: '{n} Tag', other: '{n} Tage' },
    'monitor.latency': 'Antwortzeit',
    'monitor.chart24h': 'Letzte 24 Stunden, pro Stunde',
    'monitor.chart90d': 'Letzte 90 Tage, pro Tag',
    'monitor.chart24hTitle': '{name}: Antwortzeit p50 und p95 pro Stunde, letzte 24 Stunden',
    'monitor.chart90dTitle': '{name}: Antwortzeit p50 und p95 pro Tag, letzte 90 Tage',
    'monitor.findings': 'Befunde',
    'monitor.noFindings':
      'Nichts zu tun: keine Abkündigung, kein Abschaltdatum, kein ablaufender Zugang, kein Sicherheitsbefund.',
    'monitor.sunset': 'Abschaltung {when} ({date})',
    'monitor.expires': 'Läuft {when} ab ({date})',
    'monitor.recentIncidents': 'Letzte Vorfälle',
    'monitor.noIncidents': 'Keine Vorfälle verzeichnet.',
    'monitor.duringMaintenance': 'während einer Wartung',
    'monitor.history': 'Letzte 365 Tage',

    'chart.noData': '{region}: keine Daten',
    'chart.range': '{region}: p50 {min} bis {max}, p95 bis {p95}',
    'chart.join': '; ',
    'chart.summary': '{text}.',
    'chart.key': 'durchgezogen: p50 · gestrichelt: p95',
    'chart.table': 'Werte als Tabelle',
    'chart.time': 'Zeit (UTC)',
    'chart.column': '{region} p50 / p95',

    'incidents.title': 'Vorfälle',
    'incidents.lede': 'Vorfälle der letzten 90 Tage, neueste zuerst; Zeiten in UTC.',
    'incidents.subscribe': 'Feed abonnieren',
    'incidents.history': 'Vorfallhistorie',
    'incidents.older': 'Ältere Vorfälle',
    'incidents.none': 'Keine Vorfälle in den letzten 90 Tagen.',
    'incidents.noneOlder': 'Keine älteren Vorfälle.',
    'incidents.pages': 'Seiten der Vorfälle',
    'incidents.newest': 'Neueste Vorfälle',

    'incident.resolved': 'Behoben',
    'incident.ongoing': 'Andauernd',
    'incident.investigating': 'Wird untersucht',
    'incident.identified': 'Ursache erkannt',
    'incident.monitoring': 'Wird beobachtet',
    'incident.opened': 'Erkannt',
    'incident.causeChanged': 'Ursache geändert',
    'incident.checksPass': 'Prüfungen wieder erfolgreich',
    'incident.started': 'Beginn',
    'incident.ended': 'Behoben',
    'incident.duration': 'Dauer',
    'incident.regions': 'Regionen',
    'incident.notEnded': 'andauernd',
    'incident.soFar': 'bisher {duration}',
    'incident.duringMaintenance': 'Während einer geplanten Wartung',
    'incident.timeline': 'Verlauf',

    'maintenance.heading': 'Wartung',
    'maintenance.until': 'läuft bis {end}',
    'maintenance.scheduled': 'geplant von {start} bis {end}',

    'feed.subtitle': 'Vorfälle und Wartungen',
    'feed.incidentTitle': '{monitor}: {cause} ({state})',
    'feed.maintenanceTitle': 'Wartung: {title} ({state})',
    'feed.inProgress': 'läuft',
    'feed.scheduled': 'geplant',
    'feed.inProgressFrom': 'Läuft von {start} bis {end}.',
    'feed.scheduledFrom': 'Geplant von {start} bis {end}.',

    'mail.confirm.subject': 'Bestätigen Sie Ihr Abonnement von {page}',
    'mail.confirm.body':
      'Jemand, hoffentlich Sie, möchte an diese Adresse Meldungen zu Vorfällen von {page} erhalten. Bestätigen Sie mit dem Link unten; waren Sie es nicht, ignorieren Sie diese E-Mail, dann kommt nichts weiter.',
    'mail.confirm.action': 'Abonnement bestätigen',
    'mail.unsubscribe.action': 'Abbestellen',
    'mail.unsubscribe.footer': 'Sie erhalten diese E-Mail, weil Sie Meldungen von {page} abonniert haben.',
    'subscribe.heading': 'Benachrichtigt werden',
    'subscribe.intro':
      'Erhalten Sie eine Nachricht, wenn ein Vorfall beginnt, sich ändert oder endet, und vor Wartungen.',
    'subscribe.byWebhook': 'Per Webhook (JSON-POST, Standard-Webhooks-Signaturen)',
    'subscribe.emailLabel': 'E-Mail-Adresse',
    'subscribe.webhookLabel': 'Webhook-URL',
    'subscribe.allMonitors': 'Alles auf dieser Seite',
    'subscribe.someGroups': 'Nur diese Gruppen:',
    'subscribe.submit': 'Abonnieren',
    'subscribe.checkInbox': 'Sehen Sie in Ihr Postfach',
    'subscribe.checkInboxText':
      'Wenn die Adresse E-Mails empfangen kann, ist eine Nachricht mit einem Bestätigungslink unterwegs. Bis zu Ihrer Bestätigung wird nichts gesendet; eine unbestätigte Anfrage wird gelöscht.',
    'subscribe.checkWebhook':
      'Lookout sendet eine signierte Bestätigungsanfrage an die URL. Das Abonnement beginnt, sobald der Endpunkt mit 2xx und der Challenge aus dieser Anfrage im Body antwortet.',
    'subscribe.confirmHeading': 'Abonnement bestätigen',
    'subscribe.confirmText': 'Klicken Sie auf die Schaltfläche, um Benachrichtigungen zu erhalten.',
    'subscribe.confirmButton': 'Abonnement bestätigen',
    'subscribe.confirmedHeading': 'Ihr Abonnement ist aktiv',
    'subscribe.confirmedText':
      'Ab jetzt erhalten Sie Benachrichtigungen. Jede Nachricht enthält einen Link zum Abbestellen.',
    'subscribe.invalidHeading': 'Dieser Link ist ungültig',
    'subscribe.invalidText':
      'Er ist vielleicht abgelaufen oder wurde verändert. Abonnieren Sie erneut, um einen neuen zu erhalten.',
    'subscribe.unsubscribeHeading': 'Abbestellen',
    'subscribe.unsubscribeText':
      'Klicken Sie auf die Schaltfläche, um keine Benachrichtigungen mehr zu erhalten.',
    'subscribe.unsubscribeButton': 'Abbestellen',
    'subscribe.unsubscribedHeading': 'Sie haben abbestellt',
    'subscribe.unsubscribedText':
      'Es werden keine Benachrichtigungen mehr gesendet. Sie können jederzeit erneut abonnieren.',
    'mail.confirm.request':
      'Jemand (hoffentlich Sie) möchte an diese Adresse Benachrichtigungen über Vorfälle und Wartungen von {page} erhalten.',
    'mail.confirm.open': 'Zum Bestätigen öffnen Sie diesen Link:',
    'mail.confirm.expiry':
      'Der Link gilt bis {time}. Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ohne Bestätigung wird nichts gesendet, und die Anfrage wird gelöscht.',
    'mail.notice.down': '{name} ist ausgefallen',
    'mail.notice.update': '{name}: neue Informationen zum Vorfall',
    'mail.notice.recovered': '{name} funktioniert wieder',
    'mail.notice.maintenanceScheduled': 'Geplante Wartung: {name}',
    'mail.notice.maintenanceStarted': 'Wartung läuft: {name}',
    'mail.notice.maintenanceEnded': 'Wartung abgeschlossen: {name}',
    'mail.notice.note': '{name}: {status}',
    'mail.notice.since': 'Seit {time}.',
    'mail.notice.updatedAt': 'Stand: {time}.',
    'mail.notice.noteAt': 'Stand {time}:',
    'mail.notice.resolvedAt': 'Behoben am {time}.',
    'mail.notice.resolvedAfter': 'Behoben am {time}, nach {duration}.',
    'mail.notice.window': 'Zeitraum: {start} bis {end}.',
    'mail.notice.completedAt': 'Abgeschlossen am {time}.',
    'mail.notice.details': 'Details: {url}',
    'mail.notice.detailsLink': 'Details auf der Statusseite',
    'mail.unsubscribe.line': 'Abbestellen: {url}',
  },
  causes: {
    'http.bad_request': 'Anfrage abgelehnt (400)',
    'http.unauthorized': 'Zugangsdaten abgelehnt (401)',
    'http.forbidden': 'Zugriff verweigert (403)',
    'http.not_found': 'Nicht gefunden (404)',
    'http.method_not_allowed': 'Methode nicht erlaubt (405)',
    'http.gone': 'API-Version eingestellt (410)',
    'http.rate_limited': 'Anfragen gedrosselt (429)',
    'http.server_error': 'Serverfehler (5xx)',
    'http.upstream': 'Gateway- oder Upstream-Fehler (502, 503, 504)',
    'http.unexpected_status': 'Unerwarteter Statuscode',
    'http.redirect': 'Unerwartete Weiterleitung',
    'http.insecure_redirect': 'Weiterleitung von https auf http',
    'net.timeout': 'Zeitüberschreitung',
    'net.dns': 'Hostname nicht auflösbar',
    'net.refused': 'Verbindung abgelehnt',
    'net.error': 'Verbindung fehlgeschlagen',
    'tls.invalid': 'TLS-Handshake oder Zertifikat fehlerhaft',
    'tls.unreadable': 'Zertifikat nicht lesbar',
    'assert.body': 'Falscher Antwortinhalt',
    'assert.header': 'Falscher Antwort-Header',
    'assert.latency': 'Zu langsam für den Betrieb',
    'perf.slow': 'Langsame Antworten',
    'security.auth_not_enforced': 'Authentifizierung nicht erzwungen',
    'dependency.down': 'Eine Abhängigkeit ist ausgefallen',
    'heartbeat.missed': 'Heartbeat ausgeblieben',
    'heartbeat.failed': 'Job meldet einen Fehler',
    'config.secret_missing': 'Secret nicht gesetzt',
    'lookout.prober_failed': 'Prüfung konnte nicht laufen',
    'lookout.deadline_exceeded': 'Prüfung nicht rechtzeitig fertig',
    'api.deprecated': 'API abgekündigt',
    'api.sunset_soon': 'Abschaltdatum der API angekündigt',
    'api.sunset_invalid': 'Ungültige Lebenszyklus-Header',
    'credential.expiring': 'Token läuft bald ab',
    'credential.long_lived': 'Token gilt zu lange',
    'security.insecure_transport': 'Unsichere Übertragung',
    'tls.expiring': 'Zertifikat läuft bald ab',
    'tls.expired': 'Zertifikat abgelaufen',
    'tls.hostname_mismatch': 'Zertifikat für einen anderen Host',
    'tls.untrusted': 'Nicht vertrauenswürdiges Zertifikat',
    'tls.weak': 'Schwaches TLS',
    'domain.expiring': 'Domain läuft bald ab',
    'domain.expired': 'Domain abgelaufen',
    'domain.no_rdap': 'Ablauf der Domain nicht lesbar',
    'perf.large_payload': 'Antwort zu groß',
    'vendor.outage': 'Ausfall beim Anbieter',
    'vendor.degraded': 'Anbieter eingeschränkt',
    'vendor.maintenance': 'Wartung beim Anbieter',
    'vendor.unreadable': 'Anbieterstatus nicht lesbar',
    'vendor.unknown_component': 'Unbekannte Anbieterkomponente',
    'vendor.incident': 'Störung beim Anbieter',
  },
  explanations: {
    'http.bad_request': {
      explanation:
        'Die API hat die Anfrage der Prüfung abgelehnt (400): Sie entspricht nicht mehr dem, was die API annimmt.',
      hint: 'Die Anfrage mit der aktuellen API-Spezifikation vergleichen: Parameternamen, JSON-Struktur, Content-Type.',
    },
    'http.unauthorized': {
      explanation:
        'Die Zugangsdaten wurden abgelehnt (401): fehlend, abgelaufen, widerrufen oder im falschen Header gesendet.',
      hint: 'Das Secret des Monitors prüfen; den Schlüssel rotieren oder neu erzeugen; das Authorization-Schema prüfen.',
    },
    'http.forbidden': {
      explanation: 'Authentifiziert, aber nicht berechtigt (403).',
      hint: 'Rolle, Scopes oder Zugriffsregeln der Identität prüfen, mit der die Prüfung läuft.',
    },
    'http.not_found': {
      explanation:
        'Pfad oder Version existiert nicht (404): verschoben, umbenannt, entfernt oder falsch geschrieben.',
      hint: 'Basis-URL und Version prüfen; eine verschobene Ressource braucht eine Weiterleitung; nach einem Sunset-Hinweis suchen.',
    },
    'http.method_not_allowed': {
      explanation: 'Den Endpunkt gibt es, aber nicht für diese Methode (405).',
      hint: 'Die Methode in der API-Spezifikation nachsehen.',
    },
    'http.gone': {
      explanation: 'Diese API-Version wurde eingestellt (410).',
      hint: 'Auf die Nachfolgeversion migrieren.',
    },
    'http.rate_limited': {
      explanation: 'Die API hat die Prüfung gedrosselt (429).',
      hint: 'Die Prüfrate senken oder das Kontingent erhöhen; siehe Retry-After- und RateLimit-Header.',
    },
    'http.server_error': {
      explanation: 'Der Dienst ist mit einem unbehandelten Fehler gescheitert (5xx).',
      hint: 'Die Serverlogs um den Zeitpunkt der Prüfung lesen.',
    },
    'http.upstream': {
      explanation: 'Ein Gateway oder eine Abhängigkeit hinter dem Dienst ist ausgefallen (502, 503, 504).',
      hint: 'Die Abhängigkeiten des Dienstes prüfen: Datenbank, Drittanbieter-APIs, Upstream-Hosts.',
    },
    'http.unexpected_status': {
      explanation: 'Der Status liegt außerhalb der akzeptierten Menge.',
      hint: 'Den Status mit dem erwarteten Status des Monitors vergleichen.',
    },
    'http.redirect': {
      explanation: 'Die URL leitet weiter, wo sie es nicht sollte, zu oft oder im Kreis.',
      hint: 'Die überwachte URL auf ihr endgültiges Ziel ändern oder die Weiterleitungskette reparieren.',
    },
    'http.insecure_redirect': {
      explanation:
        'Eine https-URL leitete auf unverschlüsseltes http weiter: Wer ihr folgt, sendet die Anfrage samt Zugangsdaten dorthin, wo jeder auf dem Weg sie mitlesen kann.',
      hint: 'Die Weiterleitung auf https zeigen lassen oder direkt die endgültige https-URL überwachen.',
    },
    'net.timeout': {
      explanation: 'Keine Antwort innerhalb des Timeouts: Der Dienst hängt oder ist überlastet.',
      hint: 'Auslastung, langsame Abfragen und hängende Worker prüfen.',
    },
    'net.dns': {
      explanation: 'Der Hostname lässt sich nicht auflösen.',
      hint: 'Den DNS-Eintrag und den Hostnamen des Monitors prüfen.',
    },
    'net.refused': {
      explanation:
        'Die Verbindung wurde abgelehnt oder zurückgesetzt: Nichts lauscht auf dem Port, oder der Dienst ist abgestürzt.',
      hint: 'Prüfen, ob der Prozess läuft und auf dem Port lauscht.',
    },
    'net.error': {
      explanation: 'Die Verbindung ist auf eine Weise gescheitert, die die Laufzeitumgebung nicht benennt.',
      hint: 'Host, Port und jede Firewall dazwischen prüfen.',
    },
    'tls.invalid': {
      explanation:
        'Das Zertifikat ist ungültig oder abgelaufen, oder der TLS-Handshake ist gescheitert: Clients können kein Vertrauen aufbauen.',
      hint: 'Im tls.*-Befund oder im Detail nachlesen, was zutrifft: abgelaufen, falscher Name, nicht vertrauenswürdige Kette; erneuern oder die Kette reparieren.',
    },
    'tls.unreadable': {
      explanation:
        'Lookout konnte das Zertifikat nicht lesen (kein gemeinsamer TLS-1.3-Schlüsselaustausch, ein abgewiesenes Hello): Über das Zertifikat selbst sagt das nichts.',
      hint: 'Das Detail lesen; für Clients kann der Dienst in Ordnung sein, nur für Lookout ist er unlesbar.',
    },
    'assert.body': {
      explanation: 'Die API antwortet, aber mit falschem Inhalt.',
      hint: 'Die Antwort mit der Spezifikation vergleichen; auf Fehlerseiten achten, die mit 200 ausgeliefert werden.',
    },
    'assert.header': {
      explanation: 'Ein Antwort-Header fehlt oder ist falsch.',
      hint: 'Die Antwort-Header prüfen: Content-Type, Caching, CORS.',
    },
    'assert.latency': {
      explanation: 'Langsamer als die Ausfallschwelle: zu langsam, um nutzbar zu sein.',
      hint: 'Auslastung, kalte Caches und aufwendige Endpunkte untersuchen.',
    },
    'perf.slow': {
      explanation: 'Langsamer als die Schwelle für Beeinträchtigung: Es wird langsam.',
      hint: 'Auslastung, kalte Caches und aufwendige Endpunkte untersuchen, bevor daraus ein Ausfall wird.',
    },
    'security.auth_not_enforced': {
      explanation:
        'Ein Endpunkt, der Zugangsdaten verlangen muss, hat ohne sie mit 2xx geantwortet: Daten liegen offen.',
      hint: 'Die Authentifizierungsprüfung wiederherstellen und den Fall als Sicherheitsvorfall behandeln.',
    },
    'dependency.down': {
      explanation: 'Ein Monitor, von dem dieser abhängt, ist ausgefallen.',
      hint: 'Zuerst die genannte Abhängigkeit ansehen.',
    },
    'heartbeat.missed': {
      explanation: 'Ein Push-Monitor hat sich nicht innerhalb seiner Periode plus Kulanzzeit gemeldet.',
      hint: 'Den geplanten Job prüfen, der den Ping senden sollte.',
    },
    'heartbeat.failed': {
      explanation: 'Ein Push-Monitor hat einen Fehler gemeldet (?status=fail).',
      hint: 'Die Logs des Jobs lesen; der Ping enthielt seine Meldung.',
    },
    'vendor.outage': {
      explanation:
        'Die Statusseite des Anbieters meldet einen teilweisen oder größeren Ausfall einer Komponente, der dieser Monitor folgt.',
      hint: 'Die Störungsmeldung des Anbieters lesen (im Befund verlinkt); auf eine Ausweichlösung umschalten oder die eigenen Nutzer informieren: Beheben kann es nur der Anbieter.',
    },
    'vendor.degraded': {
      explanation:
        'Die Statusseite des Anbieters meldet eingeschränkte Leistung oder eine offene Störung bei einer verfolgten Komponente.',
      hint: 'Die Störung beim Anbieter beobachten; mit langsameren oder fehlschlagenden Aufrufen rechnen und die eigenen Retries und Timeouts prüfen.',
    },
    'vendor.maintenance': {
      explanation: 'Die Statusseite des Anbieters zeigt eine verfolgte Komponente in Wartung.',
      hint: 'Das Wartungsfenster in der Ankündigung des Anbieters nachsehen; bis dahin ist die Komponente wohl nicht verfügbar.',
    },
    'vendor.unreadable': {
      explanation:
        'Die Statusseite des Anbieters lieferte keine Zusammenfassung, die Lookout lesen kann (kein JSON oder nicht im Statuspage-Format): Über den Anbieter sagt das nichts.',
      hint: 'Die URL öffnen: die Basis-URL der Seite oder ihre /api/v2/summary.json verwenden (Atlassian Statuspage und incident.io bieten eine an).',
    },
    'vendor.unknown_component': {
      explanation:
        'Eine Komponente, der der Monitor folgt, steht nicht auf der Statusseite des Anbieters (umbenannt, entfernt oder falsch geschrieben).',
      hint: 'Die components des Monitors korrigieren: Namen oder IDs eintragen, die laut Detail auf der Seite stehen.',
    },
    'config.secret_missing': {
      explanation:
        'Ein Secret, auf das der Monitor verweist, ist im Worker nicht gesetzt; deshalb wurde die Prüfung nicht gesendet.',
      hint: 'Mit `wrangler secret put NAME` setzen (lokal in .dev.vars).',
    },
    'lookout.prober_failed': {
      explanation:
        'Der Prober von Lookout für diese Region ist gescheitert, die Prüfung lief also nicht: Über das Ziel sagt das nichts.',
      hint: 'In den Worker-Logs (`wrangler tail`) nach dem Fehler des Probers suchen.',
    },
    'lookout.deadline_exceeded': {
      explanation:
        'Die Prüfung lief noch oder hatte noch nicht begonnen, als die Frist des Prüfdurchlaufs ablief: Über das Ziel sagt das nichts.',
      hint: 'Wenn es sich wiederholt, die Timeouts der langsamsten Prüfungen senken (ein Flow addiert die Timeouts seiner Schritte).',
    },
    'api.deprecated': {
      explanation: 'Die API-Version ist oder wird abgekündigt (Deprecation-Header).',
      hint: 'Die Migration auf die Nachfolgeversion planen, bevor sie abgeschaltet wird.',
    },
    'api.sunset_soon': {
      explanation: 'Der Endpunkt kündigt das Datum an, ab dem er nicht mehr funktioniert (Sunset-Header).',
      hint: 'Vor diesem Datum migrieren; siehe den Link auf den Nachfolger.',
    },
    'api.sunset_invalid': {
      explanation:
        'Die Lebenszyklus-Header des Anbieters sind fehlerhaft: ungültige Datumsangaben oder Sunset vor Deprecation.',
      hint: 'Den API-Anbieter informieren; sich nicht auf die angekündigten Daten verlassen.',
    },
    'credential.expiring': {
      explanation: 'Das Token, das die Prüfung sendet, läuft bald ab.',
      hint: 'Es erneuern, bevor die 401-Fehler beginnen.',
    },
    'credential.long_lived': {
      explanation: 'Das Token, das die Prüfung sendet, gilt länger als das Limit.',
      hint: 'Langlebige Tokens vergrößern den Schaden eines Lecks: kurzlebigere ausstellen.',
    },
    'security.insecure_transport': {
      explanation:
        'Der Datenverkehr kann unterwegs gelesen oder verändert werden: einfaches HTTP oder HTTPS ohne HSTS.',
      hint: 'Nur über HTTPS ausliefern und Strict-Transport-Security senden.',
    },
    'tls.expiring': {
      explanation: 'Das Zertifikat läuft bald ab.',
      hint: 'Es erneuern, bevor Clients scheitern; prüfen, ob die automatische Erneuerung läuft.',
    },
    'tls.expired': {
      explanation: 'Das Zertifikat ist abgelaufen: Clients lehnen die Verbindung bereits ab.',
      hint: 'Das Zertifikat jetzt erneuern und ausrollen, dann klären, warum die Erneuerung nicht lief.',
    },
    'tls.hostname_mismatch': {
      explanation: 'Das Zertifikat nennt diesen Host nicht: Clients lehnen es ab.',
      hint: 'Es mit dem Host in den Subject Alternative Names neu ausstellen oder für diese SNI das richtige ausliefern.',
    },
    'tls.untrusted': {
      explanation:
        'Die Zertifikatskette führt zu keiner bekannten Root: selbstsigniert, unvollständig oder unbekannte CA.',
      hint: 'Die vollständige Kette (Leaf und Intermediates) einer öffentlichen CA ausliefern.',
    },
    'tls.weak': {
      explanation:
        'Schwaches TLS: ein RSA-Schlüssel unter 2048 Bit, eine SHA-1- oder MD5-Signatur oder TLS unter 1.2.',
      hint: 'Mit RSA 2048+ oder ECDSA und SHA-256 neu ausstellen; TLS 1.0 und 1.1 abschalten.',
    },
    'domain.expiring': {
      explanation:
        'Die registrierbare Domain läuft bald ab (RDAP-Ereignis expiration): Verfällt sie, löst kein Name darunter mehr auf.',
      hint: 'Sie jetzt beim Registrar verlängern und die automatische Verlängerung mit einem Zahlungsmittel einschalten, das auch dann noch gilt.',
    },
    'domain.expired': {
      explanation:
        'Die registrierbare Domain ist abgelaufen: Die Registry hat sie womöglich schon aus dem DNS genommen.',
      hint: 'Sie sofort beim Registrar verlängern: In der Kulanzfrist lässt sie sich noch retten.',
    },
    'domain.no_rdap': {
      explanation:
        'Für die TLD der Domain gibt es in der Bootstrap-Registry der IANA keinen RDAP-Dienst: Ihr Ablaufdatum ist nicht lesbar.',
      hint: 'Das Ablaufdatum beim Registrar im Blick behalten; `npm run rdap:bootstrap` aktualisiert die mitgelieferte Kopie der Registry.',
    },
    'vendor.incident': {
      explanation:
        'Die Statusseite des Anbieters zeigt eine ungelöste Störung bei einer Komponente, der dieser Monitor folgt.',
      hint: 'Dem Link der Störung folgen, um die Updates des Anbieters zu lesen.',
    },
    'perf.large_payload': {
      explanation: 'Die Antwort ist größer als ihr Größenbudget.',
      hint: 'Paginieren, filtern oder komprimieren: Schwere Endpunkte sind langsam und anfällig.',
    },
  },
  regions: {
    wnam: 'Westliches Nordamerika',
    enam: 'Östliches Nordamerika',
    sam: 'Südamerika',
    weur: 'Westeuropa',
    eeur: 'Osteuropa',
    apac: 'Asien-Pazifik',
    oc: 'Ozeanien',
    afr: 'Afrika',
    me: 'Naher Osten',
  },
} satisfies Language;
