import type { Database } from '../db/client';
import { writeMeta } from '../db/queries/meta';
import { runBatch } from '../db/statements';

/**
 * A tick is a row of phases that fail alone: a phase that throws is logged with its name and
 * error, recorded for `GET /api/v1/health`, and the next phase still runs on what there is.
 */
export const PHASES = [
  'config',
  'probe',
  'decide',
  'write',
  'rollup',
  'housekeeping',
  'delivery',
  'watchdog',
] as const;
export type Phase = (typeof PHASES)[number];

export interface PhaseError {
  phase: Phase;
  /** The tick's scheduled time. */
  tickAt: number;
  error: string;
}

export const PHASE_ERROR_KEY = (phase: Phase) => `phase_error:${phase}`;

export class PhaseLog {
  readonly errors: PhaseError[] = [];

  constructor(private readonly tickAt: number) {}

  /** Runs one phase; on error records it and returns `fallback`. */
  async run<T>(phase: Phase, fn: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      this.fail(phase, error);
      return fallback;
    }
  }

  fail(phase: Phase, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.errors.push({ phase, tickAt: this.tickAt, error: message.slice(0, 500) });
    console.error(`[lookout] tick ${new Date(this.tickAt).toISOString()} phase ${phase} failed: ${message}`);
  }

  /** Stores each failed phase's latest error (a meta row per phase, written only on failure). */
  async persist(db: Database): Promise<void> {
    if (this.errors.length === 0) return;
    try {
      await runBatch(
        db,
        this.errors.map((e) => writeMeta(db, PHASE_ERROR_KEY(e.phase), JSON.stringify(e), e.tickAt)),
      );
    } catch (error) {
      console.error(`[lookout] could not record phase errors: ${String(error)}`);
    }
  }
}
