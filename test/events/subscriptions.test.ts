/**
 * Subscriptions fed by the gateway's own mutations, over both transports, scoped to the caller's
 * organisation, never carrying a raw key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddKeyDocument, CreateDeveloperDocument, PoliciesDocument, RequestKeyDocument, RevokeKeyDocument } from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';
import { sseSubscribe, wsSubscribe } from '../support/subscribers.js';

const KEY_ISSUED = `subscription($developerId: ID) {
  keyIssued(developerId: $developerId) { id type source developerId keyId developer { email } key { id alias } policies { id } }
}`;
const KEY_EVENTS = `subscription($types: [KeyEventType!]) { keyEvents(types: $types) { id type developerId keyId keyRequestId policies { id } } }`;

let stack: Stack;
let policyId: string;
beforeAll(async () => {
  stack = await startStack();
  policyId = (await stack.execute(PoliciesDocument, { active: true })).data!.policies[0]!.id;
});
afterAll(() => stack.stop());

let n = 0;
async function newDeveloper(credential = stack.credential) {
  const result = await stack.execute(CreateDeveloperDocument, { input: { email: `sub-${Date.now()}-${n++}@example.com`, password: 'long-enough' } }, { credential });
  const payload = result.data!.createDeveloper;
  if (payload.__typename !== 'DeveloperPayload') throw new Error(JSON.stringify(payload));
  return payload.developer;
}
async function addKey(developerId: string, policy = policyId, credential = stack.credential) {
  const result = await stack.execute(AddKeyDocument, { developerId, policyIds: [policy] }, { credential });
  const payload = result.data!.addKey;
  if (payload.__typename !== 'IssuedKey') throw new Error(JSON.stringify(payload));
  return payload;
}
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('keyIssued', () => {
  it('delivers a key issued by a mutation over graphql-ws, with its developer and policies, without the raw key', async () => {
    const developer = await newDeveloper();
    const subscriber = await wsSubscribe(stack.url, stack.credential, KEY_ISSUED, { developerId: developer.id });
    await settle();
    const issued = await addKey(developer.id);
    const message = (await subscriber.next()) as { data: { keyIssued: Record<string, unknown> } };
    expect(message.data.keyIssued).toMatchObject({
      type: 'KEY_ISSUED',
      source: 'GATEWAY',
      developerId: developer.id,
      keyId: issued.key!.id,
      developer: { email: developer.email },
      key: { id: issued.key!.id, alias: developer.email },
      policies: [{ id: policyId }],
    });
    expect(JSON.stringify(subscriber.received)).not.toContain(issued.rawKey!);
    await subscriber.close();
  });

  it('delivers over server-sent events too', async () => {
    const developer = await newDeveloper();
    const subscriber = await sseSubscribe(stack.url, stack.credential, KEY_ISSUED, { developerId: developer.id });
    await settle();
    const issued = await addKey(developer.id);
    const message = (await subscriber.next()) as { data: { keyIssued: { keyId: string } } };
    expect(message.data.keyIssued.keyId).toBe(issued.key!.id);
    await subscriber.close();
  });

  it('filters by developer', async () => {
    const mine = await newDeveloper();
    const other = await newDeveloper();
    const subscriber = await wsSubscribe(stack.url, stack.credential, KEY_ISSUED, { developerId: mine.id });
    await settle();
    await addKey(other.id);
    const issued = await addKey(mine.id);
    const message = (await subscriber.next()) as { data: { keyIssued: { keyId: string } } };
    expect(message.data.keyIssued.keyId).toBe(issued.key!.id);
    await settle();
    expect(subscriber.received).toHaveLength(1);
    await subscriber.close();
  });
});

describe('keyEvents', () => {
  it('reports revocation and key requests by type, and nothing of another organisation', async () => {
    const orgB = stack.dashboard.orgs[1]!.credential;
    const bPolicy = (await stack.execute(PoliciesDocument, { active: true }, { credential: orgB })).data!.policies[0]!.id;
    const subscriber = await wsSubscribe(stack.url, stack.credential, KEY_EVENTS, { types: ['KEY_REVOKED', 'KEY_REQUEST_SUBMITTED'] });
    await settle();

    const bDeveloper = await newDeveloper(orgB);
    await addKey(bDeveloper.id, bPolicy, orgB);
    const developer = await newDeveloper();
    const issued = await addKey(developer.id);
    await stack.execute(RevokeKeyDocument, { developerId: developer.id, keyId: issued.key!.id });
    const requested = await stack.execute(RequestKeyDocument, { input: { developerId: developer.id, policyIds: [policyId] } });
    const request = requested.data!.requestKey as { keyRequest: { id: string } };

    const first = (await subscriber.next()) as { data: { keyEvents: Record<string, unknown> } };
    const second = (await subscriber.next()) as { data: { keyEvents: Record<string, unknown> } };
    expect(first.data.keyEvents).toMatchObject({ type: 'KEY_REVOKED', developerId: developer.id, keyId: issued.key!.id });
    expect(second.data.keyEvents).toMatchObject({ type: 'KEY_REQUEST_SUBMITTED', developerId: developer.id, keyRequestId: request.keyRequest.id });
    await settle();
    expect(subscriber.received).toHaveLength(2);
    expect(JSON.stringify(subscriber.received)).not.toContain(bDeveloper.id);
    await subscriber.close();
  });

  it('refuses a subscription without a credential', async () => {
    const subscriber = await sseSubscribe(stack.url, '', KEY_EVENTS, {}).catch((error: Error) => error);
    if (subscriber instanceof Error) {
      expect(subscriber.message).toContain('401');
    } else {
      const message = (await subscriber.next()) as { errors: { extensions: { code: string } }[] };
      expect(message.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
      await subscriber.close();
    }
  });
});
