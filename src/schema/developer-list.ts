/**
 * The `developers` connection's arguments beyond paging (search, filters, order) and how a page of
 * it is read: in Tyk's order straight from the pages that hold it; filtered or sorted from the rows
 * of every developer (the loaders decide where those come from, see docs/loaders.md).
 */
import { badUserInput } from '../errors.js';
import type { GatewayContext } from '../context.js';
import type { DeveloperOrderField, DeveloperQuery } from '../loaders/developer-rows.js';
import type { TykDeveloper } from '../tyk/wire.js';
import { builder } from './builder.js';
import { connectionOf, planWindow, settleWindow, tykOrderPage } from './connection.js';

export const DeveloperOrderFieldRef = builder.enumType('DeveloperOrderField', {
  description: 'What a list of developers can be sorted by.',
  values: {
    EMAIL: { description: 'Email address, case-insensitive.' },
    NAME: { description: 'Display name (the `Name` field), case-insensitive; developers without one come last.' },
    DATE_CREATED: { description: 'When the developer signed up.' },
    LAST_LOGIN: { description: 'Last portal login; developers who never logged in come last.' },
  } as const,
});

export const OrderDirectionRef = builder.enumType('OrderDirection', {
  description: 'Sort direction.',
  values: {
    ASC: { description: 'Smallest (A, oldest) first.' },
    DESC: { description: 'Largest (Z, newest) first.' },
  } as const,
});

export const DeveloperOrderRef = builder.inputType('DeveloperOrder', {
  description: 'The order of a list of developers; ties keep Tyk’s order (oldest first).',
  fields: (t) => ({
    field: t.field({ type: DeveloperOrderFieldRef, required: true, description: 'What to sort by.' }),
    direction: t.field({ type: OrderDirectionRef, defaultValue: 'ASC', description: 'Ascending (default) or descending.' }),
  }),
});

/** Longest search or email text accepted. */
export const MAX_SEARCH_LENGTH = 200;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A search text: trimmed, '' → no filter; too long or with control characters → BAD_USER_INPUT. */
function searchText(value: string | null | undefined, name: string): string | undefined {
  if (value == null) return undefined;
  if (value.length > MAX_SEARCH_LENGTH) throw badUserInput(`${name} must be at most ${MAX_SEARCH_LENGTH} characters.`, name);
  if (CONTROL.test(value)) throw badUserInput(`${name} must not contain control characters.`, name);
  return value.trim() || undefined;
}

export interface DeveloperListArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  email?: string | null;
  search?: string | null;
  inactive?: boolean | null;
  orderBy?: { field: DeveloperOrderField; direction?: 'ASC' | 'DESC' | null } | null;
}

/** One page of the `developers` connection. Arguments are checked before any upstream call. */
export async function developerPage(args: DeveloperListArgs, ctx: GatewayContext) {
  const window = planWindow(args);
  const query: DeveloperQuery = {
    email: searchText(args.email, 'email'),
    search: searchText(args.search, 'search'),
    inactive: args.inactive ?? undefined,
    orderBy: args.orderBy ? { field: args.orderBy.field, direction: args.orderBy.direction ?? 'ASC' } : undefined,
  };
  const plain = !query.email && !query.search && query.inactive === undefined && !query.orderBy;
  return plain ? tykOrderPage(window, ctx.loaders.developerPages) : selectedPage(window, query, ctx);
}

/** A filtered or sorted page: the selected rows, then the records of the rows on the page. */
async function selectedPage(window: ReturnType<typeof planWindow>, query: DeveloperQuery, ctx: GatewayContext) {
  const { rows, records } = await ctx.loaders.developerRows(query);
  const { start, end } = settleWindow(window, rows.length);
  const shown = rows.slice(start, end);
  const found = await Promise.all(shown.map((row) => records?.get(row.id) ?? ctx.loaders.developerById.load(row.id)));
  // A developer deleted since its row was read has no record any more: its place stays empty.
  const developers = found.filter((d): d is TykDeveloper => d !== null);
  return connectionOf(start, developers, end < rows.length, rows.length);
}
