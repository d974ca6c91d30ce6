import { heartbeatResult } from '../alerting/heartbeat';
import { sha256Hex } from '../lib/hash';
import type { HeartbeatSpec } from '../config/checks';
import type { Database } from '../db/client';
import { readHeartbeats, upsertTokenHashes } from '../db/queries/heartbeats';
import type { ProbeResult } from '../probes/result';
import { resolveTemplate, type SecretLookup } from '../probes/templates';
import type { ScheduledMonitor } from './plan';

/**
 * The due push monitors' results, judged from their last ping, and the statements that keep each
 * token's hash current (the token is a secret: only its hash reaches D1).
 */
export async function judgeHeartbeats(
  db: Database,
  due: readonly ScheduledMonitor[],
  secrets: SecretLookup,
  now: number,
): Promise<{ results: ProbeResult[]; statements: D1PreparedStatement[] }> {
  const monitors = due.filter(
    (m): m is ScheduledMonitor & { spec: HeartbeatSpec } => m.spec.kind === 'heartbeat',
  );
  if (monitors.length === 0) return { results: [], statements: [] };
  const records = await readHeartbeats(db);
  const changed: [string, string][] = [];
  for (const monitor of monitors) {
    let token: string;
    try {
      token = resolveTemplate(monitor.spec.token, { secrets, vars: {}, used: new Set() });
    } catch {
      continue; // unset secret: no ping URL can work, so the monitor is judged as never pinged
    }
    const hash = await sha256Hex(token);
    if (records.get(monitor.id)?.tokenHash !== hash) changed.push([monitor.id, hash]);
  }
  const results = monitors.map((m) =>
    heartbeatResult(
      { id: m.id, region: m.regions[0] ?? 'weur', createdAt: m.createdAt, spec: m.spec },
      records.get(m.id) ?? null,
      now,
    ),
  );
  return { results, statements: upsertTokenHashes(db, changed) };
}
