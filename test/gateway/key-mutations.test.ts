/**
 * Key mutations end to end: issuing (raw key once), changing policies, revoking, resetting quota,
 * key requests (request, approve, decline), and OAuth clients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddKeyDocument,
  ApproveKeyRequestDocument,
  ChangeKeyPoliciesDocument,
  CreateDeveloperDocument,
  DeclineKeyRequestDocument,
  DeleteOAuthClientDocument,
  DeveloperDetailDocument,
  DeveloperOverviewDocument,
  KeyByIdDocument,
  KeyRequestsDocument,
  PoliciesDocument,
  RequestKeyDocument,
  ResetKeyQuotaDocument,
  RevokeKeyDocument,
  RevokeOAuthClientTokensDocument,
} from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
let policies: { id: string; name: string; quotaMax: number | null }[];
beforeAll(async () => {
  stack = await startStack();
  policies = (await stack.execute(PoliciesDocument, { active: true })).data!.policies;
  expect(policies.length).toBeGreaterThanOrEqual(3);
});
afterAll(() => stack.stop());

const writes = () => stack.dashboard.requestLog.entries().filter((e) => e.method !== 'GET');
let n = 0;
async function newDeveloper(credential?: string) {
  const result = await stack.execute(
    CreateDeveloperDocument,
    { input: { email: `key-dev-${Date.now()}-${n++}@example.com`, password: 'long-enough' } },
    credential ? { credential } : {},
  );
  const payload = result.data!.createDeveloper;
  if (payload.__typename !== 'DeveloperPayload') throw new Error(JSON.stringify(payload));
  return payload.developer;
}

async function issue(developerId: string, policyIds: string[]) {
  const result = await stack.execute(AddKeyDocument, { developerId, policyIds });
  const payload = result.data!.addKey;
  if (payload.__typename !== 'IssuedKey') throw new Error(JSON.stringify(payload));
  return payload;
}

describe('addKey', () => {
  it('issues a key: the raw key once, the hash as its id, the policies applied', async () => {
    const developer = await newDeveloper();
    const issued = await issue(developer.id, [policies[0]!.id]);
    expect(issued.rawKey).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(issued.key!.id).not.toBe(issued.rawKey);
    expect(issued.key!.policies.map((p) => p.id)).toEqual([policies[0]!.id]);
    expect(issued.key!.alias).toBe(developer.email);
    expect(issued.developer.keys.map((k) => k.id)).toEqual([issued.key!.id]);

    const read = await stack.execute(KeyByIdDocument, { id: issued.key!.id });
    expect(read.data!.key).toMatchObject({ id: issued.key!.id, developer: { id: developer.id }, policies: [{ id: policies[0]!.id }] });
    expect(JSON.stringify(read)).not.toContain(issued.rawKey!);
  });

  it('rejects unknown policies as NotFoundError without a write', async () => {
    const developer = await newDeveloper();
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(AddKeyDocument, { developerId: developer.id, policyIds: ['bbbbbbbbbbbbbbbbbbbbbbbb'] });
    expect(result.data!.addKey).toMatchObject({ __typename: 'NotFoundError', resource: 'Policy', id: 'bbbbbbbbbbbbbbbbbbbbbbbb' });
    expect(writes()).toEqual([]);
  });

  it('rejects an empty policy list and a malformed developer id before any upstream call', async () => {
    stack.dashboard.requestLog.clear();
    const empty = await stack.execute(AddKeyDocument, { developerId: 'aaaaaaaaaaaaaaaaaaaaaaaa', policyIds: [] });
    expect(empty.data!.addKey).toMatchObject({ __typename: 'ValidationError', field: 'policyIds' });
    const bad = await stack.execute(AddKeyDocument, { developerId: '../x', policyIds: [policies[0]!.id] });
    expect(bad.data!.addKey).toMatchObject({ __typename: 'ValidationError', field: 'developerId' });
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });
});

describe('changing, resetting and revoking a key', () => {
  it('replaces the key’s policies', async () => {
    const developer = await newDeveloper();
    const issued = await issue(developer.id, [policies[0]!.id]);
    const result = await stack.execute(ChangeKeyPoliciesDocument, {
      developerId: developer.id,
      keyId: issued.key!.id,
      policyIds: [policies[1]!.id],
    });
    const payload = result.data!.changeKeyPolicies;
    if (payload.__typename !== 'KeyPayload') throw new Error(JSON.stringify(payload));
    expect(payload.key.policies.map((p) => p.id)).toEqual([policies[1]!.id]);
    const detail = await stack.execute(DeveloperDetailDocument, { id: developer.id });
    expect(detail.data!.developer!.keys[0]!.policies.map((p) => p.id)).toEqual([policies[1]!.id]);
  });

  it('resets the quota so remaining equals the maximum', async () => {
    const limited = policies.find((p) => p.quotaMax !== null)!;
    const developer = await newDeveloper();
    const issued = await issue(developer.id, [limited.id]);
    const result = await stack.execute(ResetKeyQuotaDocument, { developerId: developer.id, keyId: issued.key!.id });
    const payload = result.data!.resetKeyQuota;
    if (payload.__typename !== 'KeyPayload') throw new Error(JSON.stringify(payload));
    expect(payload.key.quota!.remaining).toBe(payload.key.quota!.max);
    expect(new Date(payload.key.quota!.renews!).getTime()).toBeGreaterThan(Date.now());
  });

  it('revokes a key: it leaves the developer and can no longer be read', async () => {
    const developer = await newDeveloper();
    const issued = await issue(developer.id, [policies[0]!.id]);
    const result = await stack.execute(RevokeKeyDocument, { developerId: developer.id, keyId: issued.key!.id });
    expect(result.data!.revokeKey).toMatchObject({ __typename: 'RevokeKeyPayload', revokedKeyId: issued.key!.id, developer: { keys: [] } });
    const read = await stack.execute(KeyByIdDocument, { id: issued.key!.id });
    expect(read.data!.key).toBeNull();
  });

  it('answers NotFoundError for a key the developer does not hold, without a write', async () => {
    const developer = await newDeveloper();
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(RevokeKeyDocument, { developerId: developer.id, keyId: 'deadbeefdeadbeef' });
    expect(result.data!.revokeKey).toMatchObject({ __typename: 'NotFoundError', resource: 'Key' });
    expect(writes()).toEqual([]);
  });
});

describe('key requests', () => {
  it('files a pending request when the portal requires approval, then approves it once', async () => {
    const developer = await newDeveloper();
    const requested = await stack.execute(RequestKeyDocument, {
      input: { developerId: developer.id, policyIds: [policies[0]!.id], fields: [{ name: 'Purpose', value: 'testing' }] },
    });
    const payload = requested.data!.requestKey;
    if (payload.__typename !== 'KeyRequestPayload') throw new Error(JSON.stringify(payload));
    expect(payload.approved).toBe(false);
    expect(payload.issuedKey).toBeNull();

    const approved = await stack.execute(ApproveKeyRequestDocument, { id: payload.keyRequest.id });
    const approval = approved.data!.approveKeyRequest;
    if (approval.__typename !== 'KeyRequestPayload') throw new Error(JSON.stringify(approval));
    expect(approval.approved).toBe(true);
    expect(approval.issuedKey!.rawKey).toBeTruthy();
    expect(approval.issuedKey!.developer.keys.map((k) => k.id)).toContain(approval.issuedKey!.key!.id);

    stack.dashboard.requestLog.clear();
    const twice = await stack.execute(ApproveKeyRequestDocument, { id: payload.keyRequest.id });
    expect(twice.data!.approveKeyRequest).toMatchObject({ __typename: 'ValidationError', message: 'Key request has already been processed.' });
    expect(writes()).toEqual([]);
  });

  it('approves at once and issues the key when the portal does not require approval', async () => {
    const orgB = stack.dashboard.orgs[1]!.credential;
    const bPolicies = (await stack.execute(PoliciesDocument, { active: true }, { credential: orgB })).data!.policies;
    const developer = await newDeveloper(orgB);
    const result = await stack.execute(RequestKeyDocument, { input: { developerId: developer.id, policyIds: [bPolicies[0]!.id] } }, { credential: orgB });
    const payload = result.data!.requestKey;
    if (payload.__typename !== 'KeyRequestPayload') throw new Error(JSON.stringify(payload));
    expect(payload.approved).toBe(true);
    expect(payload.issuedKey!.rawKey).toBeTruthy();
    expect(payload.issuedKey!.key!.policies.map((p) => p.id)).toEqual([bPolicies[0]!.id]);
  });

  it('declines a pending request, which then no longer exists', async () => {
    const developer = await newDeveloper();
    const requested = await stack.execute(RequestKeyDocument, { input: { developerId: developer.id, policyIds: [policies[1]!.id] } });
    const payload = requested.data!.requestKey;
    if (payload.__typename !== 'KeyRequestPayload') throw new Error(JSON.stringify(payload));
    const declined = await stack.execute(DeclineKeyRequestDocument, { id: payload.keyRequest.id });
    expect(declined.data!.declineKeyRequest).toEqual({ __typename: 'DeclineKeyRequestPayload', declinedId: payload.keyRequest.id });
    const again = await stack.execute(DeclineKeyRequestDocument, { id: payload.keyRequest.id });
    expect(again.data!.declineKeyRequest).toMatchObject({ __typename: 'NotFoundError', resource: 'KeyRequest' });
  });

  it('lists pending and approved requests as connections with a total count', async () => {
    const pending = await stack.execute(KeyRequestsDocument, { approved: false, first: 5 });
    const all = await stack.execute(KeyRequestsDocument, { first: 100 });
    expect(pending.data!.keyRequests.edges.every((e) => e.node!.approved === false)).toBe(true);
    expect(pending.data!.keyRequests.totalCount).toBeGreaterThan(0);
    expect(all.data!.keyRequests.totalCount).toBeGreaterThan(pending.data!.keyRequests.totalCount);
    const first = pending.data!.keyRequests.edges[0]!.node!;
    expect(first.developer?.email).toContain('@');
    expect(first.policies.length).toBeGreaterThan(0);
  });
});

describe('OAuth clients', () => {
  async function developerWithOAuthClient() {
    const overview = await stack.execute(DeveloperOverviewDocument, { first: 100 });
    for (const edge of overview.data!.developers.edges) {
      const detail = await stack.execute(DeveloperDetailDocument, { id: edge.node!.id });
      if (detail.data!.developer!.oauthClients.length > 0) return detail.data!.developer!;
    }
    throw new Error('no demo developer has an OAuth client');
  }

  it('lists a developer’s OAuth clients without their secrets, with their policy', async () => {
    const developer = await developerWithOAuthClient();
    const client = developer.oauthClients[0]!;
    expect(client.clientId).toBeTruthy();
    expect(client.policy?.id).toMatch(/^[0-9a-f]{24}$/);
    const rest = await fetch(`${stack.dashboard.url}/api/portal/developers/${developer.id}`, { headers: { authorization: stack.credential } }).then(
      (r) => r.json() as Promise<{ oauth_clients: Record<string, { secret: string }[]> }>,
    );
    const secret = Object.values(rest.oauth_clients).flat()[0]!.secret;
    expect(secret.length).toBeGreaterThan(0);
    expect(JSON.stringify(developer)).not.toContain(secret);
  });

  it('revokes a client’s tokens and then deletes the client', async () => {
    const developer = await developerWithOAuthClient();
    const clientId = developer.oauthClients[0]!.clientId;
    const revoked = await stack.execute(RevokeOAuthClientTokensDocument, { developerId: developer.id, clientId });
    expect(revoked.data!.revokeOAuthClientTokens).toEqual({ __typename: 'RevokeOAuthClientTokensPayload', clientId });
    const deleted = await stack.execute(DeleteOAuthClientDocument, { developerId: developer.id, clientId });
    const payload = deleted.data!.deleteOAuthClient;
    if (payload.__typename !== 'DeleteOAuthClientPayload') throw new Error(JSON.stringify(payload));
    expect(payload.developer.oauthClients.map((c) => c.clientId)).not.toContain(clientId);
  });
});
