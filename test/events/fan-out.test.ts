/**
 * Subscription fan-out: an event costs the same upstream calls whatever the number of subscribers,
 * because it is resolved once per group of subscribers that would see the same payload, over one
 * set of loaders per credential. Grouping never lets a subscriber see what its own principal could
 * not: developers are grouped per developer, and each receives only its own events.
 */
import { randomBytes } from 'node:crypto';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, DEMO_PASSWORD } from '../../src/dashboard/index.js';
import type { DeveloperRecord } from '../../src/dashboard/store.js';
import { KeyEventBus } from '../../src/events/bus.js';
import { metric, metricReaches } from '../support/metrics.js';
import { startStack, type Stack } from '../support/stack.js';
import { connectProtocol, type ProtocolSocket } from '../support/ws-protocol.js';

const ACME = DEMO_ORGS[0]!;
const KEY_ISSUED = 'subscription { keyIssued { keyId developer { email } policies { name } } }';
const bus = new KeyEventBus();

let stack: Stack;
let developers: DeveloperRecord[];
beforeAll(async () => {
  stack = await startStack({
    server: {
      events: bus,
      // Every event reads its policies afresh, so each event's calls can be compared with another's.
      sharedCacheTtlMs: 0,
      sessions: { secret: randomBytes(32).toString('base64url'), serviceCredential: ACME.credential },
      websocket: { maxOperationsPerConnection: 50 },
    },
  });
  developers = [...stack.dashboard.store.orgs.get(ACME.orgId)!.developers.values()].filter((d) => !d.inactive && Object.keys(d.keys).length > 0);
});
afterAll(() => stack.stop());

const nextOf = (socket: ProtocolSocket) => socket.messages.filter((m) => m.type === 'next');

/** Subscribes `count` subscriptions over `sockets` connections (credential: an operator's or `Bearer <token>`). */
async function subscribers(count: number, document: string, credential = ACME.credential, variables?: Record<string, unknown>): Promise<ProtocolSocket[]> {
  const perSocket = Math.min(count, 25);
  const sockets = await Promise.all(Array.from({ length: Math.ceil(count / perSocket) }, () => connectProtocol(stack.url, credential)));
  let left = count;
  for (const socket of sockets) for (let i = 0; i < perSocket && left > 0; i++, left--) socket.subscribe(String(i), document, variables);
  return sockets;
}

/** Publishes a key issued to `developer` and returns the upstream calls made until `expected` deliveries arrived. */
async function issueAndCount(developer: DeveloperRecord, sockets: ProtocolSocket[], expected: number): Promise<string[]> {
  const before = sockets.reduce((n, s) => n + nextOf(s).length, 0);
  stack.dashboard.requestLog.clear();
  const [keyId, policyIds] = Object.entries(developer.keys)[0]!;
  bus.publish({ type: 'KEY_ISSUED', source: 'watcher', orgId: ACME.orgId, developerId: developer.id, keyId: `${keyId}-${randomBytes(3).toString('hex')}`, policyIds });
  await expect.poll(() => sockets.reduce((n, s) => n + nextOf(s).length, 0) - before, { timeout: 15_000 }).toBe(expected);
  return stack.dashboard.requestLog
    .entries()
    .map((e) => e.route)
    .sort();
}

function closeAll(sockets: ProtocolSocket[]) {
  for (const s of sockets) s.socket.close();
}

describe('an event', () => {
  it('costs the same upstream calls for 1 and for 200 subscribers of the nested keyIssued selection', async () => {
    const developer = developers[0]!;
    const one = await subscribers(1, KEY_ISSUED);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 1);
    const forOne = await issueAndCount(developer, one, 1);
    closeAll(one);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 0);

    const many = await subscribers(200, KEY_ISSUED);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 200);
    expect(await metric(stack.url, 'portal_graph_subscription_groups')).toBe(1);
    const forMany = await issueAndCount(developer, many, 200);
    expect(forMany).toEqual(forOne);
    // One read per resource the selection needs: the developer and its key's policies.
    expect(forOne).toEqual(['GET /api/portal/developers/:id', expect.stringMatching(/^GET \/api\/portal\/policies/)]);
    const payloads = many.flatMap((s) => nextOf(s).map((m) => JSON.stringify(m.payload)));
    expect(new Set(payloads).size).toBe(1);
    expect(payloads[0]).toContain(developer.email);
    closeAll(many);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 0);
  }, 60_000);

  it('costs the same calls when the subscribers use different documents and variables of one credential', async () => {
    const developer = developers[1]!;
    const baseline = await subscribers(1, KEY_ISSUED);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 1);
    const forOne = await issueAndCount(developer, baseline, 1);
    const mixed = [
      ...(await subscribers(50, 'subscription($d: ID) { keyIssued(developerId: $d) { keyId developer { email name } } }', ACME.credential, { d: developer.id })),
      ...(await subscribers(50, 'subscription { keyEvents(types: [KEY_ISSUED]) { keyId policies { name rate } developer { email } } }')),
      ...(await subscribers(50, KEY_ISSUED)),
    ];
    await metricReaches(stack.url, 'portal_graph_subscriptions', 151);
    expect(await metric(stack.url, 'portal_graph_subscription_groups')).toBe(3);
    expect(await issueAndCount(developer, [...baseline, ...mixed], 151)).toEqual(forOne);
    closeAll([...baseline, ...mixed]);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 0);
  }, 60_000);
});

describe('grouping and authorisation', () => {
  async function tokenOf(developer: DeveloperRecord): Promise<string> {
    const result = await stack.execute(
      parse('mutation($email: String!, $password: String!) { login(email: $email, password: $password) { ... on Session { token } } }'),
      { email: developer.email, password: DEMO_PASSWORD },
      { credential: null },
    );
    return (result.data as { login: { token: string } }).login.token;
  }

  it('groups developers per developer: each receives its own events only, with its own data', async () => {
    const [a, b] = [developers[2]!, developers[3]!];
    const aSessions = [...(await subscribers(2, KEY_ISSUED, `Bearer ${await tokenOf(a)}`)), ...(await subscribers(1, KEY_ISSUED, `Bearer ${await tokenOf(a)}`))];
    const bSessions = await subscribers(2, KEY_ISSUED, `Bearer ${await tokenOf(b)}`);
    const operator = await subscribers(1, KEY_ISSUED);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 6);
    // Same document and variables, three principals: three groups (two tokens of one developer share one).
    expect(await metric(stack.url, 'portal_graph_subscription_groups')).toBe(3);

    const callsForA = await issueAndCount(a, [...aSessions, ...bSessions, ...operator], 4);
    // The developer group's own check (is `a` still active?) reads what the payload reads: no extra call.
    expect(callsForA).toHaveLength(2);
    expect(bSessions.flatMap(nextOf)).toEqual([]);
    for (const m of [...aSessions, ...operator].flatMap(nextOf)) expect(JSON.stringify(m.payload)).toContain(a.email);

    await issueAndCount(b, [...aSessions, ...bSessions, ...operator], 3);
    expect(aSessions.flatMap(nextOf)).toHaveLength(3);
    expect(JSON.stringify(aSessions.flatMap((s) => s.messages))).not.toContain(b.email);
    for (const m of bSessions.flatMap(nextOf)) expect(JSON.stringify(m.payload)).toContain(b.email);
    closeAll([...aSessions, ...bSessions, ...operator]);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 0);
  }, 60_000);

  it('keeps organisations and credentials apart: another organisation’s subscriber gets nothing', async () => {
    const other = await subscribers(1, KEY_ISSUED, DEMO_ORGS[1]!.credential);
    const mine = await subscribers(1, KEY_ISSUED);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 2);
    await issueAndCount(developers[4]!, [...other, ...mine], 1);
    expect(other.flatMap(nextOf)).toEqual([]);
    expect(mine.flatMap(nextOf)).toHaveLength(1);
    closeAll([...other, ...mine]);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 0);
  });
});
