import { DNS_RCODES, type DnsSpec } from '../config/checks';
import type { ProbeContext } from './context';
import { sendRequest } from './http-request';
import { fromFailure, type CheckOutcome } from './outcome';
import type { TemplateScope } from './templates';
import { judgeAssertions, type Verdict } from './verdict';
import { causeOfStatus } from './taxonomy';

const TYPE_CODES: Record<DnsSpec['record_type'], number> = {
  A: 1,
  NS: 2,
  CNAME: 5,
  MX: 15,
  TXT: 16,
  AAAA: 28,
};

interface DohAnswer {
  Status?: number;
  Answer?: { type?: number; data?: string }[];
}

/**
 * A DNS check over DNS-over-HTTPS (the JSON API that Cloudflare and Google resolvers speak): the
 * rcode and the answer's values are compared with what the monitor expects.
 */
export async function probeDns(
  spec: DnsSpec,
  ctx: ProbeContext,
  scope: TemplateScope,
): Promise<CheckOutcome> {
  const startedAt = ctx.now();
  const sent = await sendRequest(
    {
      url: spec.resolver,
      method: 'GET',
      query: { name: spec.domain, type: spec.record_type },
      headers: { accept: 'application/dns-json' },
      timeout: spec.timeout,
      redirects: { mode: 'follow', max: 2 },
      assertions: [],
      requires_auth: false,
    },
    ctx,
    scope,
  );
  if (!sent.ok)
    return fromFailure(startedAt, { ...sent.failure, detail: `resolver: ${sent.failure.detail}` });
  const { exchange } = sent;
  const measured = {
    startedAt,
    ttfbMs: exchange.ttfbMs,
    totalMs: exchange.totalMs,
    httpStatus: exchange.status,
    findings: [],
  };
  const verdict =
    judgeAnswer(spec, exchange.status, exchange.bodyText) ?? judgeAssertions(exchange, spec.assertions);
  return { ...measured, ...verdict };
}

/** Pure: what the resolver's answer means for the monitor, or null when it is as expected. */
export function judgeAnswer(spec: DnsSpec, status: number, bodyText: string): Verdict | null {
  if (status < 200 || status >= 300) {
    return { outcome: 'down', cause: causeOfStatus(status), detail: `resolver answered ${status}` };
  }
  let answer: DohAnswer;
  try {
    answer = JSON.parse(bodyText) as DohAnswer;
  } catch {
    return { outcome: 'down', cause: 'assert.body', detail: 'resolver did not answer DNS JSON' };
  }
  const rcode = DNS_RCODES[answer.Status ?? -1] ?? `rcode ${answer.Status}`;
  if (rcode !== spec.expect.rcode) {
    return {
      outcome: 'down',
      cause: 'net.dns',
      detail: `${spec.domain} ${spec.record_type}: ${rcode}, expected ${spec.expect.rcode}`,
    };
  }
  const values = (answer.Answer ?? [])
    .filter((record) => record.type === TYPE_CODES[spec.record_type])
    .map((record) => normalize(record.data ?? '', spec.record_type));
  if (spec.expect.rcode === 'NOERROR' && values.length === 0) {
    return { outcome: 'down', cause: 'net.dns', detail: `${spec.domain} has no ${spec.record_type} records` };
  }
  const got = `[${values.join(', ')}]`;
  const wanted = spec.expect.values?.map((v) => normalize(v, spec.record_type));
  if (wanted && (wanted.length !== values.length || wanted.some((v) => !values.includes(v)))) {
    return {
      outcome: 'down',
      cause: 'assert.body',
      detail: `${spec.record_type} records: expected [${wanted.join(', ')}], got ${got}`,
    };
  }
  const missing =
    spec.expect.contains?.map((v) => normalize(v, spec.record_type)).filter((v) => !values.includes(v)) ?? [];
  if (missing.length > 0) {
    return {
      outcome: 'down',
      cause: 'assert.body',
      detail: `${spec.record_type} records: expected to include [${missing.join(', ')}], got ${got}`,
    };
  }
  return null;
}

/** Resolvers write names with a trailing dot and TXT data in quotes; people do not. */
function normalize(value: string, type: DnsSpec['record_type']): string {
  const trimmed = value.trim();
  if (type === 'TXT') return trimmed.replace(/^"(.*)"$/s, '$1');
  return trimmed.replace(/\.$/, '').toLowerCase();
}
