/**
 * The shared key request index over real HTTP (the embedded Dashboard, its demo organisation, the
 * index's threshold lowered so the demo counts as large): one streamed list read builds it and is
 * shared by concurrent queries; it answers a developer's requests by id; it is never served to
 * another credential; it expires; a small list is never indexed; the gateway's own writes keep it in
 * step (test/scale/large-org.test.ts does the same at 50,000 developers), and so do the events the
 * change watcher publishes for requests filed and approved in Tyk directly.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyEventBus } from '../../src/events/bus.js';
import { ChangeWatcher } from '../../src/events/change-watcher.js';
import { KeyRequestIndexStore } from '../../src/loaders/key-request-index.js';
import { createTykClient } from '../../src/tyk/client.js';
import type { KeyRequestRecord } from '../../src/dashboard/store.js';
import { DeveloperKeyRequestsDocument } from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';

const TTL_MS = 60_000;
let clock = 0;
let stack: Stack;
let requests: KeyRequestRecord[];

beforeAll(async () => {
  stack = await startStack({ server: { keyRequestIndex: new KeyRequestIndexStore({ minRequests: 10, ttlMs: TTL_MS, now: () => clock }) } });
  requests = [...stack.dashboard.store.orgs.get(stack.dashboard.orgs[0]!.orgId)!.keyRequests.values()];
});
afterAll(() => stack.stop());

const log = () => stack.dashboard.requestLog;
const listReads = () => log().entries().filter((e) => e.route === 'GET /api/portal/requests').map((e) => e.path);
const idsOf = (developerId: string) => requests.filter((r) => r.by_user === developerId).map((r) => r.id);
/** Developers with at least one key request, in list order, distinct. */
const developers = () => [...new Set(requests.map((r) => r.by_user))];

describe('the shared key request index', () => {
  it('is built by one streamed read shared by concurrent queries, then answers by id', async () => {
    expect(requests.length).toBeGreaterThan(10);
    const [a, b, c] = developers();
    log().clear();
    const [first, second] = await Promise.all([
      stack.execute(DeveloperKeyRequestsDocument, { id: a! }),
      stack.execute(DeveloperKeyRequestsDocument, { id: b! }),
    ]);
    expect(first.data!.developer!.keyRequests.map((r) => r.id)).toEqual(idsOf(a!));
    expect(second.data!.developer!.keyRequests.map((r) => r.id)).toEqual(idsOf(b!));
    expect(listReads()).toEqual(['/api/portal/requests?p=-1']);

    log().clear();
    const third = await stack.execute(DeveloperKeyRequestsDocument, { id: c! });
    expect(third.data!.developer!.keyRequests.map((r) => r.id)).toEqual(idsOf(c!));
    expect(listReads()).toEqual([]);
    expect(log().count('GET /api/portal/requests/:id')).toBe(idsOf(c!).length);
  });

  it('is never served to another credential', async () => {
    const [a] = developers();
    log().clear();
    const other = await stack.execute(DeveloperKeyRequestsDocument, { id: a! }, { credential: stack.dashboard.orgs[0]!.readOnlyCredential });
    expect(other.data!.developer!.keyRequests.map((r) => r.id)).toEqual(idsOf(a!));
    expect(listReads()).toEqual(['/api/portal/requests?p=-1']);
  });

  it('shows a request filed in Tyk directly once it has expired and is rebuilt', async () => {
    const [a] = developers();
    const org = stack.dashboard.store.orgs.get(stack.dashboard.orgs[0]!.orgId)!;
    const policy = [...org.policies.values()].find((p) => p.active && p.auth_type !== 'oauth')!;
    const created = await fetch(`${stack.dashboard.url}/api/portal/requests`, {
      method: 'POST',
      headers: { authorization: stack.credential },
      body: JSON.stringify({ by_user: a, for_plan: policy._id, apply_policies: [policy._id], version: 'v2', approved: false }),
    });
    const outside = ((await created.json()) as { Message: string }).Message;

    const before = await stack.execute(DeveloperKeyRequestsDocument, { id: a! });
    expect(before.data!.developer!.keyRequests.map((r) => r.id)).not.toContain(outside); // within the TTL

    clock += TTL_MS;
    log().clear();
    const after = await stack.execute(DeveloperKeyRequestsDocument, { id: a! });
    expect(after.data!.developer!.keyRequests.map((r) => r.id)).toEqual([...idsOf(a!), outside]);
    expect(listReads()).toEqual(['/api/portal/requests?p=-1']);
  });

  it('is not kept for a list of at most minRequests requests: every query streams, and is exact', async () => {
    const small = await startStack({ server: { keyRequestIndex: new KeyRequestIndexStore({ minRequests: requests.length }) } });
    try {
      const [a] = developers();
      for (let i = 0; i < 2; i++) {
        small.dashboard.requestLog.clear();
        const result = await small.execute(DeveloperKeyRequestsDocument, { id: a! });
        expect(result.data!.developer!.keyRequests.map((r) => r.id)).toEqual(idsOf(a!));
        expect(small.dashboard.requestLog.entries().filter((e) => e.route === 'GET /api/portal/requests').map((e) => e.path)).toEqual(['/api/portal/requests?p=-1']);
      }
    } finally {
      await small.stop();
    }
  });

  it('follows the key request events on the bus: a request filed and then approved in Tyk directly shows after the watcher’s next poll, with no list read', async () => {
    const events = new KeyEventBus({ logger: pino({ level: 'silent' }) });
    const watched = await startStack({ server: { events, keyRequestIndex: new KeyRequestIndexStore({ minRequests: 10 }) } });
    const watcher = new ChangeWatcher({ clients: [createTykClient({ baseUrl: watched.dashboard.url, credential: watched.credential })], events });
    try {
      const [a] = developers();
      const ids = async (approved?: boolean) =>
        (await watched.execute(DeveloperKeyRequestsDocument, { id: a!, approved })).data!.developer!.keyRequests.map((r) => r.id);
      expect(await ids()).toEqual(idsOf(a!)); // builds the index
      await watcher.poll(); // the watcher's baseline

      const org = watched.dashboard.store.orgs.get(watched.dashboard.orgs[0]!.orgId)!;
      const policy = [...org.policies.values()].find((p) => p.active && p.auth_type !== 'oauth')!;
      const tyk = (method: string, path: string, body?: object) =>
        fetch(`${watched.dashboard.url}${path}`, { method, headers: { authorization: watched.credential }, ...(body ? { body: JSON.stringify(body) } : {}) });
      const filed = await tyk('POST', '/api/portal/requests', { by_user: a, for_plan: policy._id, apply_policies: [policy._id], version: 'v2', approved: false });
      const outside = ((await filed.json()) as { Message: string }).Message;
      await watcher.poll(); // KEY_REQUEST_SUBMITTED

      const reads = () => watched.dashboard.requestLog.entries().filter((e) => e.route === 'GET /api/portal/requests').map((e) => e.path);
      watched.dashboard.requestLog.clear();
      await expect.poll(() => ids(false), { timeout: 5_000 }).toContain(outside);
      expect(reads()).toEqual([]);

      expect((await tyk('PUT', `/api/portal/requests/approve/${outside}`)).status).toBe(200);
      await watcher.poll(); // KEY_REQUEST_APPROVED
      watched.dashboard.requestLog.clear();
      await expect.poll(() => ids(true), { timeout: 5_000 }).toContain(outside);
      expect(await ids(false)).not.toContain(outside);
      expect(reads()).toEqual([]);
    } finally {
      await watcher.stop();
      await watched.stop();
    }
  });
});
