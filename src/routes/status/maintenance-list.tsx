import type { maintenanceView } from './maintenance-view';
import { Time } from './incident-view';

/** Maintenance in progress and scheduled within a week; nothing when there is none. */
export function MaintenanceList({ view }: { view: ReturnType<typeof maintenanceView> }) {
  if (view.active.length === 0 && view.upcoming.length === 0) return null;
  return (
    <section class="maintenance" aria-labelledby="maintenance-heading">
      <h2 id="maintenance-heading">Maintenance</h2>
      <ul class="card">
        {view.active.map((m) => (
          <li class="window" data-maintenance={m.id} data-state="active">
            <strong>{m.title}</strong>{' '}
            <span class="meta">
              in progress until <Time ms={m.end} />
            </span>
          </li>
        ))}
        {view.upcoming.map((m) => (
          <li class="window" data-maintenance={m.id} data-state="scheduled">
            <strong>{m.title}</strong>{' '}
            <span class="meta">
              scheduled <Time ms={m.start} /> to <Time ms={m.end} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
