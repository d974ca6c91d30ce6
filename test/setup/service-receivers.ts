/**
 * The protocols of the newer alert receivers, for test/setup/receivers.ts: each service's path,
 * method, credential placement, the checks it makes on a message and its answers, success and
 * error alike, in the shapes the real APIs use.
 *
 *   POST /telegram/:name/bot{token}/sendMessage          Telegram Bot API (parse_mode HTML checked)
 *   POST /teams/:name                                    Power Automate workflow webhook (Adaptive Card)
 *   POST /google_chat/:name?key=…&token=…                Google Chat incoming webhook
 *   POST /mattermost/:name                               Mattermost incoming webhook
 *   POST /opsgenie/:name/v2/alerts                       Opsgenie create (Authorization: GenieKey …)
 *   POST /opsgenie/:name/v2/alerts/{alias}/close?identifierType=alias
 *   POST /ntfy/:name/                                    ntfy JSON publish (optional Bearer token)
 *   POST /pushover/:name/1/messages.json                 Pushover messages API
 *   PUT  /matrix/:name/_matrix/client/v3/rooms/{room}/send/m.room.message/{txnId}
 *   POST /resend/:name/emails                            Resend (Bearer key, Idempotency-Key)
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const SERVICE_KINDS = [
  'telegram',
  'teams',
  'google_chat',
  'mattermost',
  'opsgenie',
  'ntfy',
  'pushover',
  'matrix',
  'resend',
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export interface ServiceRequest {
  name: string;
  method: string;
  /** The path after /:kind/:name, with its query. */
  rest: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The credential the receiver expects (control `token`); any well-formed one when unset. */
  token: string | undefined;
}

export interface ServiceAnswer {
  status: number;
  /** JSON unless a string (sent as text/plain) or null (no body). */
  body: unknown;
  headers?: Record<string, string>;
  /** The request repeated an earlier one the service deduplicates (Matrix txnId, Resend key). */
  duplicate?: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const header = (headers: IncomingHttpHeaders, name: string) => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Deduplication memory per receiver: Matrix transaction ids, Resend idempotency keys. */
const seen = new Map<string, { answer: ServiceAnswer; body: string }>();

export function serviceAnswer(kind: ServiceKind, req: ServiceRequest): ServiceAnswer {
  return HANDLERS[kind](req);
}

/** A forced failure (control `failWith`) in the service's own error shape. */
export function serviceError(kind: ServiceKind, status: number, retryAfterS: number | null): ServiceAnswer {
  const reason = status === 429 ? 'Too Many Requests' : 'failing on purpose';
  switch (kind) {
    case 'telegram':
      return {
        status,
        body: {
          ok: false,
          error_code: status,
          description: status === 429 ? `Too Many Requests: retry after ${retryAfterS ?? 1}` : reason,
          ...(status === 429 ? { parameters: { retry_after: retryAfterS ?? 1 } } : {}),
        },
      };
    case 'teams':
      return {
        status,
        body: { error: { code: status === 429 ? 'WorkflowRequestsThrottled' : 'Failing', message: reason } },
      };
    case 'google_chat':
      return {
        status,
        body: {
          error: {
            code: status,
            message: reason,
            status: status === 429 ? 'RESOURCE_EXHAUSTED' : 'UNAVAILABLE',
          },
        },
      };
    case 'mattermost':
      return { status, body: { id: 'api.failing', message: reason, status_code: status } };
    case 'opsgenie':
      return { status, body: { message: reason, took: 0.001, requestId: randomUUID() } };
    case 'ntfy':
      return { status, body: { code: status * 100 + 1, http: status, error: reason } };
    case 'pushover':
      return { status, body: { status: 0, errors: [reason], request: randomUUID() } };
    case 'matrix':
      return {
        status,
        body:
          status === 429
            ? { errcode: 'M_LIMIT_EXCEEDED', error: reason, retry_after_ms: (retryAfterS ?? 1) * 1000 }
            : { errcode: 'M_UNKNOWN', error: reason },
      };
    case 'resend':
      return {
        status,
        body: {
          statusCode: status,
          name: status === 429 ? 'rate_limit_exceeded' : 'application_error',
          message: reason,
        },
      };
  }
}

const HANDLERS: Record<ServiceKind, (req: ServiceRequest) => ServiceAnswer> = {
  telegram(req) {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.rest);
    const fail = (status: number, description: string): ServiceAnswer => ({
      status,
      body: { ok: false, error_code: status, description },
    });
    if (!match || req.method !== 'POST') return fail(404, 'Not Found');
    const [, token = '', method] = match;
    if (!/^\d+:[A-Za-z0-9_-]{30,}$/.test(token) || (req.token !== undefined && token !== req.token))
      return fail(401, 'Unauthorized');
    if (method !== 'sendMessage') return fail(404, 'Not Found');
    const body = isObj(req.body) ? req.body : {};
    if (body.chat_id === undefined || body.chat_id === '') return fail(400, 'Bad Request: chat_id is empty');
    if (typeof body.text !== 'string' || body.text.trim() === '')
      return fail(400, 'Bad Request: message text is empty');
    let text = body.text;
    if (body.parse_mode === 'HTML') {
      const parsed = parseTelegramHtml(body.text);
      if (!parsed.ok) return fail(400, `Bad Request: can't parse entities: ${parsed.error}`);
      text = parsed.text;
    } else if (body.parse_mode !== undefined) return fail(400, 'Bad Request: unsupported parse_mode');
    if (text.length > 4096) return fail(400, 'Bad Request: message is too long');
    return {
      status: 200,
      body: {
        ok: true,
        result: {
          message_id: Math.floor(Math.random() * 1e6),
          chat: { id: body.chat_id },
          date: Math.floor(Date.now() / 1000),
          text,
        },
      },
    };
  },

  teams(req) {
    const bad = (message: string): ServiceAnswer => ({
      status: 400,
      body: { error: { code: 'InvalidRequestContent', message } },
    });
    if (req.method !== 'POST')
      return { status: 405, body: { error: { code: 'MethodNotAllowed', message: 'POST only' } } };
    const body = isObj(req.body) ? req.body : null;
    if (!body) return bad('The request content is not valid JSON.');
    if (body.type !== 'message') return bad("'type' must be 'message'.");
    const attachments = Array.isArray(body.attachments) ? body.attachments : [];
    if (attachments.length === 0) return bad("'attachments' must hold an Adaptive Card.");
    for (const a of attachments) {
      if (!isObj(a) || a.contentType !== 'application/vnd.microsoft.card.adaptive')
        return bad('Unsupported attachment contentType.');
      const card = a.content;
      if (
        !isObj(card) ||
        card.type !== 'AdaptiveCard' ||
        typeof card.version !== 'string' ||
        !Array.isArray(card.body)
      )
        return bad('The attachment is not an Adaptive Card.');
    }
    return { status: 202, body: null };
  },

  google_chat(req) {
    const url = new URL(req.rest, 'http://x');
    if (!url.searchParams.get('key') || !url.searchParams.get('token'))
      return {
        status: 401,
        body: {
          error: {
            code: 401,
            message: 'Request had invalid authentication credentials.',
            status: 'UNAUTHENTICATED',
          },
        },
      };
    const bad = (message: string): ServiceAnswer => ({
      status: 400,
      body: { error: { code: 400, message, status: 'INVALID_ARGUMENT' } },
    });
    const body = isObj(req.body) ? req.body : null;
    if (!body) return bad('Invalid JSON payload received.');
    const cards = Array.isArray(body.cardsV2) ? body.cardsV2 : [];
    if (typeof body.text !== 'string' && cards.length === 0) return bad('Message cannot be empty.');
    if (typeof body.text === 'string' && body.text.length > 4096) return bad('Message text is too long.');
    for (const c of cards) {
      if (!isObj(c) || !isObj(c.card) || !Array.isArray(c.card.sections)) return bad('Invalid card.');
      for (const section of c.card.sections as unknown[]) {
        for (const w of isObj(section) && Array.isArray(section.widgets)
          ? (section.widgets as unknown[])
          : []) {
          const text =
            isObj(w) && isObj(w.decoratedText)
              ? w.decoratedText.text
              : isObj(w) && isObj(w.textParagraph)
                ? w.textParagraph.text
                : undefined;
          if (typeof text === 'string' && !chatHtmlOk(text)) return bad('Invalid card text formatting.');
        }
      }
    }
    return {
      status: 200,
      body: {
        name: `spaces/${req.name}/messages/${randomUUID()}`,
        text: body.text ?? '',
        createTime: new Date().toISOString(),
      },
    };
  },

  mattermost(req) {
    const body = isObj(req.body) ? req.body : null;
    if (!body)
      return {
        status: 400,
        body: {
          id: 'api.webhook.incoming.parse.app_error',
          message: 'Unable to parse incoming data.',
          status_code: 400,
        },
      };
    const attachments = Array.isArray(body.attachments) ? body.attachments : [];
    if ((typeof body.text !== 'string' || body.text === '') && attachments.length === 0)
      return {
        status: 400,
        body: { id: 'web.incoming_webhook.text.app_error', message: 'No text specified.', status_code: 400 },
      };
    return { status: 200, body: 'ok' };
  },

  opsgenie(req) {
    const requestId = randomUUID();
    const key = /^GenieKey (\S+)$/.exec(header(req.headers, 'authorization') ?? '')?.[1];
    if (!key || (req.token !== undefined && key !== req.token))
      return { status: 401, body: { message: 'Could not authenticate', took: 0, requestId } };
    const url = new URL(req.rest, 'http://x');
    const body = isObj(req.body) ? req.body : {};
    const unprocessable = (errors: Record<string, string>): ServiceAnswer => ({
      status: 422,
      body: {
        message: 'Request body is not processable. Please check the errors.',
        errors,
        took: 0.001,
        requestId,
      },
    });
    const accepted: ServiceAnswer = {
      status: 202,
      body: { result: 'Request will be processed', took: 0.1, requestId },
    };
    if (req.method !== 'POST')
      return { status: 405, body: { message: 'Method not allowed', took: 0, requestId } };
    if (url.pathname === '/v2/alerts') {
      if (typeof body.message !== 'string' || body.message.trim() === '')
        return unprocessable({ message: 'Message can not be empty.' });
      if (body.message.length > 130)
        return unprocessable({ message: 'Message can not be longer than 130 characters.' });
      if (typeof body.alias === 'string' && body.alias.length > 512)
        return unprocessable({ alias: 'Alias can not be longer than 512 characters.' });
      if (typeof body.description === 'string' && body.description.length > 15000)
        return unprocessable({ description: 'Description can not be longer than 15000 characters.' });
      if (body.priority !== undefined && !['P1', 'P2', 'P3', 'P4', 'P5'].includes(String(body.priority)))
        return unprocessable({ priority: 'Priority should be one of [P1, P2, P3, P4, P5]' });
      return accepted;
    }
    if (/^\/v2\/alerts\/[^/]+\/close$/.test(url.pathname)) {
      const type = url.searchParams.get('identifierType') ?? 'id';
      if (!['id', 'alias', 'tiny'].includes(type))
        return { status: 400, body: { message: `Invalid identifierType: ${type}`, took: 0, requestId } };
      return accepted;
    }
    return { status: 404, body: { message: 'Not found', took: 0, requestId } };
  },

  ntfy(req) {
    const err = (status: number, code: number, error: string): ServiceAnswer => ({
      status,
      body: { code, http: status, error },
    });
    if (req.rest !== '/' && req.rest !== '') return err(404, 40401, 'page not found');
    const auth = header(req.headers, 'authorization');
    if (req.token !== undefined) {
      if (!auth) return err(401, 40101, 'unauthorized');
      if (auth !== `Bearer ${req.token}`) return err(403, 40301, 'forbidden');
    }
    const body = isObj(req.body) ? req.body : null;
    if (!body || typeof body.topic !== 'string' || !/^[-_A-Za-z0-9]{1,64}$/.test(body.topic))
      return err(400, 40024, 'invalid request: request body must be message JSON');
    if (
      body.priority !== undefined &&
      !(Number.isInteger(body.priority) && Number(body.priority) >= 1 && Number(body.priority) <= 5)
    )
      return err(400, 40007, 'invalid priority');
    const now = Math.floor(Date.now() / 1000);
    return {
      status: 200,
      body: { id: randomUUID().slice(0, 12), time: now, expires: now + 43_200, event: 'message', ...body },
    };
  },

  pushover(req) {
    const request = randomUUID();
    if (req.rest !== '/1/messages.json')
      return { status: 404, body: { status: 0, errors: ['not found'], request } };
    const body = isObj(req.body) ? req.body : {};
    const key = /^[A-Za-z0-9]{30}$/;
    const invalid = (field: string, error: string): ServiceAnswer => ({
      status: 400,
      body: { [field]: 'invalid', errors: [error], status: 0, request },
    });
    if (
      typeof body.token !== 'string' ||
      !key.test(body.token) ||
      (req.token !== undefined && body.token !== req.token)
    )
      return invalid('token', 'application token is invalid, see https://pushover.net/api');
    if (typeof body.user !== 'string' || !key.test(body.user))
      return invalid('user', 'user identifier is not a valid user, group, or subscribed user key');
    if (typeof body.message !== 'string' || body.message === '')
      return invalid('message', 'message cannot be blank');
    if (body.message.length > 1024) return invalid('message', 'message is too long');
    if (typeof body.title === 'string' && body.title.length > 250)
      return invalid('title', 'title is too long');
    if (typeof body.url === 'string' && body.url.length > 512) return invalid('url', 'url is too long');
    if (body.priority !== undefined && ![-2, -1, 0, 1, 2].includes(Number(body.priority)))
      return invalid('priority', 'priority is invalid');
    if (Number(body.priority) === 2 && (body.retry === undefined || body.expire === undefined))
      return invalid('retry', 'retry and expire are required with priority 2');
    if (body.html !== undefined && Number(body.html) === 1 && !pushoverHtmlOk(body.message))
      return invalid('message', 'message contains unsupported HTML');
    return { status: 200, body: { status: 1, request } };
  },

  matrix(req) {
    const match = /^\/_matrix\/client\/v3\/rooms\/([^/]+)\/send\/([^/]+)\/([^/]+)$/.exec(req.rest);
    if (!match) return { status: 404, body: { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' } };
    if (req.method !== 'PUT')
      return { status: 405, body: { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' } };
    const auth = header(req.headers, 'authorization');
    const token = /^Bearer (\S+)$/.exec(auth ?? '')?.[1];
    if (!token) return { status: 401, body: { errcode: 'M_MISSING_TOKEN', error: 'Missing access token' } };
    if (req.token !== undefined && token !== req.token)
      return {
        status: 401,
        body: { errcode: 'M_UNKNOWN_TOKEN', error: 'Invalid access token passed.', soft_logout: false },
      };
    const [, room = '', type, txn = ''] = match;
    if (!/^![^:]+:.+$/.test(decodeURIComponent(room)))
      return { status: 400, body: { errcode: 'M_INVALID_PARAM', error: 'Invalid room id' } };
    const body = isObj(req.body) ? req.body : null;
    if (
      !body ||
      type !== 'm.room.message' ||
      typeof body.msgtype !== 'string' ||
      typeof body.body !== 'string'
    )
      return { status: 400, body: { errcode: 'M_BAD_JSON', error: "'body' and 'msgtype' are required" } };
    // Transactions are per access token: the same txnId again is the same event, not a new one.
    return dedupe(`matrix/${req.name}/${token}/${txn}`, JSON.stringify(body), () => ({
      status: 200,
      body: { event_id: `$${randomUUID().replace(/-/g, '')}` },
    }));
  },

  resend(req) {
    if (req.rest !== '/emails')
      return {
        status: 404,
        body: { statusCode: 404, name: 'not_found', message: 'The requested endpoint does not exist.' },
      };
    const auth = header(req.headers, 'authorization');
    if (!auth)
      return {
        status: 401,
        body: {
          statusCode: 401,
          name: 'missing_api_key',
          message: 'Missing API key in the authorization header.',
        },
      };
    const key = /^Bearer (re_\S+)$/.exec(auth)?.[1];
    if (!key || (req.token !== undefined && key !== req.token))
      return {
        status: 403,
        body: { statusCode: 403, name: 'invalid_api_key', message: 'API key is invalid' },
      };
    const body = isObj(req.body) ? req.body : {};
    const missing = (field: string): ServiceAnswer => ({
      status: 422,
      body: { statusCode: 422, name: 'missing_required_field', message: `Missing \`${field}\` field.` },
    });
    if (typeof body.from !== 'string') return missing('from');
    if (body.to === undefined) return missing('to');
    if (typeof body.subject !== 'string') return missing('subject');
    if (typeof body.text !== 'string' && typeof body.html !== 'string') return missing('html or text');
    if (/[\r\n]/.test(body.subject))
      return {
        status: 422,
        body: { statusCode: 422, name: 'validation_error', message: 'Invalid `subject` field.' },
      };
    const recipients = Array.isArray(body.to) ? body.to : [body.to];
    if (recipients.length > 50)
      return {
        status: 422,
        body: { statusCode: 422, name: 'validation_error', message: 'Too many recipients.' },
      };
    const idempotencyKey = header(req.headers, 'idempotency-key');
    const fresh = () => ({ status: 200, body: { id: randomUUID() } });
    if (!idempotencyKey) return fresh();
    return dedupe(`resend/${req.name}/${idempotencyKey}`, JSON.stringify(body), fresh);
  },
};

/** The first answer again for a repeated key; Resend refuses the same key with another payload. */
function dedupe(key: string, body: string, make: () => ServiceAnswer): ServiceAnswer {
  const earlier = seen.get(key);
  if (earlier) {
    if (earlier.body !== body && key.startsWith('resend/'))
      return {
        status: 409,
        body: {
          statusCode: 409,
          name: 'invalid_idempotent_request',
          message: 'Same idempotency key used with a different request payload.',
        },
      };
    return { ...earlier.answer, duplicate: true };
  }
  const answer = make();
  seen.set(key, { answer, body });
  return answer;
}

/**
 * Telegram's HTML parse mode: only its tags, attributes in quotes, and `&` only as one of its
 * entities (&lt; &gt; &amp; &quot; and numeric). Anything else is "can't parse entities", as the
 * Bot API answers. Returns the text with tags removed and entities decoded.
 */
export function parseTelegramHtml(html: string): { ok: true; text: string } | { ok: false; error: string } {
  const allowed = new Set([
    'b',
    'strong',
    'i',
    'em',
    'u',
    'ins',
    's',
    'strike',
    'del',
    'span',
    'tg-spoiler',
    'a',
    'code',
    'pre',
    'blockquote',
    'tg-emoji',
  ]);
  const stack: string[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    if (c === '<') {
      const close = html.indexOf('>', i);
      if (close < 0) return { ok: false, error: `Unclosed start tag at byte offset ${i}` };
      const tag = html.slice(i + 1, close);
      const end = /^\/([a-z-]+)$/.exec(tag);
      const start = /^([a-z-]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*$/.exec(tag);
      if (end) {
        if (stack.pop() !== end[1])
          return {
            ok: false,
            error: `Unmatched end tag at byte offset ${i}, expected "</${stack.at(-1) ?? ''}>", found "</${end[1]}>"`,
          };
      } else if (start && allowed.has(start[1] ?? '')) {
        stack.push(start[1] ?? '');
      } else return { ok: false, error: `Unsupported start tag "${tag.split(/\s/)[0]}" at byte offset ${i}` };
      i = close + 1;
    } else if (c === '&') {
      const entity = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i.exec(html.slice(i));
      if (!entity) {
        text += '&'; // Telegram reads a lone & as text
        i++;
        continue;
      }
      const name = entity[1] ?? '';
      text +=
        name === 'lt'
          ? '<'
          : name === 'gt'
            ? '>'
            : name === 'amp'
              ? '&'
              : name === 'quot'
                ? '"'
                : String.fromCodePoint(
                    name.startsWith('#x') || name.startsWith('#X')
                      ? parseInt(name.slice(2), 16)
                      : Number(name.slice(1)),
                  );
      i += entity[0].length;
    } else {
      text += c;
      i++;
    }
  }
  if (stack.length > 0)
    return { ok: false, error: `Can't find end tag corresponding to start tag "${stack.at(-1)}"` };
  return { ok: true, text };
}

/** Google Chat card text: its HTML subset only (b, i, u, s, strike, font, a, br), every `<` a tag of it. */
function chatHtmlOk(html: string): boolean {
  return [...html.matchAll(/<\/?([a-z]+)[^>]*>|</gi)].every(
    (m) =>
      m[1] !== undefined && ['b', 'i', 'u', 's', 'strike', 'font', 'a', 'br'].includes(m[1].toLowerCase()),
  );
}

/** Pushover's HTML: b, i, u, font and a (and nothing else); every `<` a tag of them. */
function pushoverHtmlOk(html: string): boolean {
  return [...html.matchAll(/<\/?([a-z]+)[^>]*>|</gi)].every(
    (m) => m[1] !== undefined && ['b', 'i', 'u', 'font', 'a'].includes(m[1].toLowerCase()),
  );
}
