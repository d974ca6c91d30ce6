/**
 * The `subscribers` table. Addresses are read here only for sending and for the write-token API;
 * nothing public selects them.
 */
import type { Database } from '../db/client';
import { statement } from '../db/statements';

export type SubscriberKind = 'email' | 'webhook';

export interface SubscriberRow {
  id: string;
  kind: SubscriberKind;
  address: string;
  /** JSON array of group names, or null for every public monitor. */
  groups: string | null;
  status: 'pending' | 'active';
  created_at: number;
  confirmed_at: number | null;
  /** The tag of the language the sign-up page was shown in; null (imported): the page's default. */
  language: string | null;
}

const COLUMNS = 'id, kind, address, groups, status, created_at, confirmed_at, language';

/**
 * The row for (kind, address), made pending if there was none. A pending row's clock starts again
 * (the new link gets a whole window); an active row stays active until its owner confirms a change.
 */
export async function signUp(
  db: Database,
  kind: SubscriberKind,
  address: string,
  now: number,
  language: string,
): Promise<{ id: string; status: 'pending' | 'active' }> {
  // A pending row takes the language of the latest sign-up page, as it takes its clock.
  const row = await statement(
    db,
    `INSERT INTO subscribers (id, kind, address, groups, status, created_at, language)
     VALUES (?1, ?2, ?3, NULL, 'pending', ?4, ?5)
     ON CONFLICT (kind, address) DO UPDATE SET
       created_at = CASE WHEN status = 'pending' THEN excluded.created_at ELSE created_at END,
       language = CASE WHEN status = 'pending' THEN excluded.language ELSE language END
     RETURNING id, status`,
    newSubscriberId(),
    kind,
    address,
    now,
    language,
  ).first<{ id: string; status: 'pending' | 'active' }>();
  if (!row) throw new Error('subscriber upsert returned nothing');
  return row;
}

/** Activates a subscriber with the groups its confirmation carries; false when it is gone. */
export async function confirm(
  db: Database,
  id: string,
  groups: string[] | null,
  now: number,
): Promise<boolean> {
  const result = await statement(
    db,
    `UPDATE subscribers SET status = 'active', groups = ?2, confirmed_at = coalesce(confirmed_at, ?3)
     WHERE id = ?1`,
    id,
    groups === null ? null : JSON.stringify(groups),
    now,
  ).run();
  return result.meta.changes > 0;
}

/** Deletes a subscriber (unsubscribe, or the API); false when there was none. */
export async function remove(db: Database, id: string): Promise<boolean> {
  const result = await statement(db, 'DELETE FROM subscribers WHERE id = ?', id).run();
  return result.meta.changes > 0;
}

export function findSubscriber(db: Database, id: string): Promise<SubscriberRow | null> {
  return statement(db, `SELECT ${COLUMNS} FROM subscribers WHERE id = ?`, id).first<SubscriberRow>();
}

/** A page of subscribers in id order, after `cursor`. */
export async function listSubscribers(
  db: Database,
  after: string | null,
  limit: number,
): Promise<SubscriberRow[]> {
  const { results } = await statement(
    db,
    `SELECT ${COLUMNS} FROM subscribers WHERE (?1 IS NULL OR id > ?1) ORDER BY id LIMIT ?2`,
    after,
    limit,
  ).all<SubscriberRow>();
  return results;
}

/** Subscribers who signed up before `before` and never confirmed: the housekeeping deletes them. */
export function expirePending(db: Database, before: number): D1PreparedStatement {
  return statement(db, `DELETE FROM subscribers WHERE status = 'pending' AND created_at < ?`, before);
}

/** Random and sortable by creation: `sub_` + time in base 36 + 16 random hex digits. */
function newSubscriberId(): string {
  const random = [...crypto.getRandomValues(new Uint8Array(8))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  return `sub_${Date.now().toString(36)}${random}`;
}

/** The group list a row holds (null: every public monitor). */
export const groupsOf = (row: Pick<SubscriberRow, 'groups'>): string[] | null =>
  row.groups === null ? null : (JSON.parse(row.groups) as string[]);

/** An already confirmed subscriber (moved from another service): active at once, groups replaced. */
export async function importActive(
  db: Database,
  kind: SubscriberKind,
  address: string,
  groups: string[] | null,
  now: number,
): Promise<SubscriberRow> {
  const row = await statement(
    db,
    `INSERT INTO subscribers (id, kind, address, groups, status, created_at, confirmed_at)
     VALUES (?1, ?2, ?3, ?4, 'active', ?5, ?5)
     ON CONFLICT (kind, address) DO UPDATE SET
       status = 'active', groups = excluded.groups, confirmed_at = coalesce(confirmed_at, excluded.confirmed_at)
     RETURNING ${COLUMNS}`,
    newSubscriberId(),
    kind,
    address,
    groups === null ? null : JSON.stringify(groups),
    now,
  ).first<SubscriberRow>();
  if (!row) throw new Error('subscriber upsert returned nothing');
  return row;
}
