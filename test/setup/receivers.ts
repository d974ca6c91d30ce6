/**
 * Local stand-ins for the alert receivers, for tests: one HTTP server playing Slack, Discord,
 * PagerDuty, a Standard Webhooks endpoint (which verifies signatures as the spec says), and the
 * services in ./service-receivers.ts (Telegram, Teams, Google Chat, Mattermost, Opsgenie, ntfy,
 * Pushover, Matrix, Resend), each speaking its own API. Every
 * request is recorded, failed attempts included, and each receiver can be told to fail, hang, or
 * die mid-request (read the request, then drop the connection without answering).
 *
 *   POST   /slack/:name                 200 "ok"
 *   POST   /discord/:name               204
 *   POST   /pagerduty/:name[/v2/enqueue] 202 {"status":"success","message":"Event processed","dedup_key":...}
 *   POST   /webhook/:name               200 when the signature verifies; 400 stale or malformed, 401 bad
 *   POST   /__control/:kind/:name       { failWith?, retryAfter?, hangMs?, dropNext?, secret? } (merged)
 *   DELETE /__control/:kind/:name       healthy again (a webhook secret is kept)
 *   GET    /__received/:kind/:name      the recorded requests, oldest first
 *   DELETE /__received[/:kind/:name]    forget recorded requests
 *   GET    /__mail?contains=TEXT        what miniflare's send_email emulation wrote (text and HTML
 *                                       parts containing TEXT): it keeps each part in a file
 *   (the services' routes: ./service-receivers.ts; control `token` is the credential they expect)
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listenLocal, type LocalServer } from './listen';
import {
  SERVICE_KINDS,
  serviceAnswer,
  serviceError,
  type ServiceAnswer,
  type ServiceKind,
} from './service-receivers';

type ClassicKind = 'slack' | 'discord' | 'pagerduty' | 'webhook';
export type ReceiverKind = ClassicKind | ServiceKind;
const KINDS: readonly string[] = ['slack', 'discord', 'pagerduty', 'webhook', ...SERVICE_KINDS];
const isService = (kind: string): kind is ServiceKind => (SERVICE_KINDS as readonly string[]).includes(kind);

/** The Standard Webhooks tolerance for the signed timestamp. */
const TIMESTAMP_TOLERANCE_S = 5 * 60;

export interface ReceiverControl {
  /** Answer every request with this status. */
  failWith?: number;
  /** The Retry-After header sent with `failWith`. */
  retryAfter?: string;
  /** Wait this long before answering. */
  hangMs?: number;
  /** Read the next this many requests whole, then destroy their sockets without answering. */
  dropNext?: number;
  /** Webhook receivers: the "whsec_..." secret signatures are verified with. */
  secret?: string;
  /** Services: the credential (bot token, access token, API key) they accept; any well-formed one when unset. */
  token?: string;
  /**
   * Webhook receivers as a status page subscriber's endpoint: a `subscription.confirm` request
   * teaches the secret (its data.secret) and is answered with its challenge.
   */
  subscriber?: boolean;
}

export interface ReceivedRequest {
  kind: ReceiverKind;
  name: string;
  path: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body parsed as JSON, or the raw text when it is not JSON. */
  body: unknown;
  receivedAt: number;
  /** The status answered; null while hanging, if the client gave up first, or if dropped. */
  status: number | null;
  /** The receiver read this request and then dropped the connection without answering. */
  dropped: boolean;
  /** Webhook receivers: whether the signature verified; null elsewhere. */
  verified: boolean | null;
  /** Why verification failed. */
  verifyError: string | null;
  /** A repeat the service deduplicated (Matrix transaction id, Resend idempotency key). */
  duplicate: boolean;
}

export type Receivers = LocalServer;

export async function startReceivers(port = 0): Promise<Receivers> {
  const controls = new Map<string, ReceiverControl>();
  let received: ReceivedRequest[] = [];

  const server = createServer((req, res) => {
    readBody(req).then(
      (raw) => handle(req, res, raw),
      () => res.destroy(),
    );
  });

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', 'http://receivers');
    const [, first = '', kind = '', name = ''] = url.pathname.split('/').map(decodeURIComponent);
    const key = `${kind}/${name}`;

    if (first === '__control' && KINDS.includes(kind) && name) {
      if (req.method === 'POST') {
        const body = parseJson(raw);
        if (typeof body !== 'object' || body === null)
          return send(res, 400, { error: 'expected a JSON object' });
        controls.set(key, { ...controls.get(key), ...(body as ReceiverControl) });
        return send(res, 200, controls.get(key));
      }
      if (req.method === 'DELETE') {
        const secret = controls.get(key)?.secret;
        controls.set(key, secret === undefined ? {} : { secret });
        return send(res, 200, controls.get(key));
      }
    }
    if (first === '__mail' && req.method === 'GET') {
      void sentMail(url.searchParams.get('contains') ?? '').then((mail) => send(res, 200, mail));
      return;
    }
    if (first === '__received') {
      if (req.method === 'GET')
        return send(
          res,
          200,
          received.filter((r) => r.kind === kind && r.name === name),
        );
      if (req.method === 'DELETE') {
        received = kind ? received.filter((r) => !(r.kind === kind && r.name === name)) : [];
        return send(res, 200, { cleared: true });
      }
    }
    // `first` is the receiver kind here and `kind` its name: /slack/:name, /pagerduty/:name/v2/enqueue.
    if (
      KINDS.includes(first) &&
      kind &&
      (req.method === 'POST' || (isService(first) && req.method === 'PUT'))
    ) {
      return receive(first as ReceiverKind, kind, req, res, raw);
    }
    return send(res, 404, { error: 'no such route' });
  }

  function receive(
    kind: ReceiverKind,
    name: string,
    req: IncomingMessage,
    res: ServerResponse,
    raw: string,
  ): void {
    let control = controls.get(`${kind}/${name}`) ?? {};
    const body = parseJson(raw) ?? raw;
    const confirmation = kind === 'webhook' && control.subscriber ? subscriptionConfirm(body) : null;
    if (confirmation) {
      control = { ...control, secret: confirmation.secret };
      controls.set(`${kind}/${name}`, control);
    }
    const verification = kind === 'webhook' ? verifyStandardWebhook(req, raw, control.secret) : null;
    const record: ReceivedRequest = {
      kind,
      name,
      path: req.url ?? '/',
      method: req.method ?? 'POST',
      headers: req.headers,
      body,
      receivedAt: Date.now(),
      status: null,
      verified: verification ? verification.ok : null,
      verifyError: verification && !verification.ok ? verification.reason : null,
      dropped: false,
      duplicate: false,
    };
    received.push(record);

    if (control.dropNext !== undefined && control.dropNext > 0) {
      control.dropNext--;
      record.dropped = true;
      return void res.destroy();
    }

    const answer = () => {
      if (res.destroyed) return;
      if (isService(kind)) {
        const url = new URL(req.url ?? '/', 'http://receivers');
        const prefix = `/${kind}/${encodeURIComponent(name)}`;
        const rest = url.pathname.slice(
          url.pathname.startsWith(prefix) ? prefix.length : `/${kind}/${name}`.length,
        );
        const reply =
          control.failWith !== undefined
            ? serviceError(
                kind,
                control.failWith,
                control.retryAfter === undefined ? null : Number(control.retryAfter),
              )
            : serviceAnswer(kind, {
                name,
                method: req.method ?? 'POST',
                rest: rest + url.search,
                headers: req.headers,
                body,
                token: control.token,
              });
        record.status = reply.status;
        record.duplicate = reply.duplicate ?? false;
        const headers: Record<string, string> =
          control.failWith !== undefined && control.retryAfter !== undefined
            ? { 'retry-after': control.retryAfter }
            : {};
        return sendAnswer(res, reply, headers);
      }
      if (control.failWith !== undefined) {
        const headers: Record<string, string> =
          control.retryAfter === undefined ? {} : { 'retry-after': control.retryAfter };
        record.status = control.failWith;
        return send(res, control.failWith, { error: 'failing on purpose' }, headers);
      }
      if (verification && !verification.ok) {
        record.status = verification.status;
        return send(res, verification.status, { error: verification.reason });
      }
      const invalid = validate(kind, body);
      if (invalid) {
        record.status = 400;
        return send(res, 400, invalid);
      }
      if (confirmation) {
        record.status = 200;
        return send(res, 200, { challenge: confirmation.challenge });
      }
      record.status = healthyStatus[kind];
      return healthyAnswer(kind, body, res);
    };
    if (control.hangMs !== undefined && control.hangMs > 0) {
      const timer = setTimeout(answer, control.hangMs);
      // A client that gave up (or the server closing) leaves no timer to hold the process open.
      res.on('close', () => clearTimeout(timer));
    } else answer();
  }

  return listenLocal(server, port);
}

function sendAnswer(res: ServerResponse, reply: ServiceAnswer, headers: Record<string, string>): void {
  if (res.destroyed) return;
  if (reply.body === null) return void res.writeHead(reply.status, headers).end();
  if (typeof reply.body === 'string') {
    res.writeHead(reply.status, { 'content-type': 'text/plain', ...headers });
    return void res.end(reply.body);
  }
  send(res, reply.status, reply.body, { ...headers, ...reply.headers });
}

/**
 * Mail sent through miniflare's send_email emulation: it writes each part of a structured message
 * to a file under its temporary directory (miniflare-<hex>/files/email-text and email-html) and logs
 * the path. The Worker cannot read files, so tests ask here for the parts that contain a marker.
 */
async function sentMail(contains: string): Promise<{ text: string[]; html: string[] }> {
  const found = { text: [] as string[], html: [] as string[] };
  if (!contains) return found;
  const roots = (await readdir(tmpdir()).catch(() => [])).filter((d) => d.startsWith('miniflare-'));
  for (const root of roots) {
    for (const [part, folder] of [
      ['text', 'email-text'],
      ['html', 'email-html'],
    ] as const) {
      const dir = join(tmpdir(), root, 'files', folder);
      for (const file of await readdir(dir).catch(() => [])) {
        const content = await readFile(join(dir, file), 'utf8').catch(() => '');
        if (content.includes(contains)) found[part].push(content);
      }
    }
  }
  return found;
}

const healthyStatus: Record<ClassicKind, number> = {
  slack: 200,
  discord: 204,
  pagerduty: 202,
  webhook: 200,
};

function healthyAnswer(kind: ClassicKind, body: unknown, res: ServerResponse): void {
  switch (kind) {
    case 'slack':
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end('ok');
    case 'discord':
      return void res.writeHead(204).end();
    case 'pagerduty': {
      const dedupKey = (body as { dedup_key?: unknown }).dedup_key;
      return send(res, 202, { status: 'success', message: 'Event processed', dedup_key: dedupKey });
    }
    case 'webhook':
      return void res.writeHead(200).end();
  }
}

/** The few checks the real services make that a wrong message would fail, with their answers. */
function validate(kind: ClassicKind, body: unknown): unknown {
  const object = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
  switch (kind) {
    case 'slack':
      return object && (typeof object.text === 'string' || Array.isArray(object.blocks)) ? null : 'no_text';
    case 'discord':
      return object && (typeof object.content === 'string' || Array.isArray(object.embeds))
        ? null
        : { code: 50006, message: 'Cannot send an empty message' };
    case 'pagerduty': {
      const errors: string[] = [];
      if (typeof object?.routing_key !== 'string') errors.push("'routing_key' is missing");
      const action = object?.event_action;
      if (action !== 'trigger' && action !== 'acknowledge' && action !== 'resolve')
        errors.push("'event_action' is invalid");
      if (action === 'trigger') {
        const payload = object?.payload as Record<string, unknown> | undefined;
        for (const field of ['summary', 'source', 'severity'])
          if (typeof payload?.[field] !== 'string') errors.push(`'payload.${field}' is missing`);
      } else if (typeof object?.dedup_key !== 'string') errors.push("'dedup_key' is missing");
      return errors.length > 0
        ? { status: 'invalid event', message: 'Event object is invalid', errors }
        : null;
    }
    case 'webhook':
      return null;
  }
}

type Verification = { ok: true } | { ok: false; status: 400 | 401; reason: string };

/**
 * Standard Webhooks verification: the timestamp within 5 minutes of now, then an HMAC-SHA256 of
 * "{id}.{timestamp}.{raw body}" compared in constant time with each `v1,` signature listed.
 */
function verifyStandardWebhook(req: IncomingMessage, raw: string, secret: string | undefined): Verification {
  const id = single(req.headers['webhook-id']);
  const timestamp = single(req.headers['webhook-timestamp']);
  const signatures = single(req.headers['webhook-signature']);
  if (!id || !timestamp || !signatures) return { ok: false, status: 400, reason: 'missing webhook headers' };
  if (!/^\d+$/.test(timestamp)) return { ok: false, status: 400, reason: 'invalid timestamp' };
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > TIMESTAMP_TOLERANCE_S) {
    return { ok: false, status: 400, reason: 'timestamp too old or too new' };
  }
  if (!secret) return { ok: false, status: 401, reason: 'no secret configured for this receiver' };
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  const expected = Buffer.from(
    createHmac('sha256', key).update(`${id}.${timestamp}.${raw}`).digest('base64'),
  );
  const matches = signatures.split(' ').some((entry) => {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') return false;
    // Compared as the base64 text, so no lenient decoding can make a wrong signature match.
    const given = Buffer.from(entry.slice(comma + 1));
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true } : { ok: false, status: 401, reason: 'no matching signature' };
}

/** A status page's subscription confirmation request: its secret and challenge. */
function subscriptionConfirm(body: unknown): { secret: string; challenge: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const { type, data } = body as { type?: unknown; data?: { secret?: unknown; challenge?: unknown } };
  if (
    type !== 'subscription.confirm' ||
    typeof data?.secret !== 'string' ||
    typeof data.challenge !== 'string'
  )
    return null;
  return { secret: data.secret, challenge: data.challenge };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
