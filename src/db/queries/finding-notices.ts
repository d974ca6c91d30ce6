import type { Notices } from '../../alerting/finding-alerts';
import type { Database } from '../client';
import { statement } from '../statements';

export async function readNotices(db: Database): Promise<Notices> {
  const rows = await db.$client
    .prepare('SELECT monitor_id, code, last_lead_days FROM finding_notices')
    .all<{ monitor_id: string; code: string; last_lead_days: number | null }>();
  return new Map(rows.results.map((r) => [`${r.monitor_id} ${r.code}`, r.last_lead_days]));
}

/** Notices to store and remove; a monitor deleted while the tick ran is skipped, not an error. */
export function noticeStatements(
  db: Database,
  notices: { upserts: [string, string, number | null][]; removals: [string, string][] },
  now: number,
): D1PreparedStatement[] {
  const list: D1PreparedStatement[] = [];
  if (notices.upserts.length > 0) {
    list.push(
      statement(
        db,
        `INSERT INTO finding_notices (monitor_id, code, last_lead_days, notified_at)
         SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, ?2 FROM json_each(?1) AS j
         JOIN monitors AS m ON m.id = j.value ->> 0
         WHERE true
         ON CONFLICT (monitor_id, code) DO UPDATE SET last_lead_days = excluded.last_lead_days, notified_at = excluded.notified_at`,
        JSON.stringify(notices.upserts),
        now,
      ),
    );
  }
  if (notices.removals.length > 0) {
    list.push(
      statement(
        db,
        `DELETE FROM finding_notices WHERE EXISTS
           (SELECT 1 FROM json_each(?) AS j WHERE j.value ->> 0 = monitor_id AND j.value ->> 1 = code)`,
        JSON.stringify(notices.removals),
      ),
    );
  }
  return list;
}
