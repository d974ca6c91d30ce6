/**
 * What one tick may spend, measured from its start. Cloudflare gives a minute cron no exactly-once
 * promise and kills invocations at their limits, so every phase has a deadline inside the minute:
 * probing ends by PROBE_BUDGET_MS (what has not arrived is `unknown`), rechecks by RECHECK_BY_MS,
 * and delivery stops starting sends at DELIVER_BY_MS, leaving the rest of the minute free.
 */
export const PROBE_BUDGET_MS = 38_000;
export const RECHECK_BY_MS = 46_000;
export const DELIVER_BY_MS = 56_000;

/**
 * The longest one check may take at worst (every request it may send hitting its timeout: flow
 * steps, the anonymous re-send of `requires_auth`). Longer checks are rejected when the config is
 * loaded: they could never finish inside the probing budget. The rest of the budget covers a
 * prober's start (cold start, colo lookup, the RPC).
 */
export const MAX_CHECK_MS = 30_000;
