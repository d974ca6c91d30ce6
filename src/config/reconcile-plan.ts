import type { MonitorDefinition } from './monitor';

export interface ReconcilePlan {
  add: MonitorDefinition[];
  update: MonitorDefinition[];
  remove: string[];
  unchanged: number;
}

/** Compares the config file's monitors with those D1 holds from the file. Pure. */
export function planReconcile(
  stored: readonly MonitorDefinition[],
  desired: readonly MonitorDefinition[],
): ReconcilePlan {
  const storedById = new Map(stored.map((m) => [m.id, m]));
  const desiredIds = new Set(desired.map((m) => m.id));
  const plan: ReconcilePlan = { add: [], update: [], remove: [], unchanged: 0 };
  for (const monitor of desired) {
    const current = storedById.get(monitor.id);
    if (!current) plan.add.push(monitor);
    else if (canonical(current) !== canonical(monitor)) plan.update.push(monitor);
    else plan.unchanged++;
  }
  plan.remove = stored.filter((m) => !desiredIds.has(m.id)).map((m) => m.id);
  return plan;
}

/** Key order does not matter: D1 returns JSON columns with whatever order they were stored in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
