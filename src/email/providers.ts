/**
 * Where an email goes out: Cloudflare's `send_email` binding (no HTTP request: a method on the
 * binding) or an HTTP email API (Resend). Building the Resend request is pure; sending through
 * the binding is the one call here that does I/O.
 */
import { parseAddress, type EmailContent } from './message';

export const RESEND_API_URL = 'https://api.resend.com';

/**
 * The structured form of Cloudflare's `SendEmail` binding (`env.EMAIL.send({...})`), which this
 * workerd's types and miniflare's emulation both have. Preferred to a raw MIME `EmailMessage`
 * from `cloudflare:email`: no headers, boundaries or encoded subjects to build by hand, and
 * nothing in outside text can become a header.
 */
export interface EmailBinding {
  send(message: {
    from: string | { email: string; name: string };
    to: string | string[];
    subject: string;
    text?: string;
    html?: string;
    headers?: Record<string, string>;
  }): Promise<{ messageId: string }>;
}

export interface EmailHttpRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

/**
 * Resend's `POST /emails`. The idempotency key (an event id, say) makes a retried send one
 * email: Resend answers a repeat within 24 hours with the first send's result.
 */
export function resendRequest(
  apiUrl: string,
  apiKey: string,
  email: EmailContent,
  idempotencyKey: string,
): EmailHttpRequest {
  const payload: Record<string, unknown> = {
    from: email.from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
  };
  if (email.headers) payload.headers = email.headers;
  return {
    url: `${apiUrl.replace(/\/+$/, '')}/emails`,
    method: 'POST',
    headers: {
      authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey.slice(0, 256),
    },
    body: JSON.stringify(payload),
  };
}

export type BindingOutcome = { ok: true; messageId: string } | { ok: false; error: string };

/**
 * Sends through the binding. Never throws: the binding rejects with an Error whose message says
 * why (sender not verified, recipient not allowed, limits), which becomes the outcome's error.
 */
export async function sendWithBinding(binding: EmailBinding, email: EmailContent): Promise<BindingOutcome> {
  try {
    // The binding takes a name apart from the address, not "Name <address>".
    const { email: address, name } = parseAddress(email.from);
    const result = await binding.send({
      from: name ? { email: address, name } : address,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      ...(email.headers ? { headers: email.headers } : {}),
    });
    return { ok: true, messageId: result.messageId };
  } catch (error) {
    return { ok: false, error: `email binding: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * The email bindings among the Worker's bindings, by name: whatever has a `send` method. Config
 * names the binding, so a name that is not one (or is a secret) finds nothing.
 */
export function emailBindingsFrom(env: object): (name: string) => EmailBinding | undefined {
  return (name) => {
    const value: unknown = (env as Record<string, unknown>)[name];
    return typeof value === 'object' && value !== null && typeof (value as EmailBinding).send === 'function'
      ? (value as EmailBinding)
      : undefined;
  };
}
