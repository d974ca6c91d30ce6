/**
 * Sends a test alert through one channel and prints what its receiver answered.
 *
 *   npm run alert:test -- --channel ops                  from this machine, secrets from .dev.vars and the environment
 *   npm run alert:test -- --channel ops --remote         the deployed Worker sends it (LOOKOUT_URL, LOOKOUT_TOKEN: a write token)
 *   npm run alert:test -- --channel ops --config file.yaml
 */
import { existsSync, readFileSync } from 'node:fs';
import { testChannel, type ChannelTestOutcome } from '../src/alerting/channel-test';
import { loadConfigText } from '../src/config/load';
import { formatProblems } from '../src/config/validate';
import { formatOutcome, parseAlertTestArgs, parseDevVars, type AlertTestArgs } from './alert-test-lib';

async function main(): Promise<number> {
  let args: AlertTestArgs;
  try {
    args = parseAlertTestArgs(process.argv.slice(2), process.env);
  } catch (error) {
    return fail((error as Error).message);
  }
  const outcome = args.remote ? await remote(args) : await local(args);
  if (typeof outcome === 'number') return outcome;
  console.log(formatOutcome(outcome, args.remote ? 'remote' : 'local'));
  return outcome.delivered ? 0 : 1;
}

async function local(args: AlertTestArgs): Promise<ChannelTestOutcome | number> {
  if (!existsSync(args.config)) return fail(`${args.config}: not found`);
  const loaded = loadConfigText(readFileSync(args.config, 'utf8'));
  if (!loaded.ok) return fail(`${args.config} is invalid:\n${formatProblems(args.config, loaded.problems)}`);
  const channel = loaded.config.channels.find((c) => c.id === args.channel);
  if (!channel)
    return fail(
      `no channel "${args.channel}" in ${args.config} (channels: ${loaded.config.channels.map((c) => c.id).join(', ') || 'none'})`,
    );
  // As wrangler dev does: .dev.vars first, the environment over it.
  const vars = {
    ...(existsSync('.dev.vars') ? parseDevVars(readFileSync('.dev.vars', 'utf8')) : {}),
    ...process.env,
  };
  return testChannel(channel, {
    secrets: (name) => vars[name],
    fetch,
    now: Date.now(),
    statusPageUrl: loaded.config.status_page.url ?? null,
  });
}

async function remote(args: AlertTestArgs): Promise<ChannelTestOutcome | number> {
  const token = process.env.LOOKOUT_TOKEN;
  if (!token)
    return fail(
      '--remote needs a write token in LOOKOUT_TOKEN (npm run token:create -- --scopes write --remote)',
    );
  const url = new URL(`/api/v1/channels/${encodeURIComponent(args.channel)}/test`, args.url ?? undefined);
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  if (!response.ok) return fail(`${url} answered ${response.status}: ${text}`);
  return JSON.parse(text) as ChannelTestOutcome;
}

function fail(message: string): number {
  console.error(`alert:test: ${message}`);
  return 2;
}

process.exit(await main());
