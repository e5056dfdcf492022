/**
 * Relay connections over lists Tyk returns whole (`p=-1`): page-size checks, offset cursors, and a
 * `totalCount` on the connection type. Shared by `developers` and `keyRequests`.
 */
import { cursorToOffset, resolveOffsetConnection } from '@pothos/plugin-relay';
import { badUserInput } from '../errors.js';

/** Largest page a connection serves. */
export const MAX_PAGE_SIZE = 100;
/** Page size when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;

interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** Whether a cursor is one this connection handed out (an offset cursor); decoding never throws. */
function isOffsetCursor(cursor: string): boolean {
  if (cursor.length > 64) return false;
  try {
    const offset = cursorToOffset(cursor);
    return Number.isSafeInteger(offset) && offset >= 0;
  } catch {
    return false;
  }
}

/**
 * One page of the loaded items with cursors and `totalCount`. A page size outside 0–100 or a cursor
 * this connection did not hand out is BAD_USER_INPUT, answered before `load` runs, so it costs no
 * upstream call.
 */
export async function pageOf<T>(args: PageArgs, load: () => Promise<readonly T[]>) {
  for (const name of ['first', 'last'] as const) {
    const size = args[name];
    if (size != null && (size < 0 || size > MAX_PAGE_SIZE)) throw badUserInput(`${name} must be between 0 and ${MAX_PAGE_SIZE}.`, name);
  }
  for (const name of ['after', 'before'] as const) {
    const cursor = args[name];
    if (cursor != null && !isOffsetCursor(cursor)) throw badUserInput(`${name} is not a cursor of this list.`, name);
  }
  const items = await load();
  const connection = await resolveOffsetConnection({ args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE }, ({ offset, limit }) =>
    items.slice(offset, offset + limit),
  );
  return { ...connection, totalCount: items.length };
}

/** Connection-type options adding `totalCount` (what it counts is in `counted`). */
export function withTotalCount(description: string, counted: string) {
  return {
    description,
    fields: <Field>(c: { int: (options: { description: string; resolve: (connection: object) => number }) => Field }) => ({
      totalCount: c.int({
        description: `Number of ${counted}, across all pages.`,
        resolve: (connection: object) => (connection as { totalCount: number }).totalCount,
      }),
    }),
  };
}
