/**
 * A developer's open subscriptions end with FORBIDDEN once the account is deactivated or deleted,
 * as its new requests are refused: at once when the gateway made the change, before the next
 * event when it was made in the Dashboard directly; with SESSION_EXPIRED when its token expires.
 * Other developers' subscriptions carry on.
 */
import { randomBytes } from 'node:crypto';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, DEMO_PASSWORD } from '../../src/dashboard/index.js';
import type { DeveloperRecord } from '../../src/dashboard/store.js';
import { KeyEventBus } from '../../src/events/bus.js';
import { metricReaches } from '../support/metrics.js';
import { startStack, type Stack } from '../support/stack.js';
import { sseSubscribe, type Collector } from '../support/subscribers.js';
import { connectProtocol, type ProtocolSocket } from '../support/ws-protocol.js';

const ACME = DEMO_ORGS[0]!;
const EVENTS = 'subscription { keyEvents { id type developerId } }';
const bus = new KeyEventBus();

let stack: Stack;
let developers: DeveloperRecord[];
beforeAll(async () => {
  stack = await startStack({ server: { events: bus, sessions: { secret: randomBytes(32).toString('base64url'), serviceCredential: ACME.credential } } });
  developers = [...stack.dashboard.store.orgs.get(ACME.orgId)!.developers.values()].filter((d) => !d.inactive);
});
afterAll(() => stack.stop());

let picked = 0;
function nextDeveloper(): DeveloperRecord {
  return developers[picked++]!;
}

async function tokenOf(developer: DeveloperRecord, ttl?: Stack): Promise<string> {
  const result = await (ttl ?? stack).execute(
    parse('mutation($email: String!, $password: String!) { login(email: $email, password: $password) { ... on Session { token } } }'),
    { email: developer.email, password: DEMO_PASSWORD },
    { credential: null },
  );
  return (result.data as { login: { token: string } }).login.token;
}

function issue(developer: DeveloperRecord): string {
  const keyId = `access-${randomBytes(6).toString('hex')}`;
  bus.publish({ type: 'KEY_ISSUED', source: 'watcher', orgId: ACME.orgId, developerId: developer.id, keyId, policyIds: [] });
  return keyId;
}

const codeOf = (message: unknown) => (message as { payload?: { errors?: { extensions: { code: string } }[] } }).payload?.errors?.[0]?.extensions.code;

async function subscribedAs(developer: DeveloperRecord): Promise<{ ws: ProtocolSocket; sse: Collector }> {
  const token = await tokenOf(developer);
  const ws = await connectProtocol(stack.url, `Bearer ${token}`);
  ws.subscribe('1', EVENTS);
  const sse = await sseSubscribe(stack.url, `Bearer ${token}`, EVENTS);
  return { ws, sse };
}

describe('a deactivated or deleted developer', () => {
  it('loses its subscriptions at once when an operator deactivates it through the gateway', async () => {
    const developer = nextDeveloper();
    const bystander = nextDeveloper();
    const { ws, sse } = await subscribedAs(developer);
    const other = await subscribedAs(bystander);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 4);

    const deactivated = await stack.execute(parse('mutation($id: ID!) { updateDeveloper(id: $id, input: { inactive: true }) { __typename } }'), { id: developer.id });
    expect(deactivated.data).toEqual({ updateDeveloper: { __typename: 'DeveloperPayload' } });

    await expect.poll(() => ws.messages.find((m) => m.id === '1' && m.type === 'next')).toBeDefined();
    expect(codeOf(ws.messages.find((m) => m.type === 'next'))).toBe('FORBIDDEN');
    await expect.poll(() => ws.messages.some((m) => m.id === '1' && m.type === 'complete')).toBe(true);
    expect(JSON.stringify(await sse.next())).toContain('FORBIDDEN');
    await metricReaches(stack.url, 'portal_graph_subscriptions', 2);

    // Its events are no longer delivered; the other developer's still are.
    issue(developer);
    const keyId = issue(bystander);
    expect(JSON.stringify(await other.sse.next())).toContain(keyId);
    await expect.poll(() => other.ws.messages.find((m) => m.type === 'next')).toMatchObject({ payload: { data: { keyEvents: { developerId: bystander.id } } } });
    expect(ws.messages.filter((m) => m.type === 'next')).toHaveLength(1);
    for (const s of [ws.socket, other.ws.socket]) s.close();
    await Promise.all([sse.close(), other.sse.close()]);
  });

  it('ends with FORBIDDEN instead of receiving its next event once deleted in the Dashboard directly', async () => {
    const developer = nextDeveloper();
    const { ws, sse } = await subscribedAs(developer);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 2);
    const response = await fetch(`${stack.dashboard.url}/api/portal/developers/${developer.id}`, { method: 'DELETE', headers: { authorization: ACME.credential } });
    expect(response.status).toBe(200);

    const keyId = issue(developer);
    expect(JSON.stringify(await sse.next())).toContain('FORBIDDEN');
    await expect.poll(() => ws.messages.find((m) => m.type === 'next')).toBeDefined();
    expect(codeOf(ws.messages.find((m) => m.type === 'next'))).toBe('FORBIDDEN');
    await expect.poll(() => ws.messages.some((m) => m.type === 'complete')).toBe(true);
    expect(JSON.stringify([ws.messages, sse.received])).not.toContain(keyId);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 0);
    ws.socket.close();
    await sse.close();
  });

  it('ends with FORBIDDEN instead of receiving its next event once deactivated in the Dashboard directly', async () => {
    const developer = nextDeveloper();
    const { ws, sse } = await subscribedAs(developer);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 2);
    stack.dashboard.store.orgs.get(ACME.orgId)!.developers.get(developer.id)!.inactive = true;

    const keyId = issue(developer);
    expect(JSON.stringify(await sse.next())).toContain('FORBIDDEN');
    await expect.poll(() => ws.messages.find((m) => m.type === 'next')).toBeDefined();
    expect(codeOf(ws.messages.find((m) => m.type === 'next'))).toBe('FORBIDDEN');
    expect(JSON.stringify([ws.messages, sse.received])).not.toContain(keyId);
    ws.socket.close();
    await sse.close();
  });
});

describe('an expiring session', () => {
  it('ends its subscriptions with SESSION_EXPIRED when the token expires', async () => {
    const short = await startStack({ server: { sessions: { secret: randomBytes(32).toString('base64url'), serviceCredential: ACME.credential, ttlMs: 1_500 } } });
    try {
      const developer = [...short.dashboard.store.orgs.get(ACME.orgId)!.developers.values()].find((d) => !d.inactive)!;
      const ws = await connectProtocol(short.url, `Bearer ${await tokenOf(developer, short)}`);
      ws.subscribe('1', EVENTS);
      await metricReaches(short.url, 'portal_graph_subscriptions', 1);
      await expect.poll(() => ws.messages.find((m) => m.type === 'next'), { timeout: 5_000 }).toBeDefined();
      expect(codeOf(ws.messages.find((m) => m.type === 'next'))).toBe('SESSION_EXPIRED');
      await metricReaches(short.url, 'portal_graph_subscriptions', 0);
      ws.socket.close();
    } finally {
      await short.stop();
    }
  });
});

describe('a session that ended while subscribed', () => {
  it('ends that session’s subscription with SESSION_EXPIRED after logout, while the developer’s other session keeps receiving', async () => {
    const developer = nextDeveloper();
    const loggedOut = await tokenOf(developer);
    const kept = await tokenOf(developer);
    const ws = await connectProtocol(stack.url, `Bearer ${loggedOut}`);
    ws.subscribe('1', EVENTS);
    const other = await connectProtocol(stack.url, `Bearer ${kept}`);
    other.subscribe('1', EVENTS);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 2);

    const out = await stack.execute(parse('mutation { logout { __typename } }'), undefined, { credential: `Bearer ${loggedOut}` });
    expect(out.errors).toBeUndefined();

    const keyId = issue(developer);
    await expect.poll(() => other.messages.find((m) => m.type === 'next')).toMatchObject({ payload: { data: { keyEvents: { developerId: developer.id } } } });
    await expect.poll(() => ws.messages.find((m) => m.type === 'next')).toBeDefined();
    expect(codeOf(ws.messages.find((m) => m.type === 'next'))).toBe('SESSION_EXPIRED');
    expect(JSON.stringify(ws.messages)).not.toContain(keyId);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 1);
    ws.socket.close();
    other.socket.close();
  });

  it('ends every older session’s subscription with SESSION_EXPIRED once the password changes in the Dashboard', async () => {
    const developer = nextDeveloper();
    const ws = await connectProtocol(stack.url, `Bearer ${await tokenOf(developer)}`);
    ws.subscribe('1', EVENTS);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 1);
    const changed = await fetch(`${stack.dashboard.url}/api/portal/developers/password/${developer.id}`, {
      method: 'POST',
      headers: { authorization: ACME.credential, 'content-type': 'application/json' },
      body: JSON.stringify({ password: `new-${randomBytes(6).toString('hex')}` }),
    });
    expect(changed.status).toBe(200);

    const keyId = issue(developer);
    await expect.poll(() => ws.messages.find((m) => m.type === 'next')).toBeDefined();
    expect(codeOf(ws.messages.find((m) => m.type === 'next'))).toBe('SESSION_EXPIRED');
    expect(JSON.stringify(ws.messages)).not.toContain(keyId);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 0);
    ws.socket.close();
  });
});
