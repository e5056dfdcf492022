/**
 * Wire normalisation: every historical variant the contract lists arrives at the client's callers in
 * one shape, and it happens at the HTTP boundary (tests go through the client and a MockAgent).
 * Fixtures are the seeds' and recorded examples, verbatim.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { TykApproval, TykDeveloper, TykIssuedCredential, TykStatusEnvelope } from '../../src/tyk/wire.js';
import { closeMocks, JSON_HEADERS, mocked } from './support.js';

const fixture = (name: string): object => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

afterEach(closeMocks);

describe('developers', () => {
  it('reads the 2015 list sample: `_id` becomes `id` and missing maps become empty', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/portal/developers?p=-1', method: 'GET' }).reply(200, fixture('seed-002-developer-list.json'), { headers: JSON_HEADERS });
    const page = await m.client.listDevelopers();
    expect(page.pages).toBe(1);
    expect(page.data.map((d) => d.id)).toEqual(['554c733a30c55e4b16000002', '5555ec63a8b6b60001000001']);
    expect(page.data.every((d) => !('_id' in d))).toBe(true);
    expect(page.data[0]).toMatchObject({ keys: { '<key-id>': ['<policy-id>'] }, subscriptions: {}, oauth_clients: {}, sso_key: '', legacy_api_keys: {} });
    expect(page.data[1]!.fields).toEqual({ Name: 'Tes', custom1: '', custom2: '' });
  });

  it('reads the get-by-id sample with its OAuth clients and drops the password history', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/portal/developers/5e397e714ea461ef1d474efa', method: 'GET' }).reply(200, fixture('seed-002-developer.json'));
    const developer = await m.client.getDeveloper('5e397e714ea461ef1d474efa');
    expect(developer.id).toBe('5e397e714ea461ef1d474efa');
    expect(developer.oauth_clients['5e397e804ea461ef1d474efb']?.[0]).toMatchObject({ client_id: 'bf27562a806d4ee1976c11b69e154a88', use_case: 'My use case' });
    expect(developer).not.toHaveProperty('PWHistory');
    expect(developer.last_login_date).toBe('2020-02-04T16:23:00Z');
  });

  it('accepts the legacy `api_keys` map and keeps it apart from `keys`', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/portal/developers/email/apidev%40example.com', method: 'GET' }).reply(200, fixture('seed-003-developer-by-email.json'));
    const developer = await m.client.getDeveloperByEmail('apidev@example.com');
    expect(developer).toMatchObject({ id: '598d4a33ac42130001c1257c', keys: {}, legacy_api_keys: {}, oauth_clients: {} });
    expect(developer).not.toHaveProperty('api_keys');
    const legacy = TykDeveloper.parse({ id: '598d4a33ac42130001c1257c', email: 'a@b.c', api_keys: { b605a6f03cc14f8b74665452c263bf19: '90568dfa' } });
    expect(legacy.legacy_api_keys).toEqual({ b605a6f03cc14f8b74665452c263bf19: '90568dfa' });
    expect(legacy.keys).toEqual({});
  });

  it('turns null maps, null strings and non-string custom fields into the one shape', () => {
    const developer = TykDeveloper.parse({
      _id: '5e397e714ea461ef1d474efa',
      email: 'x@y.z',
      keys: null,
      subscriptions: null,
      fields: { Age: 42, Vip: true, Note: null },
      oauth_clients: { '5e397e804ea461ef1d474efb': null },
      sso_key: null,
      inactive: null,
      password: 'never-returned',
    });
    expect(developer).toMatchObject({ id: '5e397e714ea461ef1d474efa', keys: {}, subscriptions: {}, sso_key: '', inactive: false });
    expect(developer.fields).toEqual({ Age: '42', Vip: 'true', Note: '' });
    expect(developer.oauth_clients).toEqual({ '5e397e804ea461ef1d474efb': [] });
    expect(developer).not.toHaveProperty('password');
  });

  it('rejects a developer with neither `id` nor `_id`', () => {
    expect(TykDeveloper.safeParse({ email: 'x@y.z' }).success).toBe(false);
  });

  it('keeps fields it does not know, so a read-merge-write loses nothing', () => {
    const developer = TykDeveloper.parse({ id: '5e397e714ea461ef1d474efa', email: 'x@y.z', some_future_field: { a: 1 } });
    expect((developer as Record<string, unknown>)['some_future_field']).toEqual({ a: 1 });
  });

  it('returns the new id from a create answer whose Meta is ""', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/portal/developers', method: 'POST' }).reply(200, fixture('seed-002-developer-create.json'));
    await expect(m.client.createDeveloper({ email: 'blip@blop.com', password: 'supersecret' })).resolves.toBe('598d4a33ac42130001c1257c');
  });
});

describe('status envelopes', () => {
  it('accepts Meta as null, "", an object or absent', () => {
    for (const Meta of [null, '', { user: 1 }, undefined]) {
      expect(TykStatusEnvelope.parse({ Status: 'OK', Message: 'Data updated', Meta }).Message).toBe('Data updated');
    }
  });

  it('reads the recorded policy create answer as the new id', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/portal/developers', method: 'POST' }).reply(200, fixture('recorded-policy-create.json'));
    await expect(m.client.createDeveloper({ email: 'a@b.c', password: 'secret1' })).resolves.toBe('5fd202b669710900018bc19c');
  });

  it('refuses a create answer whose Message is not an id (seed 003 says "Data updated")', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/portal/requests', method: 'POST' }).reply(200, { Status: 'OK', Message: 'Data updated', Meta: null });
    await expect(m.client.createKeyRequest({ by_user: '598d4a33ac42130001c1257c', for_plan: '59527b8c375f1e000146556b' })).rejects.toMatchObject({
      code: 'TYK_CONTRACT_MISMATCH',
    });
  });
});

describe('policies, catalogue, key requests, keys, analytics', () => {
  it('reads the recorded policy with `_id` as its address and the custom `id` kept apart', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/portal/policies/5fd202b669710900018bc19c', method: 'GET' }).reply(200, fixture('recorded-policy-get.json'));
    const policy = await m.client.getPolicy('5fd202b669710900018bc19c');
    expect(policy).toMatchObject({ _id: '5fd202b669710900018bc19c', id: 'ZGVmYXVsdC9odHRwYmlu', rate: -1, quota_max: -1, last_updated: '1607598779' });
    expect(policy.access_rights['ZGVmYXVsdC9odHRwYmlu']).toMatchObject({ api_name: 'httpbin protected', versions: ['Default'] });
    expect(policy['partitions']).toEqual({ acl: true, complexity: false, per_api: false, quota: true, rate_limit: true });
  });

  it('reads the seed catalogue and fills entry fields Tyk left out', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/portal/catalogue', method: 'GET' }).reply(200, fixture('seed-003-catalogue.json'));
    const catalogue = await m.client.getCatalogue();
    expect(catalogue.id).toBe('5940e3d29ba5330001647b21');
    expect(catalogue.apis.map((a) => a.policy_id)).toEqual(['59527b8c375f1e000146556b', '5944267f8b8e5500013082a5']);
    expect(catalogue.apis[0]).toMatchObject({ is_keyless: false, auth_type: '', fields: {} });
  });

  it('reads a catalogue and a portal configuration addressed by `_id`', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/portal/catalogue', method: 'GET' }).reply(200, { _id: '5940e3d29ba5330001647b21', apis: null });
    m.dashboard.intercept({ path: '/api/portal/configuration', method: 'GET' }).reply(200, { _id: '5cc03284d07e7f00019404b6', HashKeys: false });
    expect(await m.client.getCatalogue()).toMatchObject({ id: '5940e3d29ba5330001647b21', apis: [] });
    expect(await m.client.getPortalConfiguration()).toMatchObject({ id: '5cc03284d07e7f00019404b6', require_key_approval: false, signup_fields: [], HashKeys: false });
  });

  it('reads the contract key request and leaves out the embedded developer and catalogue', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/portal/requests/5cf61bff0313b300010b89ac', method: 'GET' }).reply(200, fixture('contract-key-request.json'));
    const request = await m.client.getKeyRequest('5cf61bff0313b300010b89ac');
    expect(request).toMatchObject({ id: '5cf61bff0313b300010b89ac', approved: true, apply_policies: ['5ce4086ce845260001c1e1f5'], oauth_info: { redirect_uri: 'http://localhost' } });
    expect(JSON.stringify(request)).not.toContain('$2a$10$hash');
    expect(request).not.toHaveProperty('portal_developer');
  });

  it('reads a key request listed under `_id` (before the 2.6 rename)', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/portal/requests?p=-1', method: 'GET' }).reply(200, { Data: [{ _id: '5cf61bff0313b300010b89ac', by_user: 'x', approved: null }], Pages: 0 });
    const page = await m.client.listKeyRequests();
    expect(page.data[0]).toMatchObject({ id: '5cf61bff0313b300010b89ac', approved: false, apply_policies: [], fields: {} });
  });

  it('reads the OAS KeyData example', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/keys/41c5cb1e?hashed=1', method: 'GET' }).reply(200, fixture('contract-key-data.json'));
    const key = await m.client.getKey('41c5cb1e');
    expect(key.key_hash).toBe('41c5cb1e');
    expect(key.data).toMatchObject({ alias: 'portal-developer@example.org', quota_max: -1, quota_renews: 1715847135, access_rights: {}, meta_data: { tyk_developer_id: '62b3fb9a1d5e4f00017226f5' } });
  });

  it('reads the documented analytics answer and fills the ResultUnit fields it lacks', async () => {
    const m = mocked();
    m.dashboard
      .intercept({ path: '/api/activity/keys/aggregate/add2b342,5f1d9603,/5/8/2017/13/8/2017?p=-1&res=day', method: 'GET' })
      .reply(200, fixture('seed-002-analytics.json'));
    const rows = await m.client.getAggregateKeyUsage(['add2b342', '5f1d9603'], {
      from: new Date(Date.UTC(2017, 7, 5)),
      to: new Date(Date.UTC(2017, 7, 13)),
      resolution: 'day',
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: { day: 9, month: 8, year: 2017, code: 200, api_id: '' }, hits: 13, success: 10, error: 3, request_time: 0 });
  });

  it('fills null analytics counters, reads a null row list as none, drops unnamed row fields, refuses wrong types', async () => {
    const m = mocked();
    const path = '/api/activity/keys/41c5cb1e/1/3/2026/2/3/2026?p=-1&res=hour';
    const query = { from: new Date(Date.UTC(2026, 2, 1)), to: new Date(Date.UTC(2026, 2, 2)), resolution: 'hour' as const };
    const row = { id: { day: 1, month: 3, year: 2026, hour: null, code: null, api_id: null, key: 'k', iso_country: 'NL' }, hits: 4, success: null, error: null, last_hit: null, latency: 12.5 };
    m.dashboard.intercept({ path, method: 'GET' }).reply(200, { data: [row], pages: null });
    m.dashboard.intercept({ path, method: 'GET' }).reply(200, { data: null, pages: 0 });
    m.dashboard.intercept({ path, method: 'GET' }).reply(200, { data: [{ ...row, hits: '4' }], pages: 1 });
    expect(await m.client.getKeyUsage('41c5cb1e', query)).toEqual([
      { id: { day: 1, month: 3, year: 2026, hour: 0, code: 0, api_id: '', api_name: '', key: 'k' }, hits: 4, success: 0, error: 0, last_hit: '', request_time: 0 },
    ]);
    expect(await m.client.getKeyUsage('41c5cb1e', query)).toEqual([]);
    await expect(m.client.getKeyUsage('41c5cb1e', query)).rejects.toMatchObject({ code: 'TYK_CONTRACT_MISMATCH', message: expect.stringContaining('hits') });
  });
});

describe('issued credentials', () => {
  it('reads token, basic-auth and OAuth approval answers', () => {
    expect(TykApproval.parse({ RawKey: 'eyJvcmciOiI1ZSJ9', Password: '' })).toEqual({ kind: 'key', rawKey: 'eyJvcmciOiI1ZSJ9', password: '' });
    expect(TykApproval.parse({ RawKey: 'ffeLySpZR5', Password: 'XJSm3gZIeDdk' })).toMatchObject({ kind: 'key', password: 'XJSm3gZIeDdk' });
    expect(TykApproval.parse({ RawKey: '5e9d9544a1dcd60001d0ed20e7f75f9e' })).toMatchObject({ kind: 'key', password: '' });
    const oauth = TykApproval.parse({ client_id: '203defa5162b42708c6bcafcfa28c9fb', secret: 'YjUx', policy_id: '5a52dfce1c3b4802c10053c8', redirect_uri: 'http://new1.com,http://new2.com' });
    expect(oauth).toMatchObject({ kind: 'oauth', client: { client_id: '203defa5162b42708c6bcafcfa28c9fb' } });
  });

  it('accepts a status envelope from add-key but not from an approval, nor an empty object from either', () => {
    expect(TykIssuedCredential.parse({ Status: 'OK', Message: 'Key added', Meta: null })).toEqual({ kind: 'status', message: 'Key added' });
    expect(TykApproval.safeParse({ Status: 'OK', Message: 'Key added', Meta: null }).success).toBe(false);
    expect(TykIssuedCredential.safeParse({}).success).toBe(false);
  });
});
