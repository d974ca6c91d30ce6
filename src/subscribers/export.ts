/** Subscribers as a file to take elsewhere: JSON, or CSV (RFC 4180). Pure. */
import { groupsOf, type SubscriberRow } from './store';

export interface SubscriberView {
  id: string;
  kind: 'email' | 'webhook';
  address: string;
  /** Null: every public monitor. */
  groups: string[] | null;
  status: 'pending' | 'active';
  created_at: string;
  confirmed_at: string | null;
}

export function subscriberView(row: SubscriberRow): SubscriberView {
  return {
    id: row.id,
    kind: row.kind,
    address: row.address,
    groups: groupsOf(row),
    status: row.status,
    created_at: new Date(row.created_at).toISOString(),
    confirmed_at: row.confirmed_at === null ? null : new Date(row.confirmed_at).toISOString(),
  };
}

const CSV_COLUMNS = ['id', 'kind', 'address', 'groups', 'status', 'created_at', 'confirmed_at'] as const;

/**
 * One line per subscriber; groups joined by ";" (empty: all). Cells a spreadsheet would run as a
 * formula (starting with = + - @) get a leading apostrophe, as OWASP advises for CSV exports.
 */
export function subscribersCsv(views: readonly SubscriberView[]): string {
  const lines = views.map((v) =>
    CSV_COLUMNS.map((column) => {
      const value = v[column];
      return cell(column === 'groups' ? (v.groups ?? []).join(';') : ((value as string | null) ?? ''));
    }).join(','),
  );
  return [CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
