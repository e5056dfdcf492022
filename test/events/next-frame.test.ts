/**
 * graphql-ws fan-out writes frames, not messages: a result the hub shares with a group is
 * serialized once, whatever the number of subscribers it goes to, and every subscriber receives the
 * `next` frame graphql-ws itself would send (`{"id":…,"type":"next","payload":…}`, byte for byte),
 * with its own id and the payload masked and coded as on every transport.
 */
import { randomBytes } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { DEMO_ORGS } from '../../src/dashboard/index.js';
import type { DeveloperRecord } from '../../src/dashboard/store.js';
import { KeyEventBus } from '../../src/events/bus.js';
import { metric, metricReaches } from '../support/metrics.js';
import { startStack, type Stack } from '../support/stack.js';

const ACME = DEMO_ORGS[0]!;
const KEY_ISSUED = 'subscription { keyIssued { keyId developer { email } policies { name } } }';
const bus = new KeyEventBus();

let stack: Stack;
let developer: DeveloperRecord;
beforeAll(async () => {
    stack = await startStack({ server: { events: bus, sharedCacheTtlMs: 0, websocket: { maxOperationsPerConnection: 50, maxBufferedBytes: 128 * 1024 } } });
  developer = [...stack.dashboard.store.orgs.get(ACME.orgId)!.developers.values()].find((d) => !d.inactive && Object.keys(d.keys).length > 0)!;
});
afterAll(() => stack.stop());
const open: RawSocket[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  // A failed test leaves no subscription behind for the next one.
  await closeAll(open.splice(0));
});

interface RawSocket {
  socket: WebSocket;
  /** Every text frame received, as sent (no parsing). */
  frames: string[];
}

/** `ids.length` subscriptions of `query` over sockets of at most `perSocket`, each frame kept as text. */
async function subscribers(ids: string[], query = KEY_ISSUED, perSocket = 25): Promise<RawSocket[]> {
  const sockets: RawSocket[] = [];
  for (let start = 0; start < ids.length; start += perSocket) {
    const socket = new WebSocket(stack.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const raw: RawSocket = { socket, frames: [] };
    open.push(raw);
    socket.on('message', (data, isBinary) => raw.frames.push(isBinary ? '<binary>' : String(data)));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: ACME.credential } }));
    await expect.poll(() => raw.frames.includes('{"type":"connection_ack"}')).toBe(true);
    for (const id of ids.slice(start, start + perSocket)) socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query } }));
    sockets.push(raw);
  }
  await metricReaches(stack.url, 'portal_graph_subscriptions', ids.length);
  return sockets;
}

const nextFrames = (sockets: RawSocket[]) => sockets.flatMap((s) => s.frames.filter((f) => f.includes('"type":"next"')));

/** Publishes one key issued to `developer`; resolves with the `next` frames it produced and the GraphQLError serializations it took. */
async function issue(sockets: RawSocket[], expected: number): Promise<{ frames: string[]; serializations: number }> {
  const before = nextFrames(sockets).length;
  const toJSON = vi.spyOn(GraphQLError.prototype, 'toJSON');
  const [keyId, policyIds] = Object.entries(developer.keys)[0]!;
  bus.publish({ type: 'KEY_ISSUED', source: 'watcher', orgId: ACME.orgId, developerId: developer.id, keyId: `${keyId}-${randomBytes(3).toString('hex')}`, policyIds });
  await expect.poll(() => nextFrames(sockets).length - before, { timeout: 15_000 }).toBe(expected);
  const serializations = toJSON.mock.calls.length;
  toJSON.mockRestore();
  return { frames: nextFrames(sockets).slice(before), serializations };
}

async function closeAll(sockets: RawSocket[]) {
  for (const s of sockets) s.socket.close();
  await metricReaches(stack.url, 'portal_graph_subscriptions', 0);
}

describe('a shared result over graphql-ws', () => {
  it('is serialized once for 1 and for 200 subscribers, each of which gets graphql-ws’s own next frame with its id and the masked error', async () => {
    // The developer read fails: the payload carries a coded error beside the key's policies.
    const unfault = stack.dashboard.injectFault({ route: 'GET /api/portal/developers/:id', status: 500 });
    try {
      const one = await subscribers(['only']);
      const forOne = await issue(one, 1);
      await closeAll(one);
      expect(forOne.serializations).toBeGreaterThan(0);

      // Ids a client may choose: quotes, backslashes and non-ASCII need escaping or UTF-8 in the frame.
      const ids = Array.from({ length: 200 }, (_, i) => (i % 2 ? `sub-${i}` : `"quoted" \\ ${i} é`));
      const many = await subscribers(ids);
      const forMany = await issue(many, 200);
      // One serialization of the group's result, whatever the number of subscribers.
      expect(forMany.serializations).toBe(forOne.serializations);

      const payloads = new Set<string>();
      const received = new Map<string, number>();
      for (const frame of forMany.frames) {
        const message = JSON.parse(frame) as { id: string; type: string; payload: unknown };
        // Exactly what graphql-ws's stringifyMessage makes of the message.
        expect(frame).toBe(JSON.stringify({ id: message.id, type: 'next', payload: message.payload }));
        const prefix = `{"id":${JSON.stringify(message.id)},"type":"next","payload":`;
        expect(frame.startsWith(prefix)).toBe(true);
        payloads.add(frame.slice(prefix.length, -1));
        received.set(message.id, (received.get(message.id) ?? 0) + 1);
      }
      // Every subscription got its own frame once, and all carry the same bytes.
      expect([...received.keys()].sort()).toEqual([...ids].sort());
      expect([...received.values()].every((n) => n === 1)).toBe(true);
      expect(payloads.size).toBe(1);
      const [payload] = [...payloads];
      expect(forOne.frames[0]!.startsWith('{"id":"only","type":"next","payload":{"errors":[{')).toBe(true);

      // Masked and coded as on every transport: the policies' data, the developer's error with its code, no internals.
      const parsed = JSON.parse(payload!) as { data: { keyIssued: { developer: unknown; policies: unknown[] } }; errors: unknown[] };
      expect(parsed.data.keyIssued.developer).toBeNull();
      expect(parsed.data.keyIssued.policies.length).toBeGreaterThan(0);
      expect(parsed.errors).toEqual([expect.objectContaining({ path: ['keyIssued', 'developer'], extensions: expect.objectContaining({ code: expect.stringMatching(/^[A-Z_]+$/) }) })]);
      expect(payload).not.toContain('Injected failure');
      expect(payload).not.toContain('"http"');
      expect(payload).not.toContain('/api/portal');
      await closeAll(many);
    } finally {
      unfault();
    }
  }, 60_000);
});

describe('a socket holding many subscriptions', () => {
  // ≈ 5 KB a payload: 50 subscriptions of one socket get ≈ 250 KB per event, about twice the socket's limit of unsent bytes (128 KiB here).
  const DEVELOPER = 'id email name inactive dateCreated lastLoginDate fields { name value } keys { id policies { id name } }';
  const WIDE = `subscription { keyIssued { keyId ${Array.from({ length: 12 }, (_, i) => `d${i}: developer { ${DEVELOPER} }`).join(' ')} } }`;

  it('receives every frame of each event, and is not taken for a slow client because of frames the gateway holds back within a turn', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `wide-${i}`);
    const [socket] = await subscribers(ids, WIDE, 50);
    let closed: number | undefined;
    socket!.socket.once('close', (code) => (closed = code));
    for (let event = 1; event <= 3; event++) {
      const { frames } = await issue([socket!], 50);
      expect(frames.reduce((n, f) => n + f.length, 0)).toBeGreaterThan(128 * 1024);
      expect(new Set(frames.map((f) => JSON.parse(f).id as string))).toEqual(new Set(ids));
      expect(new Set(frames.map((f) => f.slice(f.indexOf(',"type":"next","payload":')))).size).toBe(1);
    }
    expect(closed).toBeUndefined();
    expect((await metric(stack.url, 'portal_graph_slow_clients_closed_total{transport="ws"}')) ?? 0).toBe(0);
    await closeAll([socket!]);
  }, 60_000);
});
