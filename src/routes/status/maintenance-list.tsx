import type { Translator } from '../../i18n/translator';
import type { maintenanceView } from './maintenance-view';
import { Time } from './incident-view';

/** Maintenance in progress and scheduled within a week; nothing when there is none. */
export function MaintenanceList({ tr, view }: { tr: Translator; view: ReturnType<typeof maintenanceView> }) {
  if (view.active.length === 0 && view.upcoming.length === 0) return null;
  return (
    <section class="maintenance" aria-labelledby="maintenance-heading">
      <h2 id="maintenance-heading">{tr.t('maintenance.heading')}</h2>
      <ul class="card">
        {view.active.map((m) => (
          <li class="window" data-maintenance={m.id} data-state="active">
            <strong>{m.title}</strong>{' '}
            <span class="meta">{tr.parts('maintenance.until', { end: <Time tr={tr} ms={m.end} /> })}</span>
          </li>
        ))}
        {view.upcoming.map((m) => (
          <li class="window" data-maintenance={m.id} data-state="scheduled">
            <strong>{m.title}</strong>{' '}
            <span class="meta">
              {tr.parts('maintenance.scheduled', {
                start: <Time tr={tr} ms={m.start} />,
                end: <Time tr={tr} ms={m.end} />,
              })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
