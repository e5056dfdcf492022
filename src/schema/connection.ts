/**
 * Relay connections with offset cursors: argument checks, the window (offsets) the arguments ask
 * for, and the connection object with its `totalCount`. Shared by `developers` and `keyRequests`,
 * which read only the window's pages from Tyk (or, filtered, the rows selected).
 */
import { cursorToOffset, offsetToCursor } from '@pothos/plugin-relay';
import { badUserInput } from '../errors.js';
import type { ListPages } from '../loaders/list-pages.js';

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

/** A page size outside 0–100 or a cursor this connection did not hand out is BAD_USER_INPUT. */
function checkPageArgs(args: PageArgs): void {
  for (const name of ['first', 'last'] as const) {
    const size = args[name];
    if (size != null && (size < 0 || size > MAX_PAGE_SIZE)) throw badUserInput(`${name} must be between 0 and ${MAX_PAGE_SIZE}.`, name);
  }
  for (const name of ['after', 'before'] as const) {
    const cursor = args[name];
    if (cursor != null && !isOffsetCursor(cursor)) throw badUserInput(`${name} is not a cursor of this list.`, name);
  }
}

/**
 * The offsets a page asks for, as the Relay spec's algorithm gives them: `after`/`before` narrow the
 * list, then `first` keeps the window's start, then `last` its end. `last` without `before` or
 * `first` counts from the end of the list: the window is then known once the list's length is
 * (`tail`). Checked before any upstream call (BAD_USER_INPUT).
 */
export type Window = { start: number; end: number } | { start: number; tail: number };

export function planWindow(args: PageArgs): Window {
  checkPageArgs(args);
  let start = args.after != null ? cursorToOffset(args.after) + 1 : 0;
  const upper = args.before != null ? cursorToOffset(args.before) : Number.POSITIVE_INFINITY;
  let end = Math.max(upper, start);
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) {
    if (end === Number.POSITIVE_INFINITY) return { start, tail: args.last };
    start = Math.max(start, end - args.last);
  }
  if (args.first == null && args.last == null) end = Math.min(end, start + DEFAULT_PAGE_SIZE);
  return { start, end };
}

/** The window's offsets once the list's length is known. */
export function settleWindow(window: Window, total: number): { start: number; end: number } {
  if ('tail' in window) return { start: Math.max(window.start, total - window.tail), end: Math.max(total, window.start) };
  return { start: window.start, end: Math.min(window.end, Math.max(total, window.start)) };
}

/**
 * A connection over the items at offsets [start, start + items.length). `totalCount` is a number
 * or a function, called only when the field is asked for (it may cost an upstream call).
 */
export function connectionOf<T>(start: number, items: readonly T[], hasNextPage: boolean, totalCount: number | (() => Promise<number>)) {
  const edges = items.map((node, i) => ({ cursor: offsetToCursor(start + i), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      startCursor: edges.length ? edges[0]!.cursor : null,
      endCursor: edges.length ? edges.at(-1)!.cursor : null,
      hasPreviousPage: start > 0,
      hasNextPage,
    },
  };
}

/**
 * A page of one of Tyk's paged lists in Tyk's own order: only the pages holding the window are
 * read; `totalCount` (when asked for) reads the last page; `last` without `before` reads the last pages.
 */
export async function tykOrderPage<T>(window: Window, pages: ListPages<T>) {
  if ('tail' in window) {
    const tail = await pages.tail(window.tail);
    const { start } = settleWindow(window, tail.total);
    return connectionOf(start, tail.items.slice(start - tail.start), false, tail.total);
  }
  const { items, hasNext } = await pages.window(window.start, window.end);
  return connectionOf(window.start, items, hasNext, () => pages.total());
}

/** Connection-type options adding `totalCount` (what it counts is in `counted`). */
export function withTotalCount(description: string, counted: string) {
  return {
    description,
    fields: <Field>(c: { int: (options: { description: string; resolve: (connection: object) => number | Promise<number> }) => Field }) => ({
      totalCount: c.int({
        description: `Number of ${counted}, across all pages.`,
        resolve: (connection: object) => {
          const total = (connection as { totalCount: number | (() => Promise<number>) }).totalCount;
          return typeof total === 'function' ? total() : total;
        },
      }),
    }),
  };
}
