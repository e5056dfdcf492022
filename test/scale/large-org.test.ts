/**
 * A 50 000-developer organisation, built through PORTAL_GRAPH_DEMO_DEVELOPERS as `npm start` builds
 * it: the README's overview reads only its pages (calls and bytes pinned, against the hand-written
 * floor), searches and sorts are answered by the credential's shared index after one streamed read,
 * `last` reads the last pages, and the change watcher polls in two calls, never over the body cap,
 * and finds a key issued outside the gateway within two polls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { floorOverviewOf, RestFloor } from '../../bench/workloads.js';
import { loadConfig } from '../../src/config.js';
import { murmur64 } from '../../src/dashboard/hash.js';
import { ChangeWatcher, type PollReport } from '../../src/events/change-watcher.js';
import type { KeyEventFeed, KeyEventInput } from '../../src/events/key-event.js';
import { DeveloperIndexStore } from '../../src/loaders/developer-index.js';
import { createTykClient } from '../../src/tyk/client.js';
import { DeclineKeyRequestDocument, DeveloperKeyRequestsDocument, DeveloperListDocument, DeveloperOverviewDocument, KeyRequestsDocument, RequestKeyDocument } from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';

const DEVELOPERS = loadConfig({ PORTAL_GRAPH_DEMO_DEVELOPERS: '50000' }).demoDevelopers;
const BODY_CAP = 5 * 1024 * 1024;

let stack: Stack;
let rest: RestFloor;
let listBytes: number;

beforeAll(async () => {
  stack = await startStack({ dashboard: { demoSize: { developers: [DEVELOPERS, 30] } }, server: { developerIndex: new DeveloperIndexStore() } });
  rest = new RestFloor(stack.dashboard.url, stack.credential);
  const org = stack.dashboard.store.orgs.get(stack.dashboard.orgs[0]!.orgId)!;
  listBytes = Buffer.byteLength(JSON.stringify({ Data: [...org.developers.values()], Pages: 0 }));
}, 180_000);
afterAll(async () => {
  await rest.close();
  await stack.stop();
});

const log = () => stack.dashboard.requestLog;
const developerPagesRead = () =>
  log()
    .entries()
    .filter((e) => e.route === 'GET /api/portal/developers')
    .map((e) => Number(new URL(e.path, 'http://x').searchParams.get('p')))
    .sort((a, b) => a - b);

describe(`the overview of the first 50 of ${DEVELOPERS} developers`, () => {
  it('reads pages 1–5 and the last page, one policy read and one usage call per key, in two rounds, the floor’s bytes', { timeout: 120_000 }, async () => {
    expect(listBytes).toBeGreaterThan(5 * BODY_CAP); // the whole list could not even be read at once
    // Warm the connections with another credential, so the measured rounds are not spread by connects.
    await stack.execute(DeveloperOverviewDocument, { first: 50 }, { credential: stack.dashboard.orgs[1]!.readOnlyCredential });
    stack.dashboard.setLatency(200);
    try {
      log().clear();
      const floorCalls = await floorOverviewOf(rest, 50);
      const floor = { calls: log().count(), bytes: log().bytes(), listBytes: log().bytes('GET /api/portal/developers'), rounds: log().rounds() };
      const lastPage = log().entries().find((e) => e.path.endsWith(`p=${DEVELOPERS / 10}`))!;
      expect(floor.calls).toBe(floorCalls);

      log().clear();
      const result = await stack.execute(DeveloperOverviewDocument, { first: 50 });
      expect(result.errors).toBeUndefined();
      const developers = result.data!.developers;
      expect(developers.edges).toHaveLength(50);
      expect(developers.totalCount).toBe(DEVELOPERS);
      const keys = developers.edges.reduce((n, e) => n + e.node.keys.length, 0);

      expect(developerPagesRead()).toEqual([1, 2, 3, 4, 5, DEVELOPERS / 10]);
      expect(log().entries().filter((e) => e.path.startsWith('/api/portal/policies')).length).toBe(1);
      expect(log().count()).toBe(6 + 1 + keys);
      expect(log().count()).toBe(floor.calls);
      expect(log().rounds()).toBe(2);
      expect(log().rounds()).toBeLessThanOrEqual(floor.rounds);
      // Bytes: the developer pages exactly as the floor reads them; all of it within 2× what the 50
      // developers and their keys take (the floor without its last page), a sliver of the list.
      expect(log().bytes('GET /api/portal/developers')).toBe(floor.listBytes);
      expect(log().bytes()).toBeLessThanOrEqual(2 * (floor.bytes - lastPage.bytes));
      expect(log().bytes()).toBeLessThan(listBytes / 100);
      expect(log().entries().every((e) => e.bytes < BODY_CAP)).toBe(true);
    } finally {
      stack.dashboard.setLatency(0);
    }
  });

  it('answers the last developers from the last pages', async () => {
    log().clear();
    const result = await stack.execute(DeveloperListDocument, { last: 5 });
    const org = stack.dashboard.store.orgs.get(stack.dashboard.orgs[0]!.orgId)!;
    expect(result.data!.developers.edges.map((e) => e.node.id)).toEqual([...org.developers.keys()].slice(-5));
    // The last two pages; page 1 too when no read of this credential said how many pages there are.
    expect(developerPagesRead().filter((p) => p !== 1)).toEqual([DEVELOPERS / 10 - 1, DEVELOPERS / 10]);
    expect(developerPagesRead().length).toBeLessThanOrEqual(3);
  });
});

describe(`searching and sorting ${DEVELOPERS} developers`, () => {
  it('reads the organisation once, streamed, keeps it as the index, then answers from it with only the page’s developers read', { timeout: 120_000 }, async () => {
    log().clear();
    const first = await stack.execute(DeveloperListDocument, { first: 10, search: 'hopper', orderBy: { field: 'LAST_LOGIN', direction: 'DESC' } });
    expect(first.errors).toBeUndefined();
    expect(first.data!.developers.totalCount).toBeGreaterThan(100);
    expect(log().count('GET /api/portal/developers')).toBe(1); // the streamed p=-1
    expect(log().entries().find((e) => e.route === 'GET /api/portal/developers')!.bytes).toBeGreaterThan(5 * BODY_CAP);
    expect(log().count('GET /api/portal/developers/:id')).toBe(10);

    log().clear();
    const again = await stack.execute(DeveloperListDocument, { first: 10, search: 'lovelace', inactive: true, orderBy: { field: 'EMAIL', direction: 'ASC' } });
    expect(again.errors).toBeUndefined();
    expect(log().count('GET /api/portal/developers')).toBe(0);
    expect(log().count()).toBe(again.data!.developers.edges.length);

    const metrics = await (await fetch(new URL('/metrics', stack.url))).text();
    expect(metrics).toMatch(new RegExp(`portal_graph_developer_index_entries ${DEVELOPERS}\\b`));
    expect(metrics).toMatch(/portal_graph_developer_index_credentials 1\b/);
    const bytes = Number(/portal_graph_developer_index_bytes (\d+)/.exec(metrics)![1]);
    expect(bytes).toBeGreaterThan(DEVELOPERS * 100);
    expect(bytes).toBeLessThan(listBytes); // rows, not records
  });
});

describe(`the key requests of ${DEVELOPERS} developers`, () => {
  const requestPaths = () => log().entries().filter((e) => e.route === 'GET /api/portal/requests').map((e) => e.path);
  const org = () => stack.dashboard.store.orgs.get(stack.dashboard.orgs[0]!.orgId)!;

  it('pages the organisation’s list from the pages that hold it, the total from the last page', async () => {
    const requests = [...org().keyRequests.values()];
    const pages = Math.ceil(requests.length / 10);
    log().clear();
    const result = await stack.execute(KeyRequestsDocument, { first: 15, after: null });
    expect(result.errors).toBeUndefined();
    expect(result.data!.keyRequests.edges.map((e) => e.node.id)).toEqual(requests.slice(0, 15).map((r) => r.id));
    expect(result.data!.keyRequests.totalCount).toBe(requests.length);
    expect(requestPaths().sort()).toEqual(['/api/portal/requests?p=1', '/api/portal/requests?p=2', `/api/portal/requests?p=${pages}`].sort());
    expect(log().entries().every((e) => e.bytes < BODY_CAP)).toBe(true);

    log().clear();
    const pending = requests.filter((r) => !r.approved);
    const next = await stack.execute(KeyRequestsDocument, { approved: false, first: 5, after: null });
    expect(next.data!.keyRequests.edges.map((e) => e.node.id)).toEqual(pending.slice(0, 5).map((r) => r.id));
    expect(requestPaths()).toContain('/api/portal/requests?p=1&approved=false');
    expect(requestPaths().every((p) => !p.includes('p=-1'))).toBe(true);
  });

  it('reads a developer’s requests in one streamed pass over a list bigger than the body cap, keeping only theirs, and then from the index it built', { timeout: 60_000 }, async () => {
    const requests = [...org().keyRequests.values()];
    const developerId = requests.at(-1)!.by_user; // deep in the list
    const ids = (developer: string, approved?: boolean) => requests.filter((r) => r.by_user === developer && (approved === undefined || r.approved === approved)).map((r) => r.id);

    // Pending only: Tyk filters, a fraction of the list crosses the wire (and builds no index).
    log().clear();
    const pending = await stack.execute(DeveloperKeyRequestsDocument, { id: developerId, approved: false });
    expect(pending.errors).toBeUndefined();
    expect(pending.data!.developer!.keyRequests.map((r) => r.id)).toEqual(ids(developerId, false));
    expect(requestPaths()).toEqual(['/api/portal/requests?p=-1&approved=false']);
    expect(log().bytes('GET /api/portal/requests')).toBeLessThan(BODY_CAP);

    log().clear();
    const result = await stack.execute(DeveloperKeyRequestsDocument, { id: developerId });
    expect(result.errors).toBeUndefined();
    expect(result.data!.developer!.keyRequests.map((r) => r.id)).toEqual(ids(developerId));
    expect(requestPaths()).toEqual(['/api/portal/requests?p=-1']);
    expect(log().bytes('GET /api/portal/requests')).toBeGreaterThan(BODY_CAP);

    // That pass built the credential's key request index: another developer's requests are read by id.
    const another = requests[Math.floor(requests.length / 2)]!.by_user;
    log().clear();
    const indexed = await stack.execute(DeveloperKeyRequestsDocument, { id: another });
    expect(indexed.errors).toBeUndefined();
    expect(indexed.data!.developer!.keyRequests.map((r) => r.id)).toEqual(ids(another));
    expect(requestPaths()).toEqual([]);
    expect(log().count('GET /api/portal/requests/:id')).toBe(ids(another).length);
    expect(log().bytes()).toBeLessThan(100_000);
    const metrics = await (await fetch(new URL('/metrics', stack.url))).text();
    expect(metrics).toMatch(new RegExp(`portal_graph_key_request_index_entries ${requests.length}\\b`));
    expect(metrics).toMatch(/portal_graph_key_request_index_credentials 1\b/);

    // A request the gateway files and one it declines are in the index at once: no list read.
    const policy = [...org().policies.values()].find((p) => p.active && p.auth_type !== 'oauth')!;
    const filed = await stack.execute(RequestKeyDocument, { input: { developerId: another, policyIds: [policy._id] } });
    const filedId = (filed.data!.requestKey as { keyRequest: { id: string } }).keyRequest.id;
    const declinedId = ids(another, false)[0] ?? filedId;
    await stack.execute(DeclineKeyRequestDocument, { id: declinedId });
    log().clear();
    const after = await stack.execute(DeveloperKeyRequestsDocument, { id: another });
    expect(after.data!.developer!.keyRequests.map((r) => r.id)).toEqual([...ids(another), filedId].filter((id) => id !== declinedId));
    expect(requestPaths()).toEqual([]);
  });
});

describe(`the change watcher over ${DEVELOPERS} developers`, () => {
  it('polls in two streamed calls, never over the cap, and finds a key issued in Tyk directly within two polls', { timeout: 180_000 }, async () => {
    const events: KeyEventInput[] = [];
    const feed = { publish: (e: KeyEventInput) => events.push(e), subscribe: () => { throw new Error('unused'); } } as unknown as KeyEventFeed;
    const reports: PollReport[] = [];
    const watcher = new ChangeWatcher({ clients: [createTykClient({ baseUrl: stack.dashboard.url, credential: stack.credential })], events: feed, intervalMs: 50, onPoll: (r) => reports.push(r) });

    log().clear();
    await watcher.poll(); // the baseline
    expect(reports[0]).toMatchObject({ developers: DEVELOPERS, calls: 2, events: 0 });
    expect(reports[0]!.error).toBeUndefined();
    expect(reports[0]!.keys).toBeGreaterThan(DEVELOPERS);
    expect(log().entries().map((e) => e.path).sort()).toEqual(['/api/portal/developers?p=-1', '/api/portal/requests?p=-1&approved=false']);
    expect(log().bytes('GET /api/portal/developers')).toBeGreaterThan(5 * BODY_CAP);

    // A key issued outside the gateway, to a developer deep in the list, while the watcher polls on its timer.
    watcher.start();
    const org = stack.dashboard.store.orgs.get(stack.dashboard.orgs[0]!.orgId)!;
    const developerId = [...org.developers.keys()][DEVELOPERS - 7]!;
    const policy = [...org.policies.values()].find((p) => p.active && p.auth_type !== 'oauth')!;
    const issuedAfter = reports.length;
    const issued = (await (
      await fetch(`${stack.dashboard.url}/api/portal/developers/${developerId}/keys`, { method: 'POST', headers: { authorization: stack.credential }, body: JSON.stringify({ apply_policies: [policy._id] }) })
    ).json()) as { RawKey: string };
    const keyId = murmur64(issued.RawKey);
    const deadline = Date.now() + 150_000;
    while (!events.some((e) => e.type === 'KEY_ISSUED' && e.keyId === keyId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await watcher.stop();

    const event = events.find((e) => e.type === 'KEY_ISSUED' && e.keyId === keyId);
    expect(event).toMatchObject({ developerId, policyIds: [policy._id], source: 'watcher' });
    // Polls that ended after the key was issued, up to the one that reported it: at most two.
    const found = reports.findIndex((r, i) => i >= issuedAfter && r.events > 0);
    expect(found - issuedAfter + 1).toBeLessThanOrEqual(2);
    expect(reports.every((r) => r.error === undefined && r.calls === 2)).toBe(true);
  });
});
