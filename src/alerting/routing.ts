import type { ChannelConfig } from '../config/alerting-schema';
import { OPSGENIE_API_URLS } from './channels/opsgenie';
import type { ResolvedChannel } from './channels/types';
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
export function resolveChannel(config: ChannelConfig, secrets: SecretLookup): ResolvedChannel {
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
    case 'telegram':
      return {
        kind: 'telegram',
        id: config.id,
        apiUrl: config.api_url,
        botToken: value(config.bot_token),
        chatId: config.chat_id,
        threadId: config.message_thread_id ?? null,
      };
    case 'teams':
    case 'google_chat':
    case 'mattermost':
      return { kind: config.kind, id: config.id, webhookUrl: value(config.webhook_url) };
    case 'opsgenie':
      return {
        kind: 'opsgenie',
        id: config.id,
        apiUrl: config.api_url ?? OPSGENIE_API_URLS[config.region],
        apiKey: value(config.api_key),
        tags: config.tags,
      };
    case 'ntfy':
      return {
        kind: 'ntfy',
        id: config.id,
        serverUrl: config.server,
        topic: value(config.topic),
        token: config.token === undefined ? null : value(config.token),
      };
    case 'pushover':
      return {
        kind: 'pushover',
        id: config.id,
        apiUrl: config.api_url,
        token: value(config.token),
        user: value(config.user),
        device: config.device ?? null,
      };
    case 'matrix':
      return {
        kind: 'matrix',
        id: config.id,
        homeserverUrl: config.homeserver,
        roomId: config.room_id,
        accessToken: value(config.access_token),
      };
    case 'email':
      return config.provider === 'cloudflare'
        ? {
            kind: 'email',
            provider: 'cloudflare',
            id: config.id,
            binding: config.binding,
            from: config.from,
            to: config.to,
          }
        : {
            kind: 'email',
            provider: 'resend',
            id: config.id,
            apiUrl: config.api_url,
            apiKey: value(config.api_key),
            from: config.from,
            to: config.to,
          };
  }
}
