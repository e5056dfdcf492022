/**
 * The client against the embedded Dashboard over real HTTP: every route, paging, org isolation and
 * the contract's error table (§1.3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedDashboard, DEMO_PASSWORD, type EmbeddedDashboard } from '../../src/dashboard/index.js';
import { closeTykPools, createTykClient } from '../../src/tyk/client.js';
import {
  TykBadRequestError,
  TykForbiddenError,
  TykNotFoundError,
  TykUnauthorisedError,
} from '../../src/tyk/errors.js';
import type { TykClient } from '../../src/tyk/types.js';

let dashboard: EmbeddedDashboard;
let tyk: TykClient;
let globex: TykClient;
let policyIds: string[];

beforeAll(async () => {
  dashboard = createEmbeddedDashboard();
  const url = await dashboard.start();
  tyk = createTykClient({ baseUrl: url, credential: dashboard.orgs[0]!.credential });
  globex = createTykClient({ baseUrl: url, credential: dashboard.orgs[1]!.credential });
  policyIds = (await tyk.listPolicies({ active: true })).data.map((p) => p._id);
});
afterAll(async () => {
  await closeTykPools();
  await dashboard.stop();
});

async function raw(path: string, init: RequestInit & { credential?: string } = {}) {
  const response = await fetch(`${dashboard.url}${path}`, {
    ...init,
    headers: { authorization: init.credential ?? dashboard.orgs[0]!.credential, ...(init.headers as Record<string, string>) },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

let n = 0;
const email = () => `roundtrip-${Date.now()}-${n++}@example.com`;

describe('developers', () => {
  it('pages by 10 and returns everything with p=-1', async () => {
    const all = await tyk.listDevelopers();
    expect(all.data).toHaveLength(250);
    const first = await tyk.listDevelopers({ page: 1 });
    const third = await tyk.listDevelopers({ page: 3 });
    expect(first.data).toHaveLength(10);
    expect(first.pages).toBe(25);
    expect(third.data.map((d) => d.id)).toEqual(all.data.slice(20, 30).map((d) => d.id));
  });

  it('creates the walkthrough’s developer, reads it by id and email, updates and deletes it', async () => {
    const id = await tyk.createDeveloper({ email: 'apidev@example.com', password: 'supersecret', fields: { Name: 'John Snow' } });
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    const byId = await tyk.getDeveloper(id);
    expect(byId).toMatchObject({ id, email: 'apidev@example.com', fields: { Name: 'John Snow' }, inactive: false });
    expect(byId).not.toHaveProperty('password');
    expect((await tyk.getDeveloperByEmail('apidev@example.com')).id).toBe(id);

    await tyk.updateDeveloper(id, { ...byId, sso_key: 'sso-123', fields: { Name: 'Jon Snow' } });
    expect((await tyk.getDeveloperBySsoKey('sso-123')).fields).toEqual({ Name: 'Jon Snow' });
    await tyk.deleteDeveloper(id);
    await expect(tyk.getDeveloper(id)).rejects.toBeInstanceOf(TykNotFoundError);
  });

  it('verifies credentials and changes a password; a short one is rejected', async () => {
    const address = email();
    const id = await tyk.createDeveloper({ email: address, password: 'first-pass' });
    expect(await tyk.verifyDeveloperCredentials(address, 'first-pass')).toBe(true);
    expect(await tyk.verifyDeveloperCredentials(address, 'wrong-pass')).toBe(false);
    await tyk.setDeveloperPassword(id, 'second-pass');
    expect(await tyk.verifyDeveloperCredentials(address, 'second-pass')).toBe(true);
    await expect(tyk.setDeveloperPassword(id, '123')).rejects.toMatchObject({ tykMessage: 'Developer password validation failed.' });
  });

  it('knows the demo developers’ password', async () => {
    const [first] = (await tyk.listDevelopers({ page: 1 })).data;
    expect(await tyk.verifyDeveloperCredentials(first!.email, DEMO_PASSWORD)).toBe(true);
  });

  it('rejects a duplicate email', async () => {
    const address = email();
    await tyk.createDeveloper({ email: address, password: 'long-enough' });
    await expect(tyk.createDeveloper({ email: address, password: 'long-enough' })).rejects.toBeInstanceOf(TykBadRequestError);
  });
});

describe('developer keys', () => {
  it('adds a key: raw key once, only its hash stored, developer maps updated', async () => {
    const id = await tyk.createDeveloper({ email: email(), password: 'long-enough', fields: { Company: 'Initech' } });
    const issued = await tyk.addDeveloperKey(id, { apply_policies: [policyIds[0]!] });
    if (issued.kind !== 'key') throw new Error('expected a key');
    const developer = await tyk.getDeveloper(id);
    const [hash] = Object.keys(developer.keys);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(developer.keys[hash!]).toEqual([policyIds[0]]);
    expect(developer.subscriptions).toEqual({ [policyIds[0]!]: hash });

    const key = await tyk.getKey(hash!);
    expect(key.data).toMatchObject({ alias: developer.email, apply_policies: [policyIds[0]], meta_data: { tyk_developer_id: id, Company: 'Initech' } });
    const stored = JSON.stringify([...dashboard.store.orgs.values()].map((o) => [...o.keys.entries()]));
    expect(stored).not.toContain(issued.rawKey);
    expect((await tyk.getKey(issued.rawKey, { hashed: false })).key_hash).toBe(hash);
  });

  it('changes policies, resets quota and revokes', async () => {
    const id = await tyk.createDeveloper({ email: email(), password: 'long-enough' });
    await tyk.addDeveloperKey(id, { apply_policies: [policyIds[0]!] });
    const [hash] = Object.keys((await tyk.getDeveloper(id)).keys);
    await tyk.changeDeveloperKeyPolicies(id, hash!, [policyIds[1]!, policyIds[2]!]);
    expect((await tyk.getDeveloper(id)).keys[hash!]).toEqual([policyIds[1], policyIds[2]]);
    expect((await tyk.getKey(hash!)).data.apply_policies).toEqual([policyIds[1], policyIds[2]]);

    const org = dashboard.store.orgs.get(dashboard.orgs[0]!.orgId)!;
    org.keys.get(hash!)!.quota_remaining = 0;
    await tyk.resetDeveloperKeyQuota(id, hash!);
    const session = (await tyk.getKey(hash!)).data;
    expect(session.quota_remaining).toBe(session.quota_max < 0 ? 0 : session.quota_max);

    await tyk.revokeDeveloperKey(id, hash!);
    expect((await tyk.getDeveloper(id)).keys).toEqual({});
    await expect(tyk.getKey(hash!)).rejects.toBeInstanceOf(TykNotFoundError);
  });

  it('creates an OAuth client for a key with oauth_info, then deletes the app', async () => {
    const id = await tyk.createDeveloper({ email: email(), password: 'long-enough' });
    const issued = await tyk.addDeveloperKey(id, { apply_policies: [policyIds[0]!], oauth_info: { redirect_uri: 'https://app.example/cb' } });
    if (issued.kind !== 'oauth') throw new Error('expected an OAuth client');
    const developer = await tyk.getDeveloper(id);
    expect(developer.oauth_clients[policyIds[0]!]![0]!.client_id).toBe(issued.client.client_id);
    await tyk.deleteDeveloperOAuthApp(issued.client.client_id);
    expect((await tyk.getDeveloper(id)).oauth_clients).toEqual({});
  });
});

describe('key requests', () => {
  it('lists by approval state, creates, reads with embeds, updates, approves once and deletes', async () => {
    const pending = await tyk.listKeyRequests({ approved: false });
    const approved = await tyk.listKeyRequests({ approved: true });
    expect(pending.data.length).toBeGreaterThan(0);
    expect(pending.data.every((r) => !r.approved) && approved.data.every((r) => r.approved)).toBe(true);

    const developerId = await tyk.createDeveloper({ email: email(), password: 'long-enough' });
    const id = await tyk.createKeyRequest({
      by_user: developerId, for_plan: policyIds[0]!, apply_policies: [policyIds[0]!], version: 'v2',
      fields: { Purpose: 'test' }, date_created: new Date().toISOString(), approved: false,
    });
    const read = await tyk.getKeyRequest(id);
    expect(read).toMatchObject({ id, by_user: developerId, approved: false, apply_policies: [policyIds[0]] });
    const embedded = await raw(`/api/portal/requests/${id}`);
    expect((embedded.body['portal_developer'] as { id: string }).id).toBe(developerId);

    await tyk.updateKeyRequest(id, { ...read, fields: { Purpose: 'changed' } });
    expect((await tyk.getKeyRequest(id)).fields).toEqual({ Purpose: 'changed' });

    const issued = await tyk.approveKeyRequest(id);
    expect(issued.kind).toBe('key');
    expect(Object.keys((await tyk.getDeveloper(developerId)).keys)).toHaveLength(1);
    await expect(tyk.approveKeyRequest(id)).rejects.toMatchObject({ tykMessage: 'Key request has already been processed.' });

    await tyk.deleteKeyRequest(id);
    await expect(tyk.getKeyRequest(id)).rejects.toBeInstanceOf(TykNotFoundError);
  });
});

describe('policies, keys, catalogue, configuration', () => {
  it('lists, searches by ids and name, and reads policies', async () => {
    const all = await tyk.listPolicies();
    expect(all.data.length).toBeGreaterThan(policyIds.length);
    const found = await tyk.searchPolicies({ policyIds: policyIds.slice(0, 3) });
    expect(found.data.map((p) => p._id).sort()).toEqual(policyIds.slice(0, 3).sort());
    const byName = await tyk.searchPolicies({ q: all.data[0]!.name.slice(0, 5) });
    expect(byName.data.map((p) => p._id)).toContain(all.data[0]!._id);
    expect((await tyk.getPolicy(policyIds[0]!))._id).toBe(policyIds[0]);
  });

  it('reads, creates and updates the catalogue and the portal configuration', async () => {
    const catalogue = await tyk.getCatalogue();
    expect(catalogue.apis.length).toBe(8);
    await tyk.updateCatalogue({ ...catalogue, apis: catalogue.apis.slice(0, 7) });
    expect((await tyk.getCatalogue()).apis).toHaveLength(7);
    const configuration = await tyk.getPortalConfiguration();
    expect(configuration.require_key_approval).toBe(true);
    await tyk.updatePortalConfiguration({ ...configuration, disable_signup: true });
    expect((await tyk.getPortalConfiguration()).disable_signup).toBe(true);

    const fresh = createEmbeddedDashboard({ demoData: false });
    const url = await fresh.start();
    try {
      fresh.store.orgs.set('org1', { ...[...dashboard.store.orgs.values()][0]!, orgId: 'org1', catalogue: null, configuration: null });
      fresh.store.credentials.set('empty-org-credential', { orgId: 'org1', readOnly: false });
      const empty = createTykClient({ baseUrl: url, credential: 'empty-org-credential' });
      await expect(empty.getCatalogue()).rejects.toBeInstanceOf(TykNotFoundError);
      expect(await empty.createCatalogue('org1')).toMatch(/^[0-9a-f]{24}$/);
      expect((await empty.getCatalogue()).apis).toEqual([]);
      expect(await empty.createPortalConfiguration({})).toMatch(/^[0-9a-f]{24}$/);
    } finally {
      await fresh.stop();
    }
  });

  it('reads usage by hour, day and month, for one key and several, filtered by API', async () => {
    const developer = (await tyk.listDevelopers()).data.find((d) => Object.keys(d.keys).length >= 2)!;
    const keys = Object.keys(developer.keys);
    const to = new Date();
    const from = new Date(to.getTime() - 6 * 86_400_000);
    const day = await tyk.getAggregateKeyUsage(keys, { from, to, resolution: 'day' });
    const perKey = await Promise.all(keys.map((k) => tyk.getKeyUsage(k, { from, to, resolution: 'day' })));
    const sum = (rows: { hits: number }[]) => rows.reduce((s, r) => s + r.hits, 0);
    expect(sum(day)).toBe(perKey.reduce((s, rows) => s + sum(rows), 0));
    expect(day.length).toBeLessThanOrEqual(7);
    const hour = await tyk.getKeyUsage(keys[0]!, { from, to, resolution: 'hour' });
    expect(sum(hour)).toBe(sum(perKey[0]!));
    const month = await tyk.getKeyUsage(keys[0]!, { from, to, resolution: 'month' });
    expect(sum(month)).toBe(sum(perKey[0]!));
    const session = (await tyk.getKey(keys[0]!)).data;
    const apiId = Object.keys(session.access_rights)[0]!;
    const filtered = await tyk.getKeyUsage(keys[0]!, { from, to, resolution: 'day', apiId });
    expect(sum(filtered)).toBeLessThanOrEqual(sum(perKey[0]!));
    expect(await tyk.getKeyUsage(keys[0]!, { from, to, resolution: 'day', apiId: 'ffffffffffffffffffffffffffffffff' })).toEqual([]);
  });

  it('lists, reads and revokes the tokens of Dashboard OAuth clients, and deletes one', async () => {
    const developer = (await tyk.listDevelopers()).data.find((d) => Object.keys(d.oauth_clients).length > 0)!;
    const [policyId, [client]] = Object.entries(developer.oauth_clients)[0]! as [string, { client_id: string; secret: string }[]];
    const apiId = Object.keys((await tyk.getPolicy(policyId)).access_rights)[0]!;
    expect((await tyk.listOAuthClients(apiId)).map((c) => c.client_id)).toContain(client!.client_id);
    expect((await tyk.getOAuthClient(apiId, client!.client_id)).policy_id).toBe(policyId);
    const tokens = await tyk.listOAuthClientTokens(apiId, client!.client_id);
    expect(tokens.length).toBeGreaterThan(1);
    await tyk.revokeOAuthToken(client!.client_id, tokens[0]!.code, 'access_token');
    expect(await tyk.listOAuthClientTokens(apiId, client!.client_id)).toHaveLength(tokens.length - 1);
    await tyk.revokeAllOAuthTokens(client!.client_id, client!.secret);
    expect(await tyk.listOAuthClientTokens(apiId, client!.client_id)).toEqual([]);
    await expect(tyk.revokeAllOAuthTokens(client!.client_id, 'wrong-secret')).rejects.toBeInstanceOf(TykForbiddenError);
    await tyk.deleteOAuthClient(apiId, client!.client_id);
    await expect(tyk.getOAuthClient(apiId, client!.client_id)).rejects.toBeInstanceOf(TykNotFoundError);
  });
});

describe('organisations and the error table', () => {
  it('shows nothing of one organisation to another', async () => {
    const acme = (await tyk.listDevelopers()).data;
    const other = (await globex.listDevelopers()).data;
    expect(other.length).toBe(30);
    expect(other.some((d) => acme.some((a) => a.id === d.id))).toBe(false);
    await expect(globex.getDeveloper(acme[0]!.id)).rejects.toBeInstanceOf(TykNotFoundError);
    const hash = Object.keys(acme.find((d) => Object.keys(d.keys).length > 0)!.keys)[0]!;
    await expect(globex.getKey(hash)).rejects.toMatchObject({ tykMessage: 'Attempted access to non-owned key.' });
  });

  it('answers 401 Not authorised to a wrong credential', async () => {
    const stranger = createTykClient({ baseUrl: dashboard.url, credential: 'nope' });
    await expect(stranger.listDevelopers()).rejects.toBeInstanceOf(TykUnauthorisedError);
    expect(await raw('/api/portal/developers', { credential: 'nope' })).toEqual({ status: 401, body: { Status: 'Error', Message: 'Not authorised', Meta: null } });
  });

  it('answers 403 access denied to a read-only user’s write', async () => {
    const readOnly = createTykClient({ baseUrl: dashboard.url, credential: dashboard.orgs[0]!.readOnlyCredential });
    expect((await readOnly.listDevelopers({ page: 1 })).data).toHaveLength(10);
    await expect(readOnly.createDeveloper({ email: email(), password: 'long-enough' })).rejects.toBeInstanceOf(TykForbiddenError);
    const denied = await raw('/api/portal/policies', { method: 'POST', body: '{}', credential: dashboard.orgs[0]!.readOnlyCredential });
    expect(denied).toEqual({ status: 403, body: { Status: 'Error', Message: 'access denied: You do not have permission to access  /api/portal/policies', Meta: null } });
  });

  it('answers 403 to a malformed body, 400 to a bad id, 404 to a missing object, 400 to a duplicate name', async () => {
    expect(await raw('/api/portal/developers', { method: 'POST', body: '{"email": ' })).toEqual({ status: 403, body: { Status: 'Error', Message: 'Request body malformed.', Meta: null } });
    expect(await raw('/api/portal/policies/not-hex')).toEqual({ status: 400, body: { Status: 'Error', Message: 'Invalid policy ID.', Meta: null } });
    expect(await raw('/api/portal/policies/aaaaaaaaaaaaaaaaaaaaaaaa')).toEqual({ status: 404, body: { Status: 'Error', Message: 'Could not retrieve portal object.', Meta: null } });
    expect(await raw('/api/portal/policies/aaaaaaaaaaaaaaaaaaaaaaaa', { method: 'DELETE' })).toEqual({ status: 404, body: { Status: 'Error', Message: 'Could not retrieve object for deletion', Meta: null } });
    expect(await raw('/api/keys/0000000000000000?hashed=1')).toEqual({ status: 404, body: { Status: 'Error', Message: 'Could not retrieve key detail.', Meta: null } });
    const name = (await tyk.getPolicy(policyIds[0]!)).name;
    const duplicate = await raw('/api/portal/policies', { method: 'POST', body: JSON.stringify({ name }) });
    expect(duplicate).toEqual({ status: 400, body: { Status: 'Error', Message: 'This policy name has already been used. Enter a unique policy name.', Meta: null } });
    expect((await raw('/api/portal/policies/search?policy_ids=xyz')).body['Message']).toBe('Policy ID is not in hex format.');
  });
});
