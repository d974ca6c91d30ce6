import { sha256Hex } from '../../lib/hash';
import {
  DAY_MS,
  readDays,
  readLiveHistory,
  type Counts,
  type DaysByMonitor,
  type PageHistory,
} from '../../db/queries/page';

/** Just after midnight the last tick of yesterday may still be writing: its days are not final yet. */
const SETTLE_MS = 5 * 60_000;

type Encoded = Record<string, [number, number, number, number, number][]>;

const encode = (days: DaysByMonitor): Encoded =>
  Object.fromEntries(
    [...days].map(([id, perDay]) => [
      id,
      [...perDay].map(([day, c]) => [day, c.up, c.degraded, c.down, c.downtimeS]),
    ]),
  );

const decode = (encoded: Encoded): DaysByMonitor =>
  new Map(
    Object.entries(encoded).map(([id, list]) => [
      id,
      new Map(
        list.map(([day, up, degraded, down, downtimeS]) => [
          day,
          { up, degraded, down, downtimeS } as Counts,
        ]),
      ),
    ]),
  );

/**
 * Days that ended no longer change, so the page reads them once a day (per location, kept in the
 * Cache API) and reads only today's rollups on every render: about 150 rollup rows for 50 monitors
 * instead of 13,500. The key names the day and the public monitors (id and creation time), so a
 * monitor added, removed, made private or re-created is a new key; nothing else changes them.
 */
async function pastDays(
  from: number,
  today: number,
  now: number,
  monitors: readonly { id: string; createdAt: number }[],
  read: () => Promise<DaysByMonitor>,
) {
  if (now - today < SETTLE_MS) return read();
  const set = monitors.map((m) => `${m.id}@${m.createdAt}`).join(',');
  const key = new Request(
    `https://lookout.cache/page/past-days?from=${from}&to=${today}&monitors=${await sha256Hex(set)}`,
  );
  const cache = await caches.open('lookout-history');
  const hit = await cache.match(key);
  if (hit) return decode(await hit.json());
  const days = await read();
  await cache.put(
    key,
    Response.json(encode(days), { headers: { 'cache-control': 'public, max-age=86400' } }),
  );
  return days;
}

/** The page's history of `days` UTC days ending today: past days (cached) with today's, live. */
export async function pageHistory(
  db: Parameters<typeof readDays>[0],
  now: number,
  days: number,
  /** The public monitors, as the page reads them in parallel. */
  monitors: Promise<readonly { id: string; createdAt: number }[]>,
): Promise<PageHistory> {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const from = today - (days - 1) * DAY_MS;
  const [live, past] = await Promise.all([
    readLiveHistory(db, now, from),
    monitors.then((list) => pastDays(from, today, now, list, () => readDays(db, from, today))),
  ]);
  for (const [id, perDay] of past) live.days.set(id, new Map([...perDay, ...(live.days.get(id) ?? [])]));
  return live;
}
