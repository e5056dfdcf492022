/**
 * What filtering and sorting the developers connection needs of a developer, and nothing else: a
 * compact row (id, lower-cased email and name, inactive, two dates as ms, Tyk's list position),
 * about a tenth of a developer record. Rows are what a scan keeps and what the shared index holds.
 */
import type { TykDeveloper } from '../tyk/wire.js';

/** Tyk's portal keeps the display name in the `Name` custom field. */
export const NAME_FIELD = 'Name';

export interface DeveloperRow {
  id: string;
  /** Lower-cased email. */
  email: string;
  /** Lower-cased `Name` field; '' when the developer has none. */
  name: string;
  inactive: boolean;
  /** `date_created` in ms; NaN when absent. */
  created: number;
  /** `last_login_date` in ms; NaN when the developer never logged in (Tyk's zero time). */
  lastLogin: number;
  /** Place in Tyk's list order (oldest first): ties sort by it. */
  position: number;
}

export type DeveloperOrderField = 'EMAIL' | 'NAME' | 'DATE_CREATED' | 'LAST_LOGIN';
export type OrderDirection = 'ASC' | 'DESC';

/** Filters and order of a developers query; all optional. */
export interface DeveloperQuery {
  /** Email contains this text (case-insensitive). */
  email?: string | undefined;
  /** Email or name contains this text (case-insensitive). */
  search?: string | undefined;
  inactive?: boolean | undefined;
  orderBy?: { field: DeveloperOrderField; direction: OrderDirection } | undefined;
}

/** Whether a query needs more than Tyk's pages in order (a filter or a sort). */
export function isPlainListing(query: DeveloperQuery): boolean {
  return !query.email && !query.search && query.inactive == null && !query.orderBy;
}

// Tyk writes "never" as Go's zero time (0001-01-01T00:00:00Z): anything before 1971 is no date.
const EPOCH_FLOOR = Date.UTC(1971, 0, 1);
function timeOf(value: string): number {
  if (!value) return Number.NaN;
  const ms = Date.parse(value);
  return ms >= EPOCH_FLOOR ? ms : Number.NaN;
}

export function rowOf(developer: TykDeveloper, position: number): DeveloperRow {
  return {
    id: developer.id,
    email: developer.email.toLowerCase(),
    name: (developer.fields[NAME_FIELD] ?? '').toLowerCase(),
    inactive: developer.inactive,
    created: timeOf(developer.date_created),
    lastLogin: timeOf(developer.last_login_date),
    position,
  };
}

/** Approximate heap bytes of a row (object, strings at two bytes a character), for the index's budget and metrics. */
export function rowBytes(row: DeveloperRow): number {
  return 96 + 2 * (row.id.length + row.email.length + row.name.length);
}

/** The rows a query selects, in its order (ties and the default order: Tyk's). */
export function select(rows: readonly DeveloperRow[], query: DeveloperQuery): DeveloperRow[] {
  const email = query.email?.toLowerCase();
  const search = query.search?.toLowerCase();
  const inactive = query.inactive;
  const chosen =
    !email && !search && inactive == null
      ? [...rows]
      : rows.filter(
          (r) =>
            (!email || r.email.includes(email)) &&
            (!search || r.email.includes(search) || r.name.includes(search)) &&
            (inactive == null || r.inactive === inactive),
        );
  if (query.orderBy) chosen.sort(comparator(query.orderBy.field, query.orderBy.direction));
  return chosen;
}

/** Rows by `field` in `direction`; rows without a value last either way; ties in Tyk's order. */
export function comparator(field: DeveloperOrderField, direction: OrderDirection): (a: DeveloperRow, b: DeveloperRow) => number {
  const sign = direction === 'DESC' ? -1 : 1;
  const byPosition = (a: DeveloperRow, b: DeveloperRow) => a.position - b.position;
  if (field === 'EMAIL' || field === 'NAME') {
    const key = field === 'EMAIL' ? (r: DeveloperRow) => r.email : (r: DeveloperRow) => r.name;
    return (a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === y) return byPosition(a, b);
      if (!x) return 1;
      if (!y) return -1;
      return (x < y ? -1 : 1) * sign;
    };
  }
  const key = field === 'DATE_CREATED' ? (r: DeveloperRow) => r.created : (r: DeveloperRow) => r.lastLogin;
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    const xMissing = Number.isNaN(x);
    const yMissing = Number.isNaN(y);
    if (xMissing || yMissing) return xMissing === yMissing ? byPosition(a, b) : xMissing ? 1 : -1;
    return x === y ? byPosition(a, b) : (x - y) * sign;
  };
}
