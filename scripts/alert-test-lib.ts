/**
 * The pure parts of `npm run alert:test` (scripts/alert-test.ts), kept apart so the tests can run
 * them: arguments, `.dev.vars`, and how an outcome is printed.
 */
import type { ChannelTestOutcome } from '../src/alerting/channel-test';

export interface AlertTestArgs {
  channel: string;
  remote: boolean;
  /** The deployed Worker (--remote): --url, else LOOKOUT_URL. */
  url: string | null;
  config: string;
}

export function parseAlertTestArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): AlertTestArgs {
  let channel: string | null = null;
  let remote = false;
  let url = env.LOOKOUT_URL ?? null;
  let config = env.LOOKOUT_CONFIG || 'lookout.yaml';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--channel') channel = value();
    else if (arg === '--remote') remote = true;
    else if (arg === '--url') url = value();
    else if (arg === '--config') config = value();
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!channel) throw new Error('--channel ID is required (a channel id from lookout.yaml)');
  if (remote && !url) throw new Error('--remote needs the Worker URL: --url https://... or LOOKOUT_URL');
  return { channel, remote, url, config };
}

/**
 * `.dev.vars` (dotenv syntax: NAME=value, optional quotes, # comments), as wrangler dev reads it:
 * the local secrets.
 */
export function parseDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trim().startsWith('#')) continue;
    const [, name = '', raw = ''] = match;
    const quoted = /^(["'])([\s\S]*)\1$/.exec(raw);
    vars[name] = quoted
      ? quoted[1] === '"'
        ? (quoted[2] ?? '').replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1')
        : (quoted[2] ?? '')
      : raw.replace(/\s+#.*$/, '');
  }
  return vars;
}

/** What the receiver answered, for a person: the outcome, the status and the body. */
export function formatOutcome(outcome: ChannelTestOutcome, where: 'local' | 'remote'): string {
  const lines = [
    `${outcome.delivered ? 'delivered' : 'NOT delivered'}: test alert ${outcome.event_id} to ${outcome.kind} channel "${outcome.channel}" (sent ${where === 'local' ? 'from this machine' : 'by the deployed Worker'})`,
    `status: ${outcome.status ?? '(no HTTP answer)'}`,
  ];
  if (outcome.error) lines.push(`error: ${outcome.error}`);
  if (outcome.error?.startsWith('no send_email binding') && where === 'local')
    lines.push('hint: email bindings exist only inside the Worker: run again with --remote');
  lines.push(
    `answer: ${outcome.answer === null || outcome.answer === '' ? '(empty)' : prettyJson(outcome.answer)}`,
  );
  return lines.join('\n');
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
