/**
 * A developer's keys (contract §3) and key sessions (§6): issuing a key stores only its hash,
 * couples the developer's maps to the session, and hands the raw key back once; change, revoke and
 * reset act on both; sessions are read by hash or raw key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashKey, hashOfKey, keyHashAlgorithm, murmur128, murmur32, murmur64 } from '../../src/dashboard/hash.js';
import { issueKey } from '../../src/dashboard/key-issuer.js';
import type { DashboardEvent } from '../../src/dashboard/index.js';
import type { DeveloperRecord, PolicyRecord } from '../../src/dashboard/store.js';
import { envelope, startDashboard, type Harness } from './support.js';

let h: Harness;
const NOW = new Date('2026-03-10T12:00:00.000Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);
beforeAll(async () => {
  h = await startDashboard({ now: () => NOW });
});
afterAll(() => h.stop());

const policies = () => [...h.acmeStore().policies.values()];
const tokenPolicies = () => policies().filter((p) => p.auth_type !== 'oauth' && p.active);
const policyWith = (test: (p: PolicyRecord) => boolean) => tokenPolicies().find(test)!;

async function freshDeveloper(email: string, fields: Record<string, string> = {}): Promise<DeveloperRecord> {
  const created = await h.call('/api/portal/developers', { method: 'POST', body: { email, password: 'long-enough', fields } });
  return h.acmeStore().developers.get(created.body.Message)!;
}

async function addKey(developerId: string, body: Record<string, unknown>) {
  return h.call(`/api/portal/developers/${developerId}/keys`, { method: 'POST', body });
}

describe('adding a key to a developer', () => {
  it('answers {RawKey, Password:""} with a base64 {"org","id","h"} key, and stores only its murmur64 hash', async () => {
    const developer = await freshDeveloper('adds-key@example.com');
    const policy = policyWith((p) => p.quota_max > 0);
    const answer = await addKey(developer.id, { apply_policies: [policy._id] });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ RawKey: expect.any(String), Password: '' });
    const rawKey: string = answer.body.RawKey;
    expect(JSON.parse(Buffer.from(rawKey, 'base64').toString('utf8'))).toEqual({ org: h.acme.orgId, id: expect.stringMatching(/^[0-9a-f]{32}$/), h: 'murmur64' });

    const hash = murmur64(rawKey);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect([...h.acmeStore().keys.keys()]).toContain(hash);
    expect(JSON.stringify([...h.dashboard.store.orgs.values()].map((o) => [...o.keys.entries()]))).not.toContain(rawKey);
    const served = (await h.call(`/api/portal/developers/${developer.id}`)).body;
    expect(served.keys).toEqual({ [hash]: [policy._id] });
    expect(served.subscriptions).toEqual({ [policy._id]: hash });
    expect(JSON.stringify(served)).not.toContain(rawKey);
  });

  it('builds the session from the policy: limits, expiry, access rights, alias and developer meta_data', async () => {
    const policy = policyWith((p) => p.key_expires_in > 0 && p.quota_max > 0);
    const developer = await freshDeveloper('session@example.com', { Name: 'Sess Ion', Company: 'Initech' });
    const answer = await addKey(developer.id, { apply_policies: [policy._id], fields: { purpose: 'testing' } });
    const keyData = (await h.call(`/api/keys/${murmur64(answer.body.RawKey)}?hashed=1`)).body;
    expect(keyData).toMatchObject({ key_id: '', key_hash: murmur64(answer.body.RawKey), api_model: {} });
    expect(keyData.data).toMatchObject({
      org_id: h.acme.orgId,
      alias: 'session@example.com',
      rate: policy.rate,
      per: policy.per,
      quota_max: policy.quota_max,
      quota_remaining: policy.quota_max,
      quota_renewal_rate: policy.quota_renewal_rate,
      quota_renews: nowSeconds + policy.quota_renewal_rate,
      expires: nowSeconds + policy.key_expires_in,
      apply_policies: [policy._id],
      access_rights: policy.access_rights,
      is_inactive: false,
      meta_data: { Company: 'Initech', purpose: 'testing', tyk_developer_id: developer.id, tyk_developer_email: 'session@example.com' },
    });
    // Only the fields the portal's sign-up form lists (Acme's: Company) are inherited, per Tyk's
    // custom-portal walkthrough; this test expected Name too before.
    expect(keyData.data.meta_data).not.toHaveProperty('Name');
  });

  it('merges the access rights of several policies into one key and lists them all on the developer', async () => {
    const [a, b] = tokenPolicies().filter((p, i, all) => all.findIndex((q) => Object.keys(q.access_rights)[0] === Object.keys(p.access_rights)[0]) === i);
    const developer = await freshDeveloper('two-policies@example.com');
    const answer = await addKey(developer.id, { apply_policies: [a!._id, b!._id] });
    const hash = murmur64(answer.body.RawKey);
    const session = h.acmeStore().keys.get(hash)!;
    expect(Object.keys(session.access_rights).sort()).toEqual([...new Set([...Object.keys(a!.access_rights), ...Object.keys(b!.access_rights)])].sort());
    expect(developer.keys[hash]).toEqual([a!._id, b!._id]);
    expect(developer.subscriptions).toEqual({ [a!._id]: hash, [b!._id]: hash });
  });

  it('issues an OAuth client instead of a key when oauth_info is sent, recorded on the developer and the API', async () => {
    const oauth = policies().find((p) => p.auth_type === 'oauth')!;
    const developer = await freshDeveloper('oauth-app@example.com');
    const keysBefore = h.acmeStore().keys.size;
    const answer = await addKey(developer.id, { apply_policies: [oauth._id], oauth_info: { redirect_uri: 'http://a.example/cb,http://b.example/cb' }, fields: { oauth_app_description: 'My App' } });
    expect(answer.body).toMatchObject({ client_id: expect.stringMatching(/^[0-9a-f]{32}$/), secret: expect.any(String), policy_id: oauth._id, redirect_uri: 'http://a.example/cb,http://b.example/cb' });
    expect(h.acmeStore().keys.size).toBe(keysBefore);
    const served = (await h.call(`/api/portal/developers/${developer.id}`)).body;
    expect(served.oauth_clients[oauth._id]).toEqual([expect.objectContaining({ client_id: answer.body.client_id, app_description: 'My App', redirect_uri: 'http://a.example/cb,http://b.example/cb' })]);
    const apiId = Object.keys(oauth.access_rights)[0]!;
    const apps = (await h.call(`/api/apis/oauth/${apiId}`)).body.apps;
    expect(apps.map((c: { client_id: string }) => c.client_id)).toContain(answer.body.client_id);
  });

  it('accepts the deprecated /subscriptions form with a single policy_id', async () => {
    const developer = await freshDeveloper('subscriber@example.com');
    const policy = tokenPolicies()[0]!;
    const answer = await h.call(`/api/portal/developers/${developer.id}/subscriptions`, { method: 'POST', body: { policy_id: policy._id } });
    expect(answer.body.RawKey).toEqual(expect.any(String));
    expect(developer.subscriptions[policy._id]).toBe(murmur64(answer.body.RawKey));
  });

  it('refuses an unknown or missing policy (400) and an unknown developer (404)', async () => {
    const developer = await freshDeveloper('no-policy@example.com');
    expect((await addKey(developer.id, { apply_policies: ['aaaaaaaaaaaaaaaaaaaaaaaa'] })).status).toBe(400);
    expect((await addKey(developer.id, {})).status).toBe(400);
    const globexPolicy = [...h.dashboard.store.orgs.get(h.globex.orgId)!.policies.values()][0]!;
    expect((await addKey(developer.id, { apply_policies: [globexPolicy._id] })).status).toBe(400);
    expect(developer.keys).toEqual({});
    expect((await addKey('aaaaaaaaaaaaaaaaaaaaaaaa', { apply_policies: [tokenPolicies()[0]!._id] })).status).toBe(404);
  });
});

describe('reading key sessions', () => {
  it('reads a session by hash (hashed=1), by raw key, and through /api/apis/{apiId}/keys with any API id', async () => {
    const developer = await freshDeveloper('reader@example.com');
    const answer = await addKey(developer.id, { apply_policies: [tokenPolicies()[1]!._id] });
    const rawKey: string = answer.body.RawKey;
    const hash = murmur64(rawKey);
    const byHash = await h.call(`/api/keys/${hash}?hashed=1`);
    const byRaw = await h.call(`/api/keys/${encodeURIComponent(rawKey)}`);
    const viaApi = await h.call(`/api/apis/any-api-id/keys/${hash}?hashed=true`);
    expect(byRaw.body).toMatchObject({ key_id: rawKey, key_hash: hash });
    expect(byRaw.body.data).toEqual(byHash.body.data);
    expect(viaApi.body.data).toEqual(byHash.body.data);
  });

  it('answers 404 Could not retrieve key detail. for a key nobody issued, hashed or raw', async () => {
    const missing = await h.call('/api/keys/0123456789abcdef?hashed=1');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(envelope('Error', 'Could not retrieve key detail.'));
    expect((await h.call('/api/keys/not-a-real-raw-key')).status).toBe(404);
  });

  it('treats an empty hashed= as a raw key lookup', async () => {
    const hash = Object.keys(h.developerWithKeys().keys)[0]!;
    expect((await h.call(`/api/keys/${hash}?hashed=`)).status).toBe(404);
    expect((await h.call(`/api/keys/${hash}?hashed=1`)).status).toBe(200);
  });
});

describe('writing key sessions', () => {
  it('updates a session by raw key and answers KeyData; suppress_reset=1 keeps the quota counters', async () => {
    const developer = await freshDeveloper('updater@example.com');
    const rawKey: string = (await addKey(developer.id, { apply_policies: [policyWith((p) => p.quota_max > 0)._id] })).body.RawKey;
    const session = h.acmeStore().keys.get(murmur64(rawKey))!;
    session.quota_remaining = 7;
    const kept = await h.call(`/api/keys/${encodeURIComponent(rawKey)}?suppress_reset=1`, { method: 'PUT', body: { ...session, is_inactive: true, quota_remaining: 999 } });
    expect(kept.status).toBe(200);
    expect(kept.body.data).toMatchObject({ is_inactive: true, quota_remaining: 7 });
    const reset = await h.call(`/api/keys/${encodeURIComponent(rawKey)}`, { method: 'PUT', body: { ...session, quota_remaining: 999, org_id: h.globex.orgId } });
    expect(reset.body.data).toMatchObject({ quota_remaining: 999, org_id: h.acme.orgId });
  });

  it('refuses to update or delete by hash (Tyk leaves enable_*_key_by_hash off), and deletes by raw key', async () => {
    const developer = await freshDeveloper('deleter@example.com');
    const rawKey: string = (await addKey(developer.id, { apply_policies: [tokenPolicies()[0]!._id] })).body.RawKey;
    const hash = murmur64(rawKey);
    expect((await h.call(`/api/keys/${hash}?hashed=1`, { method: 'PUT', body: {} })).status).toBe(400);
    expect((await h.call(`/api/keys/${hash}?hashed=1`, { method: 'DELETE' })).status).toBe(400);
    expect(h.acmeStore().keys.has(hash)).toBe(true);

    const deleted = await h.call(`/api/keys/${encodeURIComponent(rawKey)}`, { method: 'DELETE' });
    expect(deleted.body).toEqual(envelope('OK', 'Key deleted successfully.'));
    expect(h.acmeStore().keys.has(hash)).toBe(false);
    expect(developer.keys).toEqual({});
    expect(developer.subscriptions).toEqual({});
  });

  it('deletes by hash when the Dashboard is configured to allow it', async () => {
    const permissive = await startDashboard({ enableDeleteKeyByHash: true, enableUpdateKeyByHash: true });
    try {
      const developer = permissive.developerWithKeys();
      const hash = Object.keys(developer.keys)[0]!;
      expect((await permissive.call(`/api/keys/${hash}?hashed=1`, { method: 'PUT', body: { is_inactive: true } })).body.data.is_inactive).toBe(true);
      expect((await permissive.call(`/api/keys/${hash}?hashed=1`, { method: 'DELETE' })).status).toBe(200);
      expect(permissive.acmeStore().keys.has(hash)).toBe(false);
      expect(hash in developer.keys).toBe(false);
    } finally {
      await permissive.stop();
    }
  });
});

describe('changing, revoking and resetting a developer key', () => {
  it('replaces the key policies: session limits and developer maps follow', async () => {
    const developer = await freshDeveloper('changer@example.com');
    const [from, to] = [policyWith((p) => p.rate === 10), policyWith((p) => p.rate === 500)];
    const hash = murmur64((await addKey(developer.id, { apply_policies: [from._id] })).body.RawKey);
    const events: DashboardEvent[] = [];
    const off = h.dashboard.onEvent((e) => events.push(e));
    const changed = await h.call(`/api/portal/developers/${developer.id}/keys/${hash}`, { method: 'PUT', body: { apply_policies: [to._id] } });
    off();
    expect(changed.body).toEqual(envelope('OK', 'Data updated'));
    expect(developer.keys).toEqual({ [hash]: [to._id] });
    expect(developer.subscriptions).toEqual({ [to._id]: hash });
    expect(h.acmeStore().keys.get(hash)).toMatchObject({ apply_policies: [to._id], rate: to.rate, access_rights: to.access_rights });
    expect(events).toEqual([expect.objectContaining({ event: 'key_event.updated', data: expect.objectContaining({ key_id: hash, apply_policies: [to._id] }) })]);
  });

  it('revokes a key: gone from keys, subscriptions and the key store, and a second revoke is 404', async () => {
    const developer = await freshDeveloper('revoker@example.com');
    const [keep, drop] = tokenPolicies();
    const kept = murmur64((await addKey(developer.id, { apply_policies: [keep!._id] })).body.RawKey);
    const dropped = murmur64((await addKey(developer.id, { apply_policies: [drop!._id] })).body.RawKey);
    const revoked = await h.call(`/api/portal/developers/${developer.id}/keys/${dropped}`, { method: 'DELETE' });
    expect(revoked.body).toEqual(envelope('OK', 'Data deleted'));
    expect(developer.keys).toEqual({ [kept]: [keep!._id] });
    expect(developer.subscriptions).toEqual({ [keep!._id]: kept });
    expect((await h.call(`/api/keys/${dropped}?hashed=1`)).status).toBe(404);
    const again = await h.call(`/api/portal/developers/${developer.id}/keys/${dropped}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(again.body.Message).toBe('Could not retrieve key detail.');
  });

  it("refuses to act on another developer's key of the same org (404)", async () => {
    const owner = h.developerWithKeys();
    const other = await freshDeveloper('not-the-owner@example.com');
    const hash = Object.keys(owner.keys)[0]!;
    expect((await h.call(`/api/portal/developers/${other.id}/keys/${hash}`, { method: 'DELETE' })).status).toBe(404);
    expect(h.acmeStore().keys.has(hash)).toBe(true);
  });

  it('resets the quota: quota_remaining back to quota_max, quota_renews = now + renewal rate', async () => {
    const developer = await freshDeveloper('reset@example.com');
    const policy = policyWith((p) => p.quota_max > 0 && p.quota_renewal_rate > 0);
    const hash = murmur64((await addKey(developer.id, { apply_policies: [policy._id] })).body.RawKey);
    const session = h.acmeStore().keys.get(hash)!;
    session.quota_remaining = 3;
    session.quota_renews = 1;
    const reset = await h.call(`/api/portal/developers/${developer.id}/keys/${hash}/reset_quota`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(reset.body.Status).toBe('OK');
    expect(session.quota_remaining).toBe(policy.quota_max);
    expect(session.quota_renews).toBe(nowSeconds + policy.quota_renewal_rate);
  });

  it('deletes a developer OAuth app from the developer and from the API client list', async () => {
    const developer = [...h.acmeStore().developers.values()].find((d) => Object.keys(d.oauth_clients).length > 0)!;
    const [policyId, clients] = Object.entries(developer.oauth_clients)[0]!;
    const clientId = clients[0]!.client_id;
    const deleted = await h.call(`/api/portal/developers/oauth/${clientId}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(developer.oauth_clients[policyId] ?? []).toEqual([]);
    expect([...h.acmeStore().oauthClients.values()].flat().some((c) => c.client_id === clientId)).toBe(false);
    expect((await h.call(`/api/portal/developers/oauth/${clientId}`, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('hash functions', () => {
  it('hashes each key with the algorithm it names, as Tyk’s storage/hash.go does: h in a base64 JSON key, murmur32 for anything else', () => {
    const named = (h: string) => Buffer.from(JSON.stringify({ org: h.length, id: 'f'.repeat(32), h })).toString('base64');
    expect(keyHashAlgorithm(named('murmur64'))).toBe('murmur64');
    expect(keyHashAlgorithm(named('sha256'))).toBe('sha256');
    expect(keyHashAlgorithm(named('murmur128'))).toBe('murmur128');
    expect(keyHashAlgorithm(named('no-such-hash'))).toBe('murmur32');
    expect(keyHashAlgorithm(`5e9d9544a1dcd60001d0ed20${'ab'.repeat(16)}`)).toBe('murmur32');
    expect(keyHashAlgorithm('eyNotBase64!')).toBe('murmur32');
    // Published MurmurHash3 x64-128 vector; sha256 is hex, murmur32 8 hex.
    expect(murmur128('The quick brown fox jumps over the lazy dog')).toBe('e34bbc7bbc071b6c7a433ca9c49a9347');
    expect(hashOfKey(named('sha256'))).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOfKey(`5e9d9544a1dcd60001d0ed20${'ab'.repeat(16)}`)).toBe(murmur32(`5e9d9544a1dcd60001d0ed20${'ab'.repeat(16)}`));
  });

  it('finds a legacy org-prefixed key by its murmur32 hash on a murmur64 Dashboard, and auto_guess reads a hash', async () => {
    const developer = h.developerWithKeys();
    const policy = [...h.acmeStore().policies.values()].find((p) => p.auth_type !== 'oauth' && p.active)!;
    const legacy = `${h.acme.orgId}${'cd'.repeat(16)}`;
    const issued = issueKey(h.dashboard.store, h.acmeStore(), developer, [policy], { rawKey: legacy });
    expect(issued.kind === 'key' && issued.hash).toBe(murmur32(legacy));
    const byRaw = await h.call(`/api/keys/${legacy}`);
    expect(byRaw.status).toBe(200);
    expect(byRaw.body.key_hash).toBe(murmur32(legacy));
    expect((await h.call(`/api/keys/${murmur32(legacy)}?auto_guess=true`)).body.key_hash).toBe(murmur32(legacy));
    expect((await h.call(`/api/keys/${murmur32(legacy)}`)).status).toBe(404);
  });

  it('uses 8-character murmur32 hashes when configured, and the raw key names it', async () => {
    const d32 = await startDashboard({ hashFunction: 'murmur32', demoData: true });
    try {
      const developer = d32.developerWithKeys();
      const policy = [...d32.acmeStore().policies.values()].find((p) => p.auth_type !== 'oauth' && p.active)!;
      const rawKey: string = (await d32.call(`/api/portal/developers/${developer.id}/keys`, { method: 'POST', body: { apply_policies: [policy._id] } })).body.RawKey;
      expect(JSON.parse(Buffer.from(rawKey, 'base64').toString()).h).toBe('murmur32');
      const hash = hashKey(rawKey, 'murmur32');
      expect(hash).toMatch(/^[0-9a-f]{8}$/);
      expect(developer.keys[hash]).toEqual([policy._id]);
      expect((await d32.call(`/api/keys/${hash}?hashed=1`)).status).toBe(200);
    } finally {
      await d32.stop();
    }
  });
});
