import type { ChannelConfig } from '../config/alerting-schema';
import type { Channel } from './channels/types';
import type { AlertEvent } from './events';
import { resolveTemplate, type SecretLookup } from '../probes/templates';

/** The channels an event goes to, by their routes (an empty route takes everything). Pure. */
export function routeEvent(event: AlertEvent, channels: readonly ChannelConfig[]): string[] {
  return channels
    .filter(({ route }) => {
      if (route.monitors && !route.monitors.includes(event.monitor.id)) return false;
      if (route.groups && !(event.monitor.group !== null && route.groups.includes(event.monitor.group)))
        return false;
      if (route.severities && !route.severities.includes(event.severity)) return false;
      if (route.events && !route.events.includes(event.type)) return false;
      return true;
    })
    .map((channel) => channel.id);
}

/** A channel with its secrets read, at send time only. Throws MissingValueError for an unset secret. */
export function resolveChannel(config: ChannelConfig, secrets: SecretLookup): Channel {
  const value = (text: string) => resolveTemplate(text, { secrets, vars: {}, used: new Set() });
  switch (config.kind) {
    case 'slack':
      return { kind: 'slack', id: config.id, webhookUrl: value(config.webhook_url) };
    case 'discord':
      return { kind: 'discord', id: config.id, webhookUrl: value(config.webhook_url) };
    case 'pagerduty':
      return {
        kind: 'pagerduty',
        id: config.id,
        routingKey: value(config.routing_key),
        eventsUrl: config.events_url,
      };
    case 'webhook':
      return { kind: 'webhook', id: config.id, url: value(config.url), secret: value(config.secret) };
  }
}
