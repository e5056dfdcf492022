/**
 * The developers connection over real HTTP against the embedded Dashboard: search over email and
 * name, filters, every order in both directions, `last` without `before` (Relay), cursors through
 * a filtered and sorted list, totals, and what each costs upstream (checked against Tyk's own list,
 * read here over REST).
 */
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeveloperListDocument, type DeveloperOrderField, type OrderDirection } from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';

interface Listed {
  id: string;
  email: string;
  inactive: boolean;
  date_created: string;
  last_login_date: string;
  fields: Record<string, string>;
}

let stack: Stack;
let tyk: Listed[];

beforeAll(async () => {
  stack = await startStack();
  const body = (await (await fetch(`${stack.dashboard.url}/api/portal/developers?p=-1`, { headers: { authorization: stack.credential } })).json()) as { Data: Listed[] };
  tyk = body.Data;
});
afterAll(() => stack.stop());

const ids = (list: readonly { id: string }[]) => list.map((d) => d.id);
const nodes = (result: Awaited<ReturnType<typeof list>>) => result.data!.developers.edges.map((e) => e.node);
const list = (variables: Parameters<Stack['execute']>[1] & object) => stack.execute(DeveloperListDocument, variables as never);

function upstream() {
  const entries = stack.dashboard.requestLog.entries();
  const lists = entries.filter((e) => e.route === 'GET /api/portal/developers');
  return { calls: entries.length, wholeLists: lists.filter((e) => e.path.includes('p=-1')).length, pages: lists.filter((e) => !e.path.includes('p=-1')).length };
}

/** Tyk's list sorted as the gateway promises: missing values last, ties in Tyk's order. */
function sortedTyk(field: DeveloperOrderField, direction: OrderDirection): Listed[] {
  const key = (d: Listed): string | number | undefined => {
    if (field === 'EMAIL') return d.email.toLowerCase();
    if (field === 'NAME') return d.fields['Name']?.toLowerCase() || undefined;
    const value = field === 'DATE_CREATED' ? d.date_created : d.last_login_date;
    return value && !value.startsWith('0001') ? Date.parse(value) : undefined;
  };
  const position = new Map(tyk.map((d, i) => [d.id, i]));
  return [...tyk].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    if (x === y) return position.get(a.id)! - position.get(b.id)!;
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    return (x < y ? -1 : 1) * (direction === 'DESC' ? -1 : 1);
  });
}

describe('search and filters', () => {
  it('searches email and name, case-insensitively, with the matching total', async () => {
    const name = tyk.find((d) => d.fields['Name'])!.fields['Name']!.split(' ')[1]!; // a last name
    const result = await list({ first: 100, search: name.toUpperCase() });
    expect(result.errors).toBeUndefined();
    const expected = tyk.filter((d) => d.email.toLowerCase().includes(name.toLowerCase()) || d.fields['Name']?.toLowerCase().includes(name.toLowerCase()));
    expect(expected.length).toBeGreaterThan(5);
    expect(result.data!.developers.totalCount).toBe(expected.length);
    expect(ids(nodes(result))).toEqual(ids(expected).slice(0, 100));
  });

  it('combines search, email and inactive, and reads the organisation once, streamed, never page by page', async () => {
    stack.dashboard.requestLog.clear();
    const result = await list({ first: 10, search: 'a', email: '.1', inactive: false });
    const expected = tyk.filter((d) => (d.email.includes('a') || d.fields['Name']?.toLowerCase().includes('a')) && d.email.includes('.1') && !d.inactive);
    expect(ids(nodes(result))).toEqual(ids(expected).slice(0, 10));
    expect(result.data!.developers.totalCount).toBe(expected.length);
    // One streamed read answers the filter and the page's records (a small organisation's are kept).
    expect(upstream()).toEqual({ calls: 1, wholeLists: 1, pages: 0 });
  });

  it('treats an empty search as none, and answers nothing for a search nobody matches', async () => {
    expect((await list({ first: 3, search: '   ' })).data!.developers.totalCount).toBe(tyk.length);
    const none = await list({ first: 3, search: 'no-such-developer-anywhere' });
    expect(none.data!.developers).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, startCursor: null, endCursor: null } });
  });
});

describe('order', () => {
  it.each(['EMAIL', 'NAME', 'DATE_CREATED', 'LAST_LOGIN'] as const)('sorts by %s both ways, missing values last, ties in Tyk’s order', async (field) => {
    for (const direction of ['ASC', 'DESC'] as const) {
      const result = await list({ first: 100, orderBy: { field, direction } });
      expect(result.errors).toBeUndefined();
      expect(ids(nodes(result)), `${field} ${direction}`).toEqual(ids(sortedTyk(field, direction)).slice(0, 100));
    }
  });

  it('pages through a sorted, filtered list with cursors: every developer once, in order', async () => {
    const expected = sortedTyk('NAME', 'DESC').filter((d) => !d.inactive);
    const seen: string[] = [];
    let after: string | null | undefined;
    for (let page = 0; page < 20; page++) {
      const result = await list({ first: 30, after, inactive: false, orderBy: { field: 'NAME', direction: 'DESC' } });
      const { edges, pageInfo } = result.data!.developers;
      seen.push(...edges.map((e) => e.node.id));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual(ids(expected));
  });

  it('defaults to ascending', async () => {
    const result = await stack.execute(parse('{ developers(first: 5, orderBy: { field: EMAIL }) { edges { node { id } } } }'));
    expect((result.data as { developers: { edges: { node: { id: string } }[] } }).developers.edges.map((e) => e.node.id)).toEqual(ids(sortedTyk('EMAIL', 'ASC')).slice(0, 5));
  });
});

describe('last without before', () => {
  it('answers the last developers in Tyk’s order from the last pages only', async () => {
    stack.dashboard.requestLog.clear();
    const result = await list({ last: 15 });
    expect(result.errors).toBeUndefined();
    expect(ids(nodes(result))).toEqual(ids(tyk.slice(-15)));
    expect(result.data!.developers).toMatchObject({ totalCount: tyk.length, pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    // 250 developers in 25 pages: 23–25 hold the last 15; page 1 too when no recent read of this
    // credential said how many pages there are (earlier tests here did).
    const pages = stack.dashboard.requestLog.entries().map((e) => new URL(e.path, 'http://x').searchParams.get('p'));
    expect(pages.filter((p) => p !== '1').sort()).toEqual(['23', '24', '25']);
    expect(pages.length).toBeLessThanOrEqual(4);
  });

  it('answers the last developers of a filtered, sorted list, and `last` before a cursor', async () => {
    const expected = sortedTyk('DATE_CREATED', 'ASC').filter((d) => d.inactive);
    const tail = await list({ last: 4, inactive: true, orderBy: { field: 'DATE_CREATED', direction: 'ASC' } });
    expect(ids(nodes(tail))).toEqual(ids(expected.slice(-4)));
    const firstPage = await list({ first: 10 });
    const before = firstPage.data!.developers.edges[6]!.cursor;
    const previous = await list({ last: 3, before });
    expect(ids(nodes(previous))).toEqual(ids(tyk.slice(3, 6)));
    expect(previous.data!.developers.pageInfo.hasPreviousPage).toBe(true);
  });

  it('keeps `after` as a lower bound', async () => {
    const after = Buffer.from('OffsetConnection:199').toString('base64');
    const result = await list({ last: 100, after });
    expect(ids(nodes(result))).toEqual(ids(tyk.slice(200)));
    expect(result.data!.developers.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
  });
});

describe('bad input, before any upstream call', () => {
  it.each([
    ['last: 101', { last: 101 }, 'last'],
    ['a search of 201 characters', { first: 5, search: 'x'.repeat(201) }, 'search'],
    ['a search with a control character', { first: 5, search: 'ab\u0000c' }, 'search'],
    ['an email filter of 201 characters', { first: 5, email: 'y'.repeat(201) }, 'email'],
    ['a before cursor that is not one', { last: 5, before: 'bm90LWEtY3Vyc29y' }, 'before'],
  ])('refuses %s with BAD_USER_INPUT', async (_name, variables, argument) => {
    stack.dashboard.requestLog.clear();
    const result = await list(variables);
    expect(result.errors?.map((e) => e.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toContain(argument);
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });

  it('refuses an order field that does not exist before running anything', async () => {
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(parse('{ developers(first: 5, orderBy: { field: PASSWORD }) { totalCount } }'));
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });
});
