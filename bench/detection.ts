/**
 * Time to detect, on the real clock: the Worker runs in workerd with its coordinator's alarm on
 * (so slots inside the minute run as deployed), the cron fired at each minute's start, a monitor
 * checked every 10 s and one every 60 s, both from three regions with the default policy
 * (fail_after 2, a majority of regions), and a Slack-style channel on a local receiver. Each trial
 * turns both targets down at a different second of the minute and measures, from that moment, when
 * each incident row appears in D1 and when its alert reaches the receiver; then the targets recover
 * and the incidents resolve before the next trial. Goal: under 30 s at 10 s.
 *
 *   npm run bench:detect [-- --trials 3]
 */
import { startReceivers } from '../test/setup/receivers';
import {
  BenchError,
  log,
  machineInfo,
  MINUTE,
  parseWholeNumbers,
  round,
  runMain,
  withBench,
  type Runtime,
} from './lib/harness';

const REGIONS = ['weur', 'enam', 'apac'];
const MONITORS = [
  { id: 'every10s', interval: '10s' },
  { id: 'every60s', interval: '60s' },
] as const;
/** Seconds into a minute at which the targets fail, trial after trial. */
const PHASES_S = [5, 25, 45, 15, 35, 55];
const GIVE_UP_MS = 4 * MINUTE;

interface Trial {
  failed_at_second: number;
  incident_after_s: Record<string, number | null>;
  alert_after_s: Record<string, number | null>;
}

async function main(): Promise<number> {
  const { trials: count } = parseWholeNumbers(
    process.argv.slice(2),
    { trials: 3 },
    { '--trials': 'trials' },
    'npm run bench:detect [-- --trials N]',
  );
  return withBench(async (bench) => {
    const target = await bench.startTarget();
    const receivers = await startReceivers();
    try {
      const run = Date.now().toString(36);
      const switchName = (id: string) => `detect-${run}-${id}`;
      const hook = `detect-${run}`;
      const worker = await bench.startWorker({
        regions: REGIONS,
        urls: MONITORS.map((m) => `${target.url}/switch/${switchName(m.id)}`),
        ids: MONITORS.map((m) => m.id),
        intervals: MONITORS.map((m) => m.interval),
        timeout: '4s',
        shardSize: 50,
        alarms: true,
        extraYaml: [
          'channels:',
          '  - id: oncall',
          '    kind: slack',
          `    webhook_url: ${receivers.url}/slack/${hook}`,
          '    route: { events: [incident.opened, incident.resolved] }',
          '',
        ].join('\n'),
      });
      const answer = async (status: number) => {
        for (const m of MONITORS) {
          const response = await fetch(`${target.url}/__switch/${switchName(m.id)}?status=${status}`, {
            method: 'POST',
          });
          await response.body?.cancel();
        }
      };
      await answer(200);
      const cron = startCron(worker);
      try {
        // A first minute and its slots, all healthy, so every monitor has a state to fail from.
        await sleep(untilSecond(Date.now(), 0) + MINUTE + 2_000);
        const trials: Trial[] = [];
        for (let i = 0; i < count; i++) {
          trials.push(await trial(worker, receivers.url, hook, answer, PHASES_S[i % PHASES_S.length] ?? 5));
        }
        const summary = Object.fromEntries(
          MONITORS.map((m) => {
            const incident = trials.map((t) => t.incident_after_s[m.id] ?? null);
            const alert = trials.map((t) => t.alert_after_s[m.id] ?? null);
            return [m.interval, { incident_after_s: stats(incident), alert_after_s: stats(alert) }];
          }),
        );
        const slots = worker.lines.filter((l) => l.line.includes(' · slot'));
        console.log(
          JSON.stringify(
            {
              regions: REGIONS.length,
              policy: { fail_after: 2, quorum: 'majority' },
              trials,
              summary,
              goal_under_30s_at_10s: (summary['10s']?.alert_after_s.max ?? Infinity) < 30,
              slots_run: slots.length,
              d1_rows_written_per_slot: round(
                slots.reduce((n, l) => n + (l.usage?.d1RowsWritten ?? 0), 0) / Math.max(1, slots.length),
              ),
              machine: machineInfo(),
            },
            null,
            2,
          ),
        );
        return 0;
      } finally {
        await cron.stop();
      }
    } finally {
      await receivers.close();
    }
  });
}

/** One trial: fail at `phaseS` into a minute, wait for both incidents and alerts, then recover. */
async function trial(
  worker: Runtime,
  receiversUrl: string,
  hook: string,
  answer: (status: number) => Promise<void>,
  phaseS: number,
): Promise<Trial> {
  await sleep(untilSecond(Date.now(), phaseS));
  const failedAt = Date.now();
  await answer(503);
  log(`targets down at ${new Date(failedAt).toISOString()}`);
  const incident: Record<string, number | null> = {};
  const alert: Record<string, number | null> = {};
  while (Date.now() - failedAt < GIVE_UP_MS && MONITORS.some((m) => alert[m.id] === undefined)) {
    const open = await worker.db
      .prepare('SELECT monitor_id FROM incidents WHERE resolved_at IS NULL')
      .all<{ monitor_id: string }>();
    for (const row of open.results) incident[row.monitor_id] ??= (Date.now() - failedAt) / 1000;
    for (const message of await received(receiversUrl, hook)) {
      if (message.receivedAt < failedAt || !message.opened) continue;
      for (const m of MONITORS) {
        if (message.text.includes(m.id)) alert[m.id] ??= (message.receivedAt - failedAt) / 1000;
      }
    }
    await sleep(250);
  }
  for (const m of MONITORS) {
    incident[m.id] ??= null;
    alert[m.id] ??= null;
    log(`${m.id}: incident after ${incident[m.id]} s, alert after ${alert[m.id]} s`);
  }
  await answer(200);
  // Recovered and resolved (recover_after 2) before the next trial fails them again.
  const recoveredAt = Date.now();
  while (Date.now() - recoveredAt < GIVE_UP_MS) {
    const open = await worker.db
      .prepare('SELECT count(*) AS n FROM incidents WHERE resolved_at IS NULL')
      .all<{ n: number }>();
    if ((open.results[0]?.n ?? 0) === 0) break;
    await sleep(1_000);
  }
  return { failed_at_second: phaseS, incident_after_s: incident, alert_after_s: alert };
}

/** What the Slack-style receiver got: when, whether it tells an opening, and its text. */
async function received(receiversUrl: string, hook: string) {
  const response = await fetch(`${receiversUrl}/__received/slack/${hook}`);
  if (!response.ok) throw new BenchError(`the receiver answered ${response.status}`);
  const requests = (await response.json()) as { receivedAt: number; body: unknown }[];
  return requests.map((r) => {
    const text = JSON.stringify(r.body);
    return { receivedAt: r.receivedAt, text, opened: !/resolved/i.test(text.slice(0, 400)) };
  });
}

/** Fires the cron at the start of every real minute, as Cloudflare would. */
function startCron(worker: Runtime) {
  let stopped = false;
  let pending: Promise<unknown> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const next = () => {
    if (stopped) return;
    timer = setTimeout(
      () => {
        const at = Math.floor(Date.now() / MINUTE) * MINUTE;
        pending = worker.worker
          .scheduled({ scheduledTime: new Date(at), cron: '* * * * *' })
          .catch((error) => {
            log(`cron at ${new Date(at).toISOString()} failed: ${String(error)}`);
          });
        next();
      },
      untilSecond(Date.now(), 0),
    );
  };
  next();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await pending;
    },
  };
}

/** Milliseconds from `now` until the next time the clock reads `second` seconds into a minute. */
function untilSecond(now: number, second: number): number {
  const into = now % MINUTE;
  const wait = second * 1000 - into;
  return wait > 0 ? wait : wait + MINUTE;
}

function stats(values: (number | null)[]) {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const mid = known.length === 0 ? null : (known[Math.floor((known.length - 1) / 2)] ?? null);
  return {
    median: mid === null ? null : round(mid, 1),
    max: known.length === 0 ? null : round(known.at(-1) ?? 0, 1),
    missed: values.length - known.length,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

runMain(main);
