/**
 * Ids derived from what a thing is, so a decision made twice (a duplicate or retried tick) names
 * the same incident and the same event, and the writes dedupe: INSERT OR IGNORE on incidents, the
 * outbox's unique (event_id, channel_id). Pure and synchronous.
 */

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** 64-bit FNV-1a over the UTF-8 bytes of the parts (joined by a separator no id contains), as 16 hex digits. */
export function stableHash(...parts: (string | number)[]): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(parts.join('\u0000'))) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}

/** An incident is a monitor's failure streak: named by the monitor and the tick the streak began. */
export function incidentId(monitorId: string, failingSince: number): string {
  return `inc_${stableHash(monitorId, failingSince)}`;
}

/**
 * An event is a decision: its type and what it is about (an incident, or a monitor and finding),
 * and for what may recur (an update, a reminder, a finding announced again) the tick it was made in.
 */
export function eventId(type: string, ...about: (string | number)[]): string {
  return `evt_${stableHash(type, ...about)}`;
}
