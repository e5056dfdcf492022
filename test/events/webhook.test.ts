/**
 * The webhook receiver: authentication, limits and clear 4xx answers; Tyk's documented payload and
 * the embedded Dashboard's webhooks become events; one happening from two sources is delivered once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddKeyDocument, CreateDeveloperDocument, PoliciesDocument } from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';
import { wsSubscribe } from '../support/subscribers.js';

const SECRET = 'webhook-secret-for-tests-7f3a';
let stack: Stack;
let hook: string;
let policyId: string;
beforeAll(async () => {
  stack = await startStack({ server: { webhookSecret: SECRET } });
  hook = `${new URL(stack.url).origin}/webhooks/tyk`;
  stack.dashboard.setWebhook(`${hook}?secret=${SECRET}`);
  policyId = (await stack.execute(PoliciesDocument, { active: true })).data!.policies[0]!.id;
});
afterAll(() => stack.stop());

const post = (body: string, { secret = SECRET, headers = {} as Record<string, string> } = {}) =>
  fetch(`${hook}?secret=${encodeURIComponent(secret)}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const settle = () => new Promise((r) => setTimeout(r, 300));
const EVENTS = `subscription($types: [KeyEventType!]) { keyEvents(types: $types) { id type source developerId keyId keyRequestId } }`;

/** Tyk's documented `key_request_event.submitted` payload (contract §10), in the demo org. */
function documentedPayload(orgId: string, developerId: string, requestId: string) {
  return {
    event: 'key_request_event.submitted',
    data: {
      id: requestId,
      org_id: orgId,
      for_plan: '5e2744897c1f8800018bdf3b',
      apply_policies: ['5e2744897c1f8800018bdf3b'],
      by_user: developerId,
      approved: false,
      date_created: '2020-02-24T16:19:12.175113-05:00',
      portal_developer: { id: developerId, email: 'dev@dev.ca', keys: { '6dc2dfc0': ['5e431f938131890001b83d30'] }, subscriptions: { '5e431f938131890001b83d30': '6dc2dfc0' } },
      catalogue_entry: { name: 'frontend APIs', policy_id: '5e2744897c1f8800018bdf3b' },
    },
  };
}

describe('POST /webhooks/tyk', () => {
  it('answers 401 to a missing or wrong secret, in the query or the header', async () => {
    expect((await post('{}', { secret: 'wrong' })).status).toBe(401);
    const headerOnly = await fetch(hook, { method: 'POST', headers: { 'x-portal-graph-webhook-secret': SECRET }, body: '{"event":"x","data":{}}' });
    expect(headerOnly.status).toBe(422);
    expect((await fetch(hook, { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('answers 413 to a body over 64 KiB, 415 to non-JSON, 400 to a malformed payload, 422 to an unknown event', async () => {
    expect((await post(JSON.stringify({ event: 'key_request_event.submitted', data: { pad: 'x'.repeat(70_000) } }))).status).toBe(413);
    expect((await post('<xml/>')).status).toBe(415);
    const malformed = await post(JSON.stringify({ event: 'key_request_event.submitted', data: { id: 'x' } }));
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: string }).error).toContain('org_id');
    expect((await post(JSON.stringify({ event: 'api_event.created', data: {} }))).status).toBe(422);
  });

  it('turns Tyk’s documented key_request_event.submitted into an event for the organisation', async () => {
    const subscriber = await wsSubscribe(stack.url, stack.credential, EVENTS, { types: ['KEY_REQUEST_SUBMITTED'] });
    await settle();
    const orgId = stack.dashboard.orgs[0]!.orgId;
    const response = await post(JSON.stringify(documentedPayload(orgId, '5e430ef68131890001b83d2e', '5e543dd0f56e1a4affdd7acd')));
    expect(response.status).toBe(202);
    const message = (await subscriber.next()) as { data: { keyEvents: Record<string, unknown> } };
    expect(message.data.keyEvents).toMatchObject({ type: 'KEY_REQUEST_SUBMITTED', source: 'WEBHOOK', keyRequestId: '5e543dd0f56e1a4affdd7acd', developerId: '5e430ef68131890001b83d2e' });
    await subscriber.close();
  });
});

describe('webhooks from the embedded Dashboard', () => {
  it('delivers a key request filed in Tyk directly (not through the gateway)', async () => {
    const subscriber = await wsSubscribe(stack.url, stack.credential, EVENTS, { types: ['KEY_REQUEST_SUBMITTED'] });
    await settle();
    const developer = await stack.execute(CreateDeveloperDocument, { input: { email: `hooked-${Date.now()}@example.com`, password: 'long-enough' } });
    const developerId = (developer.data!.createDeveloper as { developer: { id: string } }).developer.id;
    const created = await fetch(`${stack.dashboard.url}/api/portal/requests`, {
      method: 'POST',
      headers: { authorization: stack.credential },
      body: JSON.stringify({ by_user: developerId, for_plan: policyId, apply_policies: [policyId], version: 'v2', approved: false }),
    }).then((r) => r.json() as Promise<{ Message: string }>);
    const message = (await subscriber.next()) as { data: { keyEvents: Record<string, unknown> } };
    expect(message.data.keyEvents).toMatchObject({ source: 'WEBHOOK', keyRequestId: created.Message, developerId });
    await subscriber.close();
  });

  it('delivers a key issued through the gateway once, though the mutation and the webhook both report it', async () => {
    const subscriber = await wsSubscribe(stack.url, stack.credential, EVENTS, { types: ['KEY_ISSUED'] });
    await settle();
    const developer = await stack.execute(CreateDeveloperDocument, { input: { email: `twice-${Date.now()}@example.com`, password: 'long-enough' } });
    const developerId = (developer.data!.createDeveloper as { developer: { id: string } }).developer.id;
    const issued = await stack.execute(AddKeyDocument, { developerId, policyIds: [policyId] });
    const keyId = (issued.data!.addKey as { key: { id: string } }).key.id;
    const message = (await subscriber.next()) as { data: { keyEvents: Record<string, unknown> } };
    expect(message.data.keyEvents).toMatchObject({ type: 'KEY_ISSUED', keyId });
    await new Promise((r) => setTimeout(r, 800));
    expect(subscriber.received).toHaveLength(1);
    await subscriber.close();
  });
});
