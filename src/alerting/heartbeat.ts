import type { HeartbeatSpec } from '../config/checks';
import type { ProbeResult } from '../probes/result';
import type { Region } from '../regions/regions';

export interface HeartbeatRecord {
  lastPingAt: number | null;
  lastStatus: 'ok' | 'fail' | null;
  lastMessage: string | null;
}

/**
 * A push monitor's result for this tick: up while pings arrive within period + grace (counted from
 * the monitor's creation until the first ping), down with heartbeat.missed after that, down with
 * heartbeat.failed when the job reported a failure. Pure.
 */
export function heartbeatResult(
  monitor: { id: string; region: Region; createdAt: number; spec: HeartbeatSpec },
  record: HeartbeatRecord | null,
  now: number,
): ProbeResult {
  const since = record?.lastPingAt ?? monitor.createdAt;
  const late = now - since > monitor.spec.period + monitor.spec.grace;
  const base = {
    monitorId: monitor.id,
    region: monitor.region,
    colo: 'push',
    startedAt: now,
    ttfbMs: null,
    totalMs: null,
    httpStatus: null,
    findings: [],
  };
  if (late) {
    const last = record?.lastPingAt
      ? `last ping ${new Date(record.lastPingAt).toISOString()}`
      : 'no ping yet';
    return {
      ...base,
      outcome: 'down',
      cause: 'heartbeat.missed',
      detail: `${last}; expected every ${monitor.spec.period / 1000} s`,
    };
  }
  if (record?.lastStatus === 'fail') {
    return {
      ...base,
      outcome: 'down',
      cause: 'heartbeat.failed',
      detail: record.lastMessage
        ? `the job reported: ${record.lastMessage.slice(0, 200)}`
        : 'the job reported a failure',
    };
  }
  return { ...base, outcome: 'up', cause: null, detail: null };
}
