import type { HeartbeatRecord } from '../../alerting/heartbeat';
import type { Database } from '../client';
import { statement } from '../statements';

export async function readHeartbeats(
  db: Database,
): Promise<Map<string, HeartbeatRecord & { tokenHash: string }>> {
  const rows = await db.$client
    .prepare('SELECT monitor_id, token_hash, last_ping_at, last_status, last_message FROM heartbeats')
    .all<{
      monitor_id: string;
      token_hash: string;
      last_ping_at: number | null;
      last_status: 'ok' | 'fail' | null;
      last_message: string | null;
    }>();
  return new Map(
    rows.results.map((r) => [
      r.monitor_id,
      {
        tokenHash: r.token_hash,
        lastPingAt: r.last_ping_at,
        lastStatus: r.last_status,
        lastMessage: r.last_message,
      },
    ]),
  );
}

/**
 * Stores the hash of each heartbeat's current token (a rotated secret replaces the old hash).
 * Guarded so no row can fail the tick's batch: a hash another monitor already holds (two secrets
 * with the same value) and a monitor deleted while the tick ran are skipped.
 */
export function upsertTokenHashes(
  db: Database,
  hashes: [monitorId: string, tokenHash: string][],
): D1PreparedStatement[] {
  const seen = new Set<string>();
  const unique = hashes.filter(([, hash]) => !seen.has(hash) && seen.add(hash));
  if (unique.length === 0) return [];
  return [
    statement(
      db,
      `INSERT INTO heartbeats (monitor_id, token_hash)
       SELECT j.value ->> 0, j.value ->> 1 FROM json_each(?) AS j
       WHERE EXISTS (SELECT 1 FROM monitors AS m WHERE m.id = j.value ->> 0)
         AND NOT EXISTS (SELECT 1 FROM heartbeats AS h
                         WHERE h.token_hash = j.value ->> 1 AND h.monitor_id != j.value ->> 0)
       ON CONFLICT (monitor_id) DO UPDATE SET token_hash = excluded.token_hash`,
      JSON.stringify(unique),
    ),
  ];
}

/** Records a ping; false when no heartbeat has this token. */
export async function recordPing(
  db: Database,
  tokenHash: string,
  at: number,
  status: 'ok' | 'fail',
  message: string | null,
): Promise<boolean> {
  const result = await db.$client
    .prepare('UPDATE heartbeats SET last_ping_at = ?, last_status = ?, last_message = ? WHERE token_hash = ?')
    .bind(at, status, message, tokenHash)
    .run();
  return result.meta.changes > 0;
}
