/**
 * `addKey` for OAuth policies creates an OAuth client, as Tyk does when `oauth_info.redirect_uri`
 * is sent: the payload carries the client id and secret once; afterwards only the owning developer
 * reads the secret. Inputs that cannot make sense are refused before any write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyRecord } from '../../src/dashboard/store.js';
import { AddKeyDocument } from '../generated/graphql.js';
import { parse } from 'graphql';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
let oauthPolicy: PolicyRecord;
let tokenPolicy: PolicyRecord;

function org() {
  return stack.dashboard.store.orgs.get(stack.dashboard.orgs[0]!.orgId)!;
}

beforeAll(async () => {
  stack = await startStack();
  const policies = [...org().policies.values()];
  oauthPolicy = policies.find((p) => p.auth_type === 'oauth')!;
  tokenPolicy = policies.find((p) => p.auth_type !== 'oauth' && p.active)!;
});
afterAll(() => stack.stop());

function developer(n: number) {
  return [...org().developers.values()].filter((d) => !d.inactive)[n]!;
}

describe('addKey for OAuth policies', () => {
  it('creates an OAuth client with the redirect URI and shows its id and secret once', async () => {
    const target = developer(0);
    const result = await stack.execute(AddKeyDocument, { developerId: target.id, policyIds: [oauthPolicy._id], redirectUri: 'https://app.example.com/callback' });
    const issued = result.data!.addKey;
    if (issued.__typename !== 'IssuedKey') return expect.fail(JSON.stringify(issued));
    expect(issued.rawKey).toBeNull();
    expect(issued.key).toBeNull();
    const stored = (org().developers.get(target.id)!.oauth_clients[oauthPolicy._id] ?? []).find((c) => c.client_id === issued.oauthClient?.clientId);
    expect(stored, 'the Dashboard created the client').toBeDefined();
    expect(issued.oauthClient).toEqual({ clientId: stored!.client_id, secret: stored!.secret, redirectUri: 'https://app.example.com/callback', policy: { id: oauthPolicy._id } });
    expect(issued.oauthClientId).toBe(stored!.client_id);
    expect(issued.developer.id).toBe(target.id);

    // Afterwards an operator sees the client but never its secret.
    const later = await stack.execute(parse(`query($id: ID!) { developer(id: $id) { oauthClients { clientId secret } } }`), { id: target.id });
    expect(later.errors?.map((e) => e.extensions?.['code'])).toContain('FORBIDDEN');
    expect(JSON.stringify(later)).not.toContain(stored!.secret);
  });

  it.each([
    ['an OAuth policy without a redirect URI', () => ({ policyIds: [oauthPolicy._id] }), 'redirectUri'],
    ['a redirect URI for a token policy', () => ({ policyIds: [tokenPolicy._id], redirectUri: 'https://app.example.com/cb' }), 'redirectUri'],
    ['OAuth and token policies together', () => ({ policyIds: [oauthPolicy._id, tokenPolicy._id], redirectUri: 'https://app.example.com/cb' }), 'policyIds'],
    ['a redirect URI that is not an http(s) URL', () => ({ policyIds: [oauthPolicy._id], redirectUri: 'javascript:alert(1)' }), 'redirectUri'],
  ])('refuses %s with a ValidationError and no write', async (_case, input, field) => {
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(AddKeyDocument, { developerId: developer(1).id, ...input() });
    expect(result.data!.addKey).toMatchObject({ __typename: 'ValidationError', field });
    expect(stack.dashboard.requestLog.entries().filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('still issues a plain key, with no OAuth client, for token policies', async () => {
    const result = await stack.execute(AddKeyDocument, { developerId: developer(2).id, policyIds: [tokenPolicy._id] });
    expect(result.data!.addKey).toMatchObject({ __typename: 'IssuedKey', rawKey: expect.any(String), oauthClient: null });
  });
});
