/**
 * Alert channels as the senders see them: configuration with secrets already resolved by the
 * caller, and the one HTTP request each message becomes.
 */

/** One outbound message, ready for `fetch`. Built by pure functions; sent by `sendChannelRequest`. */
export interface ChannelRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

export interface SlackChannel {
  kind: 'slack';
  id: string;
  /** An incoming-webhook URL (https://hooks.slack.com/services/...). */
  webhookUrl: string;
}

export interface DiscordChannel {
  kind: 'discord';
  id: string;
  /** https://discord.com/api/webhooks/{id}/{token} */
  webhookUrl: string;
}

export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

export interface PagerDutyChannel {
  kind: 'pagerduty';
  id: string;
  /** The integration key of an Events API v2 integration. */
  routingKey: string;
  /** PAGERDUTY_EVENTS_URL in production; a local receiver in tests. */
  eventsUrl: string;
}

export interface WebhookChannel {
  kind: 'webhook';
  id: string;
  url: string;
  /** Standard Webhooks signing secret: "whsec_" + base64 key. */
  secret: string;
}

export type Channel = SlackChannel | DiscordChannel | PagerDutyChannel | WebhookChannel;

export type ChannelKind = Channel['kind'];
