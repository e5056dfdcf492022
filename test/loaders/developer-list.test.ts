/**
 * Developer lists against a recording fake Dashboard: windows read only the pages that hold them,
 * totals one page more, tails the last pages, another page size is learned; filtered and sorted
 * queries read every developer once (streamed) or from the credential's shared index, which is
 * refreshed by writes, expires, never serves another credential and stays within its budget.
 */
import { describe, expect, it } from 'vitest';
import { createLoaders } from '../../src/loaders/index.js';
import { DeveloperIndexStore } from '../../src/loaders/developer-index.js';
import { observeDevelopers } from '../../src/loaders/developer-observer.js';
import { TykNotFoundError } from '../../src/tyk/errors.js';
import type { TykClient } from '../../src/tyk/types.js';
import { TykDeveloper } from '../../src/tyk/wire.js';

const hex = (n: number) => n.toString(16).padStart(24, '0');
const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString();
const developer = (n: number) =>
  TykDeveloper.parse({
    id: hex(n),
    email: `dev${String(n).padStart(5, '0')}@example.com`,
    fields: n % 7 === 0 ? {} : { Name: `Name ${String(1000 - (n % 1000)).padStart(4, '0')}` },
    inactive: n % 5 === 0,
    date_created: day(n % 97),
    last_login_date: n % 3 === 0 ? '0001-01-01T00:00:00Z' : day(n % 11),
  });

/** A Dashboard of `count` developers paged by `pageSize`, recording every call. */
function dashboard(count: number, pageSize = 10, baseUrl = `http://fake-${pageSize}`) {
  const calls: string[] = [];
  let developers = Array.from({ length: count }, (_, i) => developer(i + 1));
  const client = {
    baseUrl,
    async listDevelopers({ page }: { page?: number } = {}) {
      calls.push(`page ${page}`);
      const p = page ?? 1;
      return { data: developers.slice((p - 1) * pageSize, p * pageSize), pages: Math.ceil(developers.length / pageSize) };
    },
    async streamDevelopers(onDeveloper: (d: TykDeveloper, i: number) => void) {
      calls.push('stream');
      developers.forEach((d, i) => onDeveloper(d, i));
      return developers.length;
    },
    async getDeveloper(id: string) {
      calls.push(`get ${id}`);
      const found = developers.find((d) => d.id === id);
      if (!found) throw new TykNotFoundError('not found', 'GET /api/portal/developers/:id', 404);
      return found;
    },
    async createDeveloper() {
      const created = developer(count + 1 + developers.length);
      developers = [...developers, created];
      return created.id;
    },
    async updateDeveloper(id: string, body: { email: string }) {
      developers = developers.map((d) => (d.id === id ? { ...d, email: body.email } : d));
    },
    async deleteDeveloper(id: string) {
      developers = developers.filter((d) => d.id !== id);
    },
  } as unknown as TykClient;
  return { client, calls, all: () => developers };
}

const emails = (list: readonly { email: string }[]) => list.map((d) => d.email);

describe('a window of the list', () => {
  it('reads only the pages that hold it, all at once', async () => {
    const { client, calls, all } = dashboard(250);
    const { developerPages } = createLoaders(client);
    const window = await developerPages.window(45, 95);
    expect(emails(window.items)).toEqual(emails(all().slice(45, 95)));
    expect(window.hasNext).toBe(true);
    expect(calls).toEqual(['page 5', 'page 6', 'page 7', 'page 8', 'page 9', 'page 10']);
  });

  it('counts the list with its last page on top, and knows the end when the window reaches it', async () => {
    const { client, calls } = dashboard(253);
    const { developerPages } = createLoaders(client);
    await developerPages.window(0, 50);
    expect(await developerPages.total()).toBe(253);
    expect(calls).toEqual(['page 1', 'page 2', 'page 3', 'page 4', 'page 5', 'page 26']);
    const end = await developerPages.window(240, 300);
    expect(end.items).toHaveLength(13);
    expect(end.hasNext).toBe(false);
  });

  it('reads the last pages for `last` without `before`', async () => {
    const { client, calls, all } = dashboard(253);
    const tail = await createLoaders(client).developerPages.tail(15);
    expect(tail).toMatchObject({ start: 238, total: 253 });
    expect(emails(tail.items)).toEqual(emails(all().slice(238)));
    expect(calls.sort()).toEqual(['page 1', 'page 24', 'page 25', 'page 26']);
  });

  it('learns a Dashboard page size that is not 10 and reads what the first guess missed', async () => {
    const { client, calls, all } = dashboard(100, 7, 'http://page-size-7');
    const window = await createLoaders(client).developerPages.window(0, 20);
    expect(emails(window.items)).toEqual(emails(all().slice(0, 20)));
    expect(calls).toEqual(['page 1', 'page 2', 'page 3']);
    // The next request plans with 7 from the start.
    calls.length = 0;
    await createLoaders(client).developerPages.window(14, 28);
    expect(calls).toEqual(['page 3', 'page 4']);
  });

  it('stops at a small list’s end once the credential’s page count is known, and reads on when it grew', async () => {
    const store = new DeveloperIndexStore();
    const sharing = { store, principal: 'p' };
    const { client, calls } = dashboard(12);
    await createLoaders(client, undefined, undefined, undefined, sharing).developerPages.window(0, 100);
    expect(calls).toHaveLength(10); // cold: the pages of 100 developers, 8 of them empty
    calls.length = 0;
    const warm = await createLoaders(client, undefined, undefined, undefined, sharing).developerPages.window(0, 100);
    expect(warm.items).toHaveLength(12);
    expect(calls).toEqual(['page 1', 'page 2']);
    await client.createDeveloper({ email: 'x@y.z' });
    for (let i = 0; i < 9; i++) await client.createDeveloper({ email: 'x@y.z' });
    calls.length = 0;
    const grown = await createLoaders(client, undefined, undefined, undefined, sharing).developerPages.window(0, 100);
    expect(grown.items).toHaveLength(22);
    expect(calls).toEqual(['page 1', 'page 2', 'page 3']);
  });
});

describe('filtered and sorted queries', () => {
  it('read a small organisation once per request, streamed, and answer every query of the request from it', async () => {
    const { client, calls, all } = dashboard(250);
    const loaders = createLoaders(client, undefined, undefined, undefined, { store: new DeveloperIndexStore(), principal: 'p' });
    const inactive = await loaders.developerRows({ inactive: true });
    expect(inactive.rows.map((r) => r.id)).toEqual(all().filter((d) => d.inactive).map((d) => d.id));
    expect(inactive.records?.size).toBe(250);
    const searched = await loaders.developerRows({ search: 'NAME 0995' });
    expect(searched.rows.map((r) => r.id).sort()).toEqual(all().filter((d) => d.fields['Name'] === 'Name 0995').map((d) => d.id).sort());
    expect(calls).toEqual(['stream']);
  });

  it('sort by each field in both directions, missing values last, ties in Tyk’s order', async () => {
    const { client, all } = dashboard(300);
    const loaders = createLoaders(client);
    const position = new Map(all().map((d, i) => [d.id, i]));
    const cases = [
      ['EMAIL', (d: TykDeveloper) => d.email.toLowerCase() || undefined],
      ['NAME', (d: TykDeveloper) => d.fields['Name']?.toLowerCase() || undefined],
      ['DATE_CREATED', (d: TykDeveloper) => Date.parse(d.date_created)],
      ['LAST_LOGIN', (d: TykDeveloper) => (d.last_login_date.startsWith('0001') ? undefined : Date.parse(d.last_login_date))],
    ] as const;
    for (const [field, key] of cases) {
      for (const direction of ['ASC', 'DESC'] as const) {
        const { rows } = await loaders.developerRows({ orderBy: { field, direction } });
        const expected = [...all()].sort((a, b) => {
          const [x, y] = [key(a), key(b)];
          if (x === y) return position.get(a.id)! - position.get(b.id)!;
          if (x === undefined) return 1;
          if (y === undefined) return -1;
          return (x < y ? -1 : 1) * (direction === 'DESC' ? -1 : 1);
        });
        expect(rows.map((r) => r.id), `${field} ${direction}`).toEqual(expected.map((d) => d.id));
      }
    }
  });

  it('keep a large organisation as the credential’s index: later queries make no call', async () => {
    const store = new DeveloperIndexStore({ minDevelopers: 100 });
    const { client, calls, all } = dashboard(500);
    const first = await createLoaders(client, undefined, undefined, undefined, { store, principal: 'p' }).developerRows({ search: 'dev0001' });
    expect(first.records).toBeUndefined(); // too many to keep: the page's records are read by id
    expect(first.rows.map((r) => r.id)).toEqual(all().filter((d) => d.email.includes('dev0001')).map((d) => d.id));
    calls.length = 0;
    const again = await createLoaders(client, undefined, undefined, undefined, { store, principal: 'p' }).developerRows({ inactive: false, orderBy: { field: 'EMAIL', direction: 'DESC' } });
    expect(again.rows).toHaveLength(400);
    expect(calls).toEqual([]);
    expect(store.stats()).toMatchObject({ credentials: 1, entries: 500 });
    expect(store.stats().bytes).toBeGreaterThan(500 * 100);
  });

  it('never answer one credential from another’s index', async () => {
    const store = new DeveloperIndexStore({ minDevelopers: 100 });
    const { client, calls } = dashboard(500);
    await createLoaders(client, undefined, undefined, undefined, { store, principal: 'a' }).developerRows({ search: 'dev' });
    calls.length = 0;
    await createLoaders(client, undefined, undefined, undefined, { store, principal: 'b' }).developerRows({ search: 'dev' });
    expect(calls).toEqual(['stream']);
  });

  it('read again what the gateway wrote, by id, before answering from the index', async () => {
    const store = new DeveloperIndexStore({ minDevelopers: 100 });
    const { client, calls } = dashboard(500);
    const loadersOf = (principal: string) => {
      const observed = observeDevelopers(client, store, principal);
      return { observed, loaders: createLoaders(observed, undefined, undefined, undefined, { store, principal }) };
    };
    await loadersOf('a').loaders.developerRows({});
    await loadersOf('b').loaders.developerRows({});
    // Credential a renames one developer, adds one and deletes one.
    const { observed } = loadersOf('a');
    await observed.updateDeveloper(hex(7), { email: 'renamed@example.com' });
    const created = await observed.createDeveloper({ email: 'new@example.com' });
    await observed.deleteDeveloper(hex(8));
    calls.length = 0;
    for (const principal of ['a', 'b']) {
      const { rows } = await loadersOf(principal).loaders.developerRows({ search: 'renamed' });
      expect(rows.map((r) => r.id), principal).toEqual([hex(7)]);
      const everyone = (await loadersOf(principal).loaders.developerRows({})).rows.map((r) => r.id);
      expect(everyone).toContain(created);
      expect(everyone).not.toContain(hex(8));
      expect(everyone).toHaveLength(500);
    }
    // Each index read the written ids again with its own credential; no list was read.
    expect(calls.sort()).toEqual([`get ${hex(7)}`, `get ${hex(7)}`, `get ${created}`, `get ${created}`, `get ${hex(8)}`].sort());
  });

  it('expire after their TTL, and keep the budget by dropping the least recently used', async () => {
    let now = 0;
    const store = new DeveloperIndexStore({ minDevelopers: 100, ttlMs: 1_000, maxEntries: 1_000, now: () => now });
    const { client, calls } = dashboard(500);
    const rows = (principal: string) => createLoaders(client, undefined, undefined, undefined, { store, principal }).developerRows({});
    await rows('a');
    await rows('b');
    expect(store.stats()).toMatchObject({ credentials: 2, entries: 1_000 });
    await rows('c'); // over the budget: a (least recently used) goes
    expect(store.stats()).toMatchObject({ credentials: 2, entries: 1_000 });
    calls.length = 0;
    await rows('b');
    expect(calls).toEqual([]);
    await rows('a');
    expect(calls).toEqual(['stream']);
    now = 1_000;
    calls.length = 0;
    await rows('a');
    expect(calls).toEqual(['stream']);
  });

  it('never index an organisation larger than the whole budget', async () => {
    const store = new DeveloperIndexStore({ minDevelopers: 10, maxEntries: 100 });
    const { client } = dashboard(500);
    await createLoaders(client, undefined, undefined, undefined, { store, principal: 'a' }).developerRows({});
    expect(store.stats()).toEqual({ credentials: 0, entries: 0, bytes: 0 });
  });
});
