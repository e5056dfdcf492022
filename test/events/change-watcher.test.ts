/**
 * The change watcher: keys and key requests changed in Tyk directly become events; what the
 * gateway already reported is not delivered again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyEventBus } from '../../src/events/bus.js';
import { ChangeWatcher, diff } from '../../src/events/change-watcher.js';
import { createTykClient } from '../../src/tyk/client.js';
import { AddKeyDocument, CreateDeveloperDocument, PoliciesDocument } from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';
import { wsSubscribe } from '../support/subscribers.js';

const EVENTS = `subscription { keyEvents { id type source developerId keyId keyRequestId policies { id } } }`;
let stack: Stack;
let bus: KeyEventBus;
let watcher: ChangeWatcher;
let policyIds: string[];

beforeAll(async () => {
  bus = new KeyEventBus();
  stack = await startStack({ server: { events: bus } });
  watcher = new ChangeWatcher({ clients: [createTykClient({ baseUrl: stack.dashboard.url, credential: stack.credential })], events: bus, intervalMs: 60_000 });
  await watcher.poll(); // baseline
  policyIds = (await stack.execute(PoliciesDocument, { active: true })).data!.policies.map((p) => p.id);
});
afterAll(() => stack.stop());

const rest = (path: string, method: string, body?: unknown) =>
  fetch(`${stack.dashboard.url}${path}`, { method, headers: { authorization: stack.credential }, body: body === undefined ? undefined : JSON.stringify(body) }).then(
    (r) => r.json() as Promise<Record<string, unknown>>,
  );
const settle = () => new Promise((r) => setTimeout(r, 300));

async function newDeveloper() {
  const result = await stack.execute(CreateDeveloperDocument, { input: { email: `watched-${Date.now()}-${Math.random()}@example.com`, password: 'long-enough' } });
  return (result.data!.createDeveloper as { developer: { id: string } }).developer.id;
}

describe('change watcher', () => {
  it('reports nothing on its first poll', () => {
    const empty = { keys: new Map(), requests: new Map() };
    expect(diff(empty, empty)).toEqual([]);
  });

  it('reports policies in Tyk’s order, and the same policies in another order as no change', () => {
    const snapshot = (policies: string) => ({ keys: new Map([['k1', `dev1\u0000org1\u0000${policies}`]]), requests: new Map() });
    expect(diff(snapshot('b,a'), snapshot('a,b'))).toEqual([]);
    expect(diff(snapshot('a'), snapshot('c,a'))).toEqual([{ source: 'watcher', type: 'KEY_POLICIES_CHANGED', developerId: 'dev1', orgId: 'org1', policyIds: ['c', 'a'], keyId: 'k1' }]);
    expect(diff({ keys: new Map(), requests: new Map() }, snapshot('c,a'))).toEqual([{ source: 'watcher', type: 'KEY_ISSUED', developerId: 'dev1', orgId: 'org1', policyIds: ['c', 'a'], keyId: 'k1' }]);
  });

  it('turns a key issued, re-policied and revoked in Tyk directly into events', async () => {
    const developerId = await newDeveloper();
    const subscriber = await wsSubscribe(stack.url, stack.credential, EVENTS);
    await settle();
    await rest(`/api/portal/developers/${developerId}/keys`, 'POST', { apply_policies: [policyIds[0]] });
    await watcher.poll();
    const issued = (await subscriber.next()) as { data: { keyEvents: { type: string; source: string; keyId: string; developerId: string } } };
    expect(issued.data.keyEvents).toMatchObject({ type: 'KEY_ISSUED', source: 'WATCHER', developerId });
    const keyId = issued.data.keyEvents.keyId;

    await rest(`/api/portal/developers/${developerId}/keys/${keyId}`, 'PUT', { apply_policies: [policyIds[1]] });
    await watcher.poll();
    expect(((await subscriber.next()) as { data: { keyEvents: unknown } }).data.keyEvents).toMatchObject({
      type: 'KEY_POLICIES_CHANGED',
      keyId,
      policies: [{ id: policyIds[1] }],
    });

    await rest(`/api/portal/developers/${developerId}/keys/${keyId}`, 'DELETE');
    await watcher.poll();
    expect(((await subscriber.next()) as { data: { keyEvents: unknown } }).data.keyEvents).toMatchObject({ type: 'KEY_REVOKED', keyId });
    await subscriber.close();
  });

  it('turns key requests filed, approved and declined in Tyk into events', async () => {
    const developerId = await newDeveloper();
    const subscriber = await wsSubscribe(stack.url, stack.credential, EVENTS);
    await settle();
    const first = String((await rest('/api/portal/requests', 'POST', { by_user: developerId, apply_policies: [policyIds[0]], approved: false }))['Message']);
    const second = String((await rest('/api/portal/requests', 'POST', { by_user: developerId, apply_policies: [policyIds[1]], approved: false }))['Message']);
    await watcher.poll();
    await rest(`/api/portal/requests/approve/${first}`, 'PUT');
    await rest(`/api/portal/requests/${second}`, 'DELETE');
    await watcher.poll();
    const types: string[] = [];
    for (let i = 0; i < 5; i++) types.push(((await subscriber.next()) as { data: { keyEvents: { type: string } } }).data.keyEvents.type);
    expect(types.sort()).toEqual(['KEY_ISSUED', 'KEY_REQUEST_APPROVED', 'KEY_REQUEST_DECLINED', 'KEY_REQUEST_SUBMITTED', 'KEY_REQUEST_SUBMITTED']);
    await subscriber.close();
  });

  it('does not deliver again a key the gateway already reported', async () => {
    const developerId = await newDeveloper();
    const subscriber = await wsSubscribe(stack.url, stack.credential, `subscription { keyIssued { id source keyId } }`);
    await settle();
    await stack.execute(AddKeyDocument, { developerId, policyIds: [policyIds[0]!] });
    const message = (await subscriber.next()) as { data: { keyIssued: { source: string } } };
    expect(message.data.keyIssued.source).toBe('GATEWAY');
    await watcher.poll();
    await settle();
    expect(subscriber.received).toHaveLength(1);
    await subscriber.close();
  });
});
