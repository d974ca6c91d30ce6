import type { MaintenanceWindow } from '../../alerting/maintenance';
import type { Database } from '../client';
import { maintenances } from '../schema';
import { statement } from '../statements';

export async function listMaintenance(db: Database): Promise<MaintenanceWindow[]> {
  const rows = await db.select().from(maintenances);
  return rows.map(({ source: _, ...window }) => window);
}

/** A window as the columns id, title, monitors, groups, starts_at, ends_at, weekly. */
const columnsOf = (w: MaintenanceWindow) => [
  w.id,
  w.title,
  JSON.stringify(w.monitors),
  JSON.stringify(w.groups),
  w.startsAt,
  w.endsAt,
  w.weekly ? JSON.stringify(w.weekly) : null,
];

/** The config file's windows replace those D1 holds from the file; API-made windows stay. */
export function replaceConfigMaintenance(db: Database, windows: MaintenanceWindow[]): D1PreparedStatement[] {
  const json = JSON.stringify(windows.map(columnsOf));
  return [
    statement(db, `DELETE FROM maintenances WHERE source = 'config'`),
    statement(
      db,
      `INSERT OR REPLACE INTO maintenances (id, title, monitors, groups, starts_at, ends_at, weekly, source)
       SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5,
              j.value ->> 6, 'config'
       FROM json_each(?) AS j`,
      json,
    ),
  ];
}

/** Adds a window made through the API; false when one with its id exists. */
export async function insertApiMaintenance(db: Database, window: MaintenanceWindow): Promise<boolean> {
  const inserted = await statement(
    db,
    `INSERT OR IGNORE INTO maintenances (id, title, monitors, groups, starts_at, ends_at, weekly, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'api')`,
    ...columnsOf(window),
  ).run();
  return inserted.meta.changes > 0;
}
