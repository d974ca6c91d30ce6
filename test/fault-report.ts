/**
 * What a fault scenario measured. `npm run bench:faults` collects these rows (the `[fault]` lines
 * the scenarios print) into its report; the tests assert on the same figures.
 */
export interface FaultRow {
  scenario: string;
  ticks: number;
  results_expected: number;
  results_stored: number;
  incidents_opened: number;
  /** Distinct events each receiver accepted. */
  events_sent: Record<string, number>;
  /** Events a receiver accepted more than once with the same id (before any dedupe on its side). */
  redeliveries: number;
  /** Events acted on twice: accepted twice after deduping on the event id (must be 0). */
  duplicates: number;
  /** Events or results that should exist and do not (must be 0). */
  losses: number;
  [extra: string]: unknown;
}

export function reportFault(row: FaultRow): FaultRow {
  console.log(`[fault] ${JSON.stringify(row)}`);
  return row;
}

/** Redeliveries and losses of what a receiver accepted against the event ids it should have. */
export function tallyEvents(accepted: { id: string }[], expectedIds: readonly string[]) {
  const ids = accepted.map((a) => a.id);
  const distinct = new Set(ids);
  return {
    sent: distinct.size,
    redeliveries: ids.length - distinct.size,
    losses: expectedIds.filter((id) => !distinct.has(id)).length,
  };
}
