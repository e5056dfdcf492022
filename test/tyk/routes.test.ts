/**
 * Every client method against a MockAgent: the method, the exact path and query, the JSON body
 * with its content type, the raw credential in `authorization`, the route template it reports, and
 * what it returns.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TykClient } from '../../src/tyk/types.js';
import { closeMocks, CREDENTIAL, envelope, hex, mocked, ORIGIN } from './support.js';

afterEach(closeMocks);

const DEV = hex(1);
const REQ = hex(2);
const POL = hex(3);
const KEY = '2ac7b253c36e210d';
const API = '8e4d983609c044984ecbb286b8d25cd9';
const CLIENT = 'bf27562a806d4ee1976c11b69e154a88';
const developer = { id: DEV, email: 'dev@example.com' };
const keyRequest = { id: REQ, by_user: DEV, approved: false };
const policy = { _id: POL, name: 'Gold' };
const oauthClient = { client_id: CLIENT, secret: 'c2VjcmV0', redirect_uri: 'http://x', policy_id: POL };
const usage = { data: [{ id: { day: 1, month: 2, year: 2024 }, hits: 5, success: 4, error: 1 }], pages: 0 };
const range = { from: new Date(Date.UTC(2024, 1, 1)), to: new Date(Date.UTC(2024, 1, 29)), resolution: 'day' as const };

interface Case {
  name: string;
  call: (client: TykClient) => Promise<unknown>;
  method: string;
  route: string;
  path: string;
  body?: unknown;
  reply: unknown;
  result: unknown;
}

const cases: Case[] = [
  // developers §2
  { name: 'lists every developer with p=-1', call: (c) => c.listDevelopers(), method: 'GET', route: 'GET /api/portal/developers', path: '/api/portal/developers?p=-1', reply: { Data: [developer], Pages: 0 }, result: { data: [expect.objectContaining(developer)], pages: 0 } },
  { name: 'streams every developer with p=-1, one at a time', call: async (c) => { const seen: string[] = []; return { count: await c.streamDevelopers((d) => seen.push(d.email)), seen }; }, method: 'GET', route: 'GET /api/portal/developers', path: '/api/portal/developers?p=-1', reply: { Data: [developer, { ...developer, id: hex(9), email: 'other@example.com' }], Pages: 0 }, result: { count: 2, seen: ['dev@example.com', 'other@example.com'] } },
  { name: 'lists one page of developers', call: (c) => c.listDevelopers({ page: 2 }), method: 'GET', route: 'GET /api/portal/developers', path: '/api/portal/developers?p=2', reply: { Data: [], Pages: 2 }, result: { data: [], pages: 2 } },
  { name: 'gets a developer', call: (c) => c.getDeveloper(DEV), method: 'GET', route: 'GET /api/portal/developers/:id', path: `/api/portal/developers/${DEV}`, reply: developer, result: expect.objectContaining(developer) },
  { name: 'gets a developer by email, encoding @ and +', call: (c) => c.getDeveloperByEmail('a.b+tag@example.com'), method: 'GET', route: 'GET /api/portal/developers/email/:email', path: '/api/portal/developers/email/a.b%2Btag%40example.com', reply: developer, result: expect.objectContaining({ id: DEV }) },
  { name: 'gets a developer by SSO key', call: (c) => c.getDeveloperBySsoKey('sso-123'), method: 'GET', route: 'GET /api/portal/developers/ssokey/:key', path: '/api/portal/developers/ssokey/sso-123', reply: developer, result: expect.objectContaining({ id: DEV }) },
  { name: 'creates a developer and returns its id', call: (c) => c.createDeveloper({ email: 'n@example.com', password: 'pw123456', fields: { Name: 'N' } }), method: 'POST', route: 'POST /api/portal/developers', path: '/api/portal/developers', body: { email: 'n@example.com', password: 'pw123456', fields: { Name: 'N' } }, reply: envelope(DEV), result: DEV },
  { name: 'updates a developer without sending back the client-made fields', call: (c) => c.updateDeveloper(DEV, { email: 'n@example.com', keys: {}, id: DEV, legacy_api_keys: {} }), method: 'PUT', route: 'PUT /api/portal/developers/:id', path: `/api/portal/developers/${DEV}`, body: { email: 'n@example.com', keys: {} }, reply: envelope('Data updated'), result: undefined },
  { name: 'deletes a developer', call: (c) => c.deleteDeveloper(DEV), method: 'DELETE', route: 'DELETE /api/portal/developers/:id', path: `/api/portal/developers/${DEV}`, reply: envelope('Data deleted'), result: undefined },
  { name: 'verifies matching credentials as true', call: (c) => c.verifyDeveloperCredentials('dev@example.com', 'pw'), method: 'POST', route: 'POST /api/portal/developers/verify_credentials', path: '/api/portal/developers/verify_credentials', body: { username: 'dev@example.com', password: 'pw' }, reply: envelope('OK'), result: true },
  { name: 'sets a developer password', call: (c) => c.setDeveloperPassword(DEV, 'newpass1'), method: 'POST', route: 'POST /api/portal/developers/password/:id', path: `/api/portal/developers/password/${DEV}`, body: { password: 'newpass1' }, reply: { Message: 'Password changed' }, result: undefined },
  // developer keys §3
  { name: 'adds a key and returns the raw key', call: (c) => c.addDeveloperKey(DEV, { apply_policies: [POL], fields: { app: 'x' } }), method: 'POST', route: 'POST /api/portal/developers/:id/keys', path: `/api/portal/developers/${DEV}/keys`, body: { apply_policies: [POL], fields: { app: 'x' } }, reply: { RawKey: 'raw-key', Password: '' }, result: { kind: 'key', rawKey: 'raw-key', password: '' } },
  { name: 'changes a key’s policies', call: (c) => c.changeDeveloperKeyPolicies(DEV, KEY, [POL]), method: 'PUT', route: 'PUT /api/portal/developers/:id/keys/:keyId', path: `/api/portal/developers/${DEV}/keys/${KEY}`, body: { apply_policies: [POL] }, reply: envelope('Data updated'), result: undefined },
  { name: 'revokes a key', call: (c) => c.revokeDeveloperKey(DEV, KEY), method: 'DELETE', route: 'DELETE /api/portal/developers/:id/keys/:keyId', path: `/api/portal/developers/${DEV}/keys/${KEY}`, reply: envelope('Data deleted'), result: undefined },
  { name: 'resets a key’s quota', call: (c) => c.resetDeveloperKeyQuota(DEV, KEY), method: 'POST', route: 'POST /api/portal/developers/:id/keys/:keyId/reset_quota', path: `/api/portal/developers/${DEV}/keys/${KEY}/reset_quota`, reply: '', result: undefined },
  { name: 'deletes a developer’s OAuth app', call: (c) => c.deleteDeveloperOAuthApp(CLIENT), method: 'DELETE', route: 'DELETE /api/portal/developers/oauth/:appId', path: `/api/portal/developers/oauth/${CLIENT}`, reply: envelope('OAuth client deleted successfully.'), result: undefined },
  // key requests §4
  { name: 'lists pending key requests', call: (c) => c.listKeyRequests({ approved: false }), method: 'GET', route: 'GET /api/portal/requests', path: '/api/portal/requests?p=-1&approved=false', reply: { Data: [keyRequest], Pages: 0 }, result: { data: [expect.objectContaining(keyRequest)], pages: 0 } },
  { name: 'streams pending key requests', call: async (c) => { const seen: string[] = []; return { count: await c.streamKeyRequests((r) => seen.push(r.id), { approved: false }), seen }; }, method: 'GET', route: 'GET /api/portal/requests', path: '/api/portal/requests?p=-1&approved=false', reply: { Data: [keyRequest], Pages: 0 }, result: { count: 1, seen: [REQ] } },
  { name: 'lists approved key requests on page 1', call: (c) => c.listKeyRequests({ approved: true, page: 1 }), method: 'GET', route: 'GET /api/portal/requests', path: '/api/portal/requests?p=1&approved=true', reply: { Data: [], Pages: 0 }, result: { data: [], pages: 0 } },
  { name: 'gets a key request', call: (c) => c.getKeyRequest(REQ), method: 'GET', route: 'GET /api/portal/requests/:id', path: `/api/portal/requests/${REQ}`, reply: keyRequest, result: expect.objectContaining(keyRequest) },
  { name: 'creates a key request with both plan forms, v2 and approved false', call: (c) => c.createKeyRequest({ by_user: DEV, apply_policies: [POL], date_created: '2024-01-01T00:00:00Z', fields: { use: 'x' } }), method: 'POST', route: 'POST /api/portal/requests', path: '/api/portal/requests', body: { by_user: DEV, for_plan: POL, apply_policies: [POL], date_created: '2024-01-01T00:00:00Z', fields: { use: 'x' }, version: 'v2', approved: false }, reply: envelope(REQ), result: REQ },
  { name: 'updates a key request', call: (c) => c.updateKeyRequest(REQ, { ...keyRequest, fields: { a: 'b' } }), method: 'PUT', route: 'PUT /api/portal/requests/:id', path: `/api/portal/requests/${REQ}`, body: { ...keyRequest, fields: { a: 'b' } }, reply: envelope(REQ), result: undefined },
  { name: 'deletes a key request', call: (c) => c.deleteKeyRequest(REQ), method: 'DELETE', route: 'DELETE /api/portal/requests/:id', path: `/api/portal/requests/${REQ}`, reply: envelope('Data deleted'), result: undefined },
  { name: 'approves a key request and returns the OAuth client', call: (c) => c.approveKeyRequest(REQ), method: 'PUT', route: 'PUT /api/portal/requests/approve/:id', path: `/api/portal/requests/approve/${REQ}`, reply: oauthClient, result: { kind: 'oauth', client: expect.objectContaining({ client_id: CLIENT }) } },
  // policies §5
  { name: 'lists active policies', call: (c) => c.listPolicies({ active: true }), method: 'GET', route: 'GET /api/portal/policies', path: '/api/portal/policies?p=-1&active=true', reply: { Data: [policy], Pages: 0 }, result: { data: [expect.objectContaining(policy)], pages: 0 } },
  { name: 'searches policies with every filter', call: (c) => c.searchPolicies({ q: 'gold plan', policyIds: [POL, hex(4)], active: true, state: 'active', sort: '-name', apiId: API, authType: 'authToken', page: 1 }), method: 'GET', route: 'GET /api/portal/policies/search', path: `/api/portal/policies/search?q=gold%20plan&policy_ids=${POL}%2C${hex(4)}&active=true&state=active&sort=-name&api_id=${API}&auth_type=authToken&p=1`, reply: { Data: [policy], Pages: 1 }, result: { data: [expect.objectContaining(policy)], pages: 1 } },
  { name: 'gets a policy', call: (c) => c.getPolicy(POL), method: 'GET', route: 'GET /api/portal/policies/:id', path: `/api/portal/policies/${POL}`, reply: policy, result: expect.objectContaining(policy) },
  // keys §6
  { name: 'reads a key by hash', call: (c) => c.getKey(KEY), method: 'GET', route: 'GET /api/keys/:id', path: `/api/keys/${KEY}?hashed=1`, reply: { key_id: '', key_hash: KEY, data: {} }, result: expect.objectContaining({ key_hash: KEY }) },
  { name: 'reads a key by raw key through an API', call: (c) => c.getKey('eyJvcmciOiJhIn0=', { hashed: false, apiId: API }), method: 'GET', route: 'GET /api/apis/:apiId/keys/:id', path: `/api/apis/${API}/keys/eyJvcmciOiJhIn0%3D`, reply: { key_id: 'eyJvcmciOiJhIn0=', key_hash: KEY, data: {} }, result: expect.objectContaining({ key_id: 'eyJvcmciOiJhIn0=' }) },
  // catalogue and configuration §7
  { name: 'gets the catalogue', call: (c) => c.getCatalogue(), method: 'GET', route: 'GET /api/portal/catalogue', path: '/api/portal/catalogue', reply: { id: hex(5), apis: [] }, result: expect.objectContaining({ id: hex(5), apis: [] }) },
  { name: 'creates the catalogue for an org', call: (c) => c.createCatalogue(hex(6)), method: 'POST', route: 'POST /api/portal/catalogue', path: '/api/portal/catalogue', body: { org_id: hex(6) }, reply: envelope(hex(5)), result: hex(5) },
  { name: 'replaces the catalogue', call: (c) => c.updateCatalogue({ id: hex(5), org_id: hex(6), email: '', apis: [] }), method: 'PUT', route: 'PUT /api/portal/catalogue', path: '/api/portal/catalogue', body: { id: hex(5), org_id: hex(6), email: '', apis: [] }, reply: envelope('Data updated'), result: undefined },
  { name: 'gets the portal configuration', call: (c) => c.getPortalConfiguration(), method: 'GET', route: 'GET /api/portal/configuration', path: '/api/portal/configuration', reply: { id: hex(7), require_key_approval: true }, result: expect.objectContaining({ require_key_approval: true }) },
  { name: 'creates the portal configuration', call: (c) => c.createPortalConfiguration({}), method: 'POST', route: 'POST /api/portal/configuration', path: '/api/portal/configuration', body: {}, reply: envelope(hex(7)), result: hex(7) },
  { name: 'updates the portal configuration', call: (c) => c.updatePortalConfiguration({ require_key_approval: false }), method: 'PUT', route: 'PUT /api/portal/configuration', path: '/api/portal/configuration', body: { require_key_approval: false }, reply: envelope('Data updated'), result: undefined },
  // analytics §8
  { name: 'aggregates usage over keys with the trailing comma, unpadded dates and an API filter', call: (c) => c.getAggregateKeyUsage([KEY, 'add2b342'], { ...range, resolution: 'hour', apiId: API }), method: 'GET', route: 'GET /api/activity/keys/aggregate/:keys/:fromD/:fromM/:fromY/:toD/:toM/:toY', path: `/api/activity/keys/aggregate/${KEY},add2b342,/1/2/2024/29/2/2024?p=-1&res=hour&api_id=${API}`, reply: usage, result: [expect.objectContaining({ hits: 5 })] },
  { name: 'reads one key’s usage by month', call: (c) => c.getKeyUsage(KEY, { ...range, resolution: 'month' }), method: 'GET', route: 'GET /api/activity/keys/:key/:fromD/:fromM/:fromY/:toD/:toM/:toY', path: `/api/activity/keys/${KEY}/1/2/2024/29/2/2024?p=-1&res=month`, reply: usage, result: [expect.objectContaining({ success: 4 })] },
  // OAuth clients §9
  { name: 'lists an API’s OAuth clients', call: (c) => c.listOAuthClients(API), method: 'GET', route: 'GET /api/apis/oauth/:apiId', path: `/api/apis/oauth/${API}`, reply: { apps: [oauthClient], pages: 0 }, result: [expect.objectContaining({ client_id: CLIENT })] },
  { name: 'creates an OAuth client', call: (c) => c.createOAuthClient(API, { redirect_uri: 'http://x', policy_id: POL }), method: 'POST', route: 'POST /api/apis/oauth/:apiId', path: `/api/apis/oauth/${API}`, body: { redirect_uri: 'http://x', policy_id: POL }, reply: oauthClient, result: expect.objectContaining({ client_id: CLIENT, secret: 'c2VjcmV0' }) },
  { name: 'gets an OAuth client', call: (c) => c.getOAuthClient(API, CLIENT), method: 'GET', route: 'GET /api/apis/oauth/:apiId/:clientId', path: `/api/apis/oauth/${API}/${CLIENT}`, reply: oauthClient, result: expect.objectContaining({ client_id: CLIENT }) },
  { name: 'deletes an OAuth client', call: (c) => c.deleteOAuthClient(API, CLIENT), method: 'DELETE', route: 'DELETE /api/apis/oauth/:apiId/:clientId', path: `/api/apis/oauth/${API}/${CLIENT}`, reply: envelope('OAuth client deleted successfully.'), result: undefined },
  { name: 'lists an OAuth client’s tokens', call: (c) => c.listOAuthClientTokens(API, CLIENT), method: 'GET', route: 'GET /api/apis/oauth/:apiId/:clientId/tokens', path: `/api/apis/oauth/${API}/${CLIENT}/tokens`, reply: [{ code: 'tok', expires: 1618158407 }], result: [{ code: 'tok', expires: 1618158407 }] },
  { name: 'revokes one OAuth token', call: (c) => c.revokeOAuthToken(CLIENT, 'tok', 'refresh_token'), method: 'POST', route: 'POST /api/apis/oauth/:clientId/revoke', path: `/api/apis/oauth/${CLIENT}/revoke`, body: { token: 'tok', token_type_hint: 'refresh_token' }, reply: envelope('token revoked successfully'), result: undefined },
  { name: 'revokes every OAuth token of a client', call: (c) => c.revokeAllOAuthTokens(CLIENT, 'c2VjcmV0'), method: 'POST', route: 'POST /api/apis/oauth/:clientId/revoke_all', path: `/api/apis/oauth/${CLIENT}/revoke_all`, body: { client_secret: 'c2VjcmV0' }, reply: envelope('tokens revoked successfully'), result: undefined },
];

describe('routes', () => {
  it.each(cases)('$name', async ({ call, method, route, path, body, reply, result }) => {
    const m = mocked();
    m.dashboard.intercept({ path, method }).reply(200, reply as object);
    await expect(call(m.client)).resolves.toEqual(result);
    const calls = m.agent.getCallHistory()!.calls();
    expect(calls).toHaveLength(1);
    const sent = calls[0]!;
    expect(sent.fullUrl).toBe(`${ORIGIN}${path}`);
    expect(sent.headers).toMatchObject({ authorization: CREDENTIAL, accept: 'application/json' });
    if (body === undefined) {
      expect(sent.body ?? null).toBeNull();
      expect(sent.headers).not.toHaveProperty('content-type');
    } else {
      expect(JSON.parse(String(sent.body))).toEqual(body);
      expect(sent.headers).toMatchObject({ 'content-type': 'application/json' });
    }
    expect(m.attempts).toEqual([expect.objectContaining({ method, route, status: 200, attempt: 1, error: undefined })]);
  });

  it('covers every method of the TykClient interface', () => {
    const m = mocked();
    const methods = Object.keys(m.client).filter((k) => k !== 'baseUrl');
    const covered = new Set(cases.map((c) => /c\.(\w+)\(/.exec(c.call.toString())?.[1]));
    expect(methods.filter((name) => !covered.has(name))).toEqual([]);
  });

  it('reports only the origin as baseUrl', () => {
    expect(mocked({ baseUrl: 'http://user:pw@dashboard.test:3000/some/path' }).client.baseUrl).toBe('http://dashboard.test:3000');
  });

  it('verifies mismatching credentials as false on 401', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/portal/developers/verify_credentials', method: 'POST' }).reply(401, envelope('Not authorised', 'Error'));
    await expect(m.client.verifyDeveloperCredentials('dev@example.com', 'wrong')).resolves.toBe(false);
  });

  it('makes no call for usage over no keys', async () => {
    const m = mocked();
    await expect(m.client.getAggregateKeyUsage([], range)).resolves.toEqual([]);
    expect(m.agent.getCallHistory()!.calls()).toHaveLength(0);
  });

  it('fills for_plan from apply_policies and the reverse, and dates a request that has no date', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/portal/requests', method: 'POST' }).reply(200, envelope(REQ)).times(2);
    await m.client.createKeyRequest({ by_user: DEV, for_plan: POL });
    await m.client.createKeyRequest({ by_user: DEV, apply_policies: [POL, hex(4)] });
    const [first, second] = m.agent.getCallHistory()!.calls().map((c) => JSON.parse(String(c.body)) as Record<string, unknown>);
    expect(first).toMatchObject({ for_plan: POL, apply_policies: [POL], version: 'v2', approved: false });
    expect(Date.parse(String(first!['date_created']))).not.toBeNaN();
    expect(second).toMatchObject({ for_plan: POL, apply_policies: [POL, hex(4)] });
  });

  it('sends approved false even when the caller asks for an approved request', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/portal/requests', method: 'POST' }).reply(200, envelope(REQ));
    await m.client.createKeyRequest({ by_user: DEV, for_plan: POL, approved: true as unknown as false });
    expect(JSON.parse(String(m.agent.getCallHistory()!.calls()[0]!.body))).toMatchObject({ approved: false });
  });
});
