/**
 * Streamed portal lists: the scanner finds every item whatever the chunking, escapes and nesting;
 * malformed envelopes fail; over real loopback sockets a list far beyond the body cap is read item
 * by item, an oversized item or a broken-off body is a contract mismatch, and nothing is retried
 * once items were handed over.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ListStream, ListStreamError } from '../../src/tyk/list-stream.js';
import { closeTykPools, createTykClient } from '../../src/tyk/client.js';
import { TykContractMismatchError, TykUnavailableError } from '../../src/tyk/errors.js';
import { CREDENTIAL, hex, rejectionOf } from './support.js';

/** Feeds `text` in chunks of `size` bytes; the items and the envelope's other fields. */
function scan(text: string, size: number, maxItemBytes = 1 << 20) {
  const items: unknown[] = [];
  const stream = new ListStream({ onItem: (item) => items.push(item), maxItemBytes });
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) stream.push(bytes.subarray(i, i + size));
  return { items, fields: stream.end() };
}

const tricky = [
  { id: 'a', email: 'quote"inside@x.y', fields: { Name: 'Back\\slash \\\\ "q" ]}[{,:' } },
  { id: 'b', nested: { deeper: [[], [{}], { k: [1, 2, { z: 'x' }] }] }, unicode: 'Grüße 漢字 😀', empty: '' },
  'a string item',
  42,
  null,
  { id: 'c', escapes: '\u0000\n\t\\"\\', last: true },
];

describe('the list scanner', () => {
  it('hands over every item whatever the chunk size, escapes, nesting and multi-byte characters', () => {
    const text = JSON.stringify({ Data: tricky, Pages: 3 });
    for (const size of [1, 2, 3, 5, 7, 16, 64, text.length]) {
      const { items, fields } = scan(text, size);
      expect(items).toEqual(tricky);
      expect(fields).toEqual({ Pages: 3 });
    }
  });

  it('reads envelopes with whitespace, other fields first, an empty or a null list', () => {
    expect(scan(' {\n "Pages" : 0 ,\t"Meta":{"a":[1]}, "Data" : [ {"id":"x"} , {"id":"y"} ] } ', 4)).toEqual({ items: [{ id: 'x' }, { id: 'y' }], fields: { Pages: 0, Meta: { a: [1] } } });
    expect(scan('{"Data":[],"Pages":0}', 3).items).toEqual([]);
    expect(scan('{"Data":null,"Pages":0}', 3)).toEqual({ items: [], fields: { Data: null, Pages: 0 } });
  });

  it.each([
    ['not an object', '[1,2]'],
    ['no items at all', '{"Pages":1}'],
    ['items that are not an array', '{"Data":{"id":"x"},"Pages":1}'],
    ['a missing item', '{"Data":[{"id":"x"},,{"id":"y"}]}'],
    ['a trailing comma', '{"Data":[{"id":"x"},]}'],
    ['unbalanced brackets', '{"Data":[{"id":"x"}]]}'],
    ['an item that is not JSON', '{"Data":[{id:"x"}]}'],
    ['data after the end', '{"Data":[]} {"Data":[]}'],
    ['a body that broke off', '{"Data":[{"id":"x"},{"id":'],
    ['an unterminated string', '{"Data":["abc'],
  ])('refuses %s', (_name, text) => {
    expect(() => scan(text, 3)).toThrow(ListStreamError);
  });

  it('refuses an item larger than the limit, whether it spans chunks or not', () => {
    const text = JSON.stringify({ Data: [{ id: 'small' }, { id: 'x'.repeat(500) }], Pages: 1 });
    expect(() => scan(text, 7, 200)).toThrow(/larger than 200 bytes/);
    expect(() => scan(text, text.length, 200)).toThrow(/larger than 200 bytes/);
    expect(scan(text, 7, 600).items).toHaveLength(2);
  });
});

const servers: Server[] = [];
afterEach(async () => {
  await closeTykPools();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => (s.closeAllConnections(), s.close(resolve)))));
});

/** A loopback Dashboard answering every request with `answer`; counts the requests. */
async function dashboard(answer: (res: ServerResponse, attempt: number) => void) {
  let requests = 0;
  const server = createServer((_req, res) => answer(res, ++requests));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

const developer = (i: number) => JSON.stringify({ id: hex(i + 1), email: `dev${i}@example.com`, keys: { [`k${i}`]: [hex(900)] }, fields: { Name: `Dev ${i}`, Bio: 'x'.repeat(400) } });

/** Writes `count` developers as a chunked list, `perChunk` at a time, waiting for the socket to drain. */
async function writeList(res: ServerResponse, count: number, { perChunk = 200, breakAfter }: { perChunk?: number; breakAfter?: number } = {}) {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"Data":[');
  for (let i = 0; i < count; i += perChunk) {
    if (breakAfter !== undefined && i >= breakAfter) return void res.socket?.destroy();
    const chunk = Array.from({ length: Math.min(perChunk, count - i) }, (_, j) => developer(i + j)).join(',');
    if (!res.write((i === 0 ? '' : ',') + chunk)) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end('],"Pages":0}');
}

const clientOf = (url: string, options: { maxResponseBytes?: number } = {}) =>
  createTykClient({ baseUrl: url, credential: CREDENTIAL, retryDelayMs: 1, breaker: false, retryBudget: false, ...options });

describe('streamed lists over a real socket', () => {
  it('reads a list 4× the body cap in one call, item by item, where reading it whole fails at the cap', async () => {
    const count = 10_000; // ≈ 4.6 MB of developers; the cap is 1 MiB here
    const server = await dashboard((res) => void writeList(res, count));
    const tyk = clientOf(server.url, { maxResponseBytes: 1024 * 1024 });
    // Whole, the list is refused at the cap …
    expect(await rejectionOf(tyk.listDevelopers())).toBeInstanceOf(TykContractMismatchError);
    // … streamed, it is read, and each developer is checked and normalised like a listed one.
    const seen: string[] = [];
    let keys = 0;
    const read = await tyk.streamDevelopers((d) => {
      seen.push(d.email);
      keys += Object.keys(d.keys).length;
      expect(d.subscriptions).toEqual({});
    });
    expect(read).toBe(count);
    expect(seen[0]).toBe('dev0@example.com');
    expect(seen.at(-1)).toBe(`dev${count - 1}@example.com`);
    expect(keys).toBe(count);
    expect(server.requests()).toBe(2);
  });

  it('fails with a contract mismatch naming the item when one does not match the schema', async () => {
    const server = await dashboard((res) => res.writeHead(200).end(`{"Data":[${developer(0)},{"id":"${hex(2)}","email":7}],"Pages":0}`));
    const seen: string[] = [];
    const error = await rejectionOf(clientOf(server.url).streamDevelopers((d) => seen.push(d.id)));
    expect(error).toBeInstanceOf(TykContractMismatchError);
    expect(error.message).toContain('Data.1.email');
    expect(seen).toEqual([hex(1)]);
  });

  it('fails an item over the cap, and a body that breaks off, without retrying once items were handed over', async () => {
    const big = await dashboard((res) => res.writeHead(200).end(`{"Data":[${developer(0)},{"id":"${hex(2)}","email":"a@b.c","fields":{"Bio":"${'x'.repeat(5000)}"}}],"Pages":0}`));
    expect((await rejectionOf(clientOf(big.url, { maxResponseBytes: 4096 }).streamDevelopers(() => undefined))).message).toMatch(/not a portal list.*larger than 4096/);

    // Past WHOLE_LIST_BYTES the body streams: what arrived before the break was handed over.
    const broken = await dashboard((res) => void writeList(res, 10_000, { breakAfter: 5_000 }));
    let handed = 0;
    const error = await rejectionOf(clientOf(broken.url).streamDevelopers(() => handed++));
    expect(error).toBeInstanceOf(TykContractMismatchError);
    expect(handed).toBe(5_000);
    expect(broken.requests()).toBe(1);
  });

  it('parses a list up to WHOLE_LIST_BYTES whole: a small body that breaks off hands over nothing', async () => {
    const broken = await dashboard((res) => void writeList(res, 1_000, { breakAfter: 500 }));
    let handed = 0;
    const error = await rejectionOf(clientOf(broken.url).streamDevelopers(() => handed++));
    expect(error).toBeInstanceOf(TykContractMismatchError);
    expect(handed).toBe(0);
    expect(broken.requests()).toBe(1);

    // Whole or streamed, the same list reads the same, items and `Pages` alike.
    const server = await dashboard((res) => void writeList(res, 1_000));
    const small: string[] = [];
    const streamedOnly: string[] = [];
    expect(await clientOf(server.url).streamDevelopers((d) => small.push(d.email))).toBe(1_000);
    expect(await clientOf(server.url, { maxResponseBytes: 1_000 }).streamDevelopers((d) => streamedOnly.push(d.email))).toBe(1_000);
    expect(small).toEqual(streamedOnly);
  });

  it('retries a list answered 503 before any item, as any GET', async () => {
    const server = await dashboard((res, attempt) => (attempt === 1 ? res.writeHead(503).end('{}') : void writeList(res, 3)));
    expect(await clientOf(server.url).streamDevelopers(() => undefined)).toBe(3);
    expect(server.requests()).toBe(2);
  });

  it('stops when the call is aborted mid-list', async () => {
    const server = await dashboard((res) => void writeList(res, 50_000, { perChunk: 50 }));
    const abort = new AbortController();
    let handed = 0;
    const error = await rejectionOf(
      clientOf(server.url).streamDevelopers(
        () => {
          if (++handed === 500) abort.abort();
        },
        { signal: abort.signal },
      ),
    );
    expect(error).toBeInstanceOf(TykUnavailableError);
    expect(handed).toBeLessThan(50_000);
  });
});
