/**
 * Alert channels as the senders see them: configuration with secrets already resolved by the
 * caller, and the one HTTP request each message becomes.
 */

/** One outbound message, ready for `fetch`. Built by pure functions; sent by `sendChannelRequest`. */
export interface ChannelRequest {
  url: string;
  /** PUT for Matrix (the transaction id in the path makes it idempotent); POST everywhere else. */
  method: 'POST' | 'PUT';
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

export interface TelegramChannel {
  kind: 'telegram';
  id: string;
  /** https://api.telegram.org, or a local Bot API server. */
  apiUrl: string;
  botToken: string;
  /** A chat id (-100…) or "@channelusername". */
  chatId: string | number;
  /** A forum topic, when the chat has topics. */
  threadId: number | null;
}

export interface TeamsChannel {
  kind: 'teams';
  id: string;
  /** A Power Automate workflow's "When a Teams webhook request is received" URL. */
  webhookUrl: string;
}

export interface GoogleChatChannel {
  kind: 'google_chat';
  id: string;
  /** https://chat.googleapis.com/v1/spaces/…/messages?key=…&token=… */
  webhookUrl: string;
}

export interface MattermostChannel {
  kind: 'mattermost';
  id: string;
  /** https://mattermost.example.com/hooks/… */
  webhookUrl: string;
}

export interface OpsgenieChannel {
  kind: 'opsgenie';
  id: string;
  /** https://api.opsgenie.com, https://api.eu.opsgenie.com, or a local receiver in tests. */
  apiUrl: string;
  apiKey: string;
  tags: string[];
}

export interface NtfyChannel {
  kind: 'ntfy';
  id: string;
  serverUrl: string;
  topic: string;
  /** An access token (tk_…) for a protected topic. */
  token: string | null;
}

export interface PushoverChannel {
  kind: 'pushover';
  id: string;
  apiUrl: string;
  /** The application's API token. */
  token: string;
  /** The user or group key. */
  user: string;
  device: string | null;
}

export interface MatrixChannel {
  kind: 'matrix';
  id: string;
  /** The homeserver's client-server API base, e.g. https://matrix.example.org. */
  homeserverUrl: string;
  /** "!abcdef:example.org". */
  roomId: string;
  accessToken: string;
}

/** Email through Resend's HTTP API. */
export interface ResendEmailChannel {
  kind: 'email';
  provider: 'resend';
  id: string;
  apiUrl: string;
  apiKey: string;
  from: string;
  to: string[];
}

/** Email through Cloudflare's `send_email` binding: a method call, not an HTTP request. */
export interface CloudflareEmailChannel {
  kind: 'email';
  provider: 'cloudflare';
  id: string;
  /** The binding's name in wrangler.toml ([[send_email]] name). */
  binding: string;
  from: string;
  to: string[];
}

/** The channels whose message is one HTTP request (buildChannelRequest). */
export type Channel =
  | SlackChannel
  | DiscordChannel
  | PagerDutyChannel
  | WebhookChannel
  | TelegramChannel
  | TeamsChannel
  | GoogleChatChannel
  | MattermostChannel
  | OpsgenieChannel
  | NtfyChannel
  | PushoverChannel
  | MatrixChannel
  | ResendEmailChannel;

/** Every channel, as resolved at send time (deliverToChannel). */
export type ResolvedChannel = Channel | CloudflareEmailChannel;

export type ChannelKind = ResolvedChannel['kind'];
