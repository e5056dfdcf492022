/**
 * The per-org catalogue, portal configuration and documentation (contract §7), and the
 * Dashboard's OAuth clients per API (§9).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelope, startDashboard, type Harness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startDashboard();
});
afterAll(() => h.stop());

describe('catalogue', () => {
  it('serves the single catalogue object (with or without a trailing slash), its entries keyed by policy_id', async () => {
    const answer = await h.call('/api/portal/catalogue');
    const slashed = await h.call('/api/portal/catalogue/');
    expect(slashed.body).toEqual(answer.body);
    expect(answer.body).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{24}$/), org_id: h.acme.orgId, apis: expect.any(Array) });
    const entries = answer.body.apis as { policy_id: string; show: boolean; version: string }[];
    expect(entries.length).toBeGreaterThanOrEqual(8);
    expect(entries.some((e) => !e.show)).toBe(true);
    for (const entry of entries) {
      expect(h.acmeStore().policies.has(entry.policy_id)).toBe(true);
      expect(entry.version).toBe('v2');
    }
  });

  it('replaces the catalogue on PUT as tyk-demo does (GET, append, PUT back)', async () => {
    const catalogue = (await h.call('/api/portal/catalogue')).body;
    const policy = [...h.acmeStore().policies.values()].at(-1)!;
    const entry = { name: 'Added API', short_description: '', long_description: '', show: true, api_id: '', policy_id: policy._id, documentation: '', version: 'v2' };
    const updated = await h.call('/api/portal/catalogue/', { method: 'PUT', body: { ...catalogue, apis: [...catalogue.apis, entry] } });
    expect(updated.body).toEqual(envelope('OK', 'Data updated'));
    const after = (await h.call('/api/portal/catalogue')).body;
    expect(after.id).toBe(catalogue.id);
    expect(after.apis).toHaveLength(catalogue.apis.length + 1);
    expect(after.apis.at(-1)).toMatchObject(entry);
  });

  it('creates a catalogue for an org that has none, answering its id', async () => {
    const empty = await startDashboard({ demoData: false });
    try {
      expect(empty.dashboard.orgs).toEqual([]);
      empty.dashboard.addOrg({ orgId: '5e9d9544a1dcd60001d0ed99', name: 'Empty', credential: 'empty-credential' });
      expect((await empty.call('/api/portal/catalogue', { credential: 'empty-credential' })).status).toBe(404);
      const created = await empty.call('/api/portal/catalogue', { method: 'POST', credential: 'empty-credential', body: { org_id: '5e9d9544a1dcd60001d0ed99' } });
      expect(created.body.Message).toMatch(/^[0-9a-f]{24}$/);
      expect((await empty.call('/api/portal/catalogue', { credential: 'empty-credential' })).body).toMatchObject({ id: created.body.Message, apis: [] });
    } finally {
      await empty.stop();
    }
  });

  it('refuses a POST when the org already has a catalogue or configuration (400), changing nothing', async () => {
    // Real clients POST only after a GET 404 (tyk-operator, tyk-demo); replacing here used to empty
    // Acme's catalogue silently.
    const catalogue = (await h.call('/api/portal/catalogue')).body;
    const configuration = (await h.call('/api/portal/configuration')).body;
    const again = await h.call('/api/portal/catalogue', { method: 'POST', body: { org_id: h.acme.orgId } });
    expect(again.status).toBe(400);
    expect(again.body).toEqual(envelope('Error', 'A catalogue already exists for this organisation; update it with PUT.'));
    const configAgain = await h.call('/api/portal/configuration', { method: 'POST', body: {} });
    expect(configAgain.status).toBe(400);
    expect(configAgain.body.Status).toBe('Error');
    expect((await h.call('/api/portal/catalogue')).body).toEqual(catalogue);
    expect((await h.call('/api/portal/configuration')).body).toEqual(configuration);
  });

  it('gives each org its own catalogue', async () => {
    const acme = (await h.call('/api/portal/catalogue')).body;
    const globex = (await h.call('/api/portal/catalogue', { credential: h.globex.credential })).body;
    expect(globex.id).not.toBe(acme.id);
    expect(globex.org_id).toBe(h.globex.orgId);
  });
});

describe('portal configuration', () => {
  it('serves the PortalConfig with require_key_approval true for Acme and false for Globex', async () => {
    const acme = (await h.call('/api/portal/configuration')).body;
    expect(acme).toMatchObject({ org_id: h.acme.orgId, require_key_approval: true, signup_fields: expect.any(Array), key_request_fields: expect.any(Array) });
    expect((await h.call('/api/portal/configuration', { credential: h.globex.credential })).body.require_key_approval).toBe(false);
  });

  it('updates the configuration on PUT and keeps its id', async () => {
    const before = (await h.call('/api/portal/configuration')).body;
    expect((await h.call('/api/portal/configuration', { method: 'PUT', body: { ...before, require_key_approval: false } })).body).toEqual(envelope('OK', 'Data updated'));
    const after = (await h.call('/api/portal/configuration/')).body;
    expect(after).toMatchObject({ id: before.id, require_key_approval: false });
    await h.call('/api/portal/configuration', { method: 'PUT', body: before });
  });

  it('creates a configuration from an empty body (tyk-demo sends {} on a new org) and answers its id', async () => {
    // tyk-demo's initialise_portal posts {} for an organisation it has just created: one with no
    // configuration yet (a second POST is refused, see "refuses a second create" below).
    const empty = await startDashboard({ demoData: false });
    try {
      empty.dashboard.addOrg({ orgId: '5e9d9544a1dcd60001d0ed98', name: 'Fresh', credential: 'fresh-credential' });
      const created = await empty.call('/api/portal/configuration', { method: 'POST', credential: 'fresh-credential', body: {} });
      expect(created.body).toEqual(envelope('OK', created.body.Message));
      expect((await empty.call('/api/portal/configuration', { credential: 'fresh-credential' })).body).toMatchObject({ id: created.body.Message, org_id: '5e9d9544a1dcd60001d0ed98' });
    } finally {
      await empty.stop();
    }
  });
});

describe('documentation', () => {
  it('stores documentation and deletes it by id', async () => {
    const created = await h.call('/api/portal/documentation', { method: 'POST', body: { api_id: '', doc_type: 'swagger', documentation: Buffer.from('{"openapi":"3.0.0"}').toString('base64') } });
    const id = created.body.Message;
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(h.acmeStore().documentation.get(id)).toMatchObject({ doc_type: 'swagger' });
    expect((await h.call(`/api/portal/documentation/${id}`, { method: 'DELETE' })).body).toEqual(envelope('OK', 'Data deleted'));
    expect(h.acmeStore().documentation.has(id)).toBe(false);
  });
});

describe('OAuth clients per API', () => {
  const demoApi = () => [...h.acmeStore().oauthClients.entries()].find(([, clients]) => clients.length > 0)!;

  it('lists an API’s clients as {apps, pages} without their tokens', async () => {
    const [apiId, clients] = demoApi();
    const answer = await h.call(`/api/apis/oauth/${apiId}`);
    expect(answer.body.pages).toBe(0);
    expect(answer.body.apps.map((c: { client_id: string }) => c.client_id)).toEqual(clients.map((c) => c.client_id));
    expect(answer.body.apps[0]).toMatchObject({ client_id: expect.any(String), secret: expect.any(String), redirect_uri: expect.any(String), policy_id: expect.any(String), meta_data: { user_id: expect.any(String) } });
    expect(answer.body.apps[0]).not.toHaveProperty('tokens');
  });

  it('answers 400 API Reference not found. for an API the organisation does not have (Tyk’s OpenAPI file)', async () => {
    const notFound = envelope('Error', 'API Reference not found.');
    for (const [method, path] of [['GET', '/api/apis/oauth/no-such-api'], ['POST', '/api/apis/oauth/no-such-api'], ['GET', '/api/apis/oauth/no-such-api/c1'], ['DELETE', '/api/apis/oauth/no-such-api/c1'], ['GET', '/api/apis/oauth/no-such-api/c1/tokens']] as const) {
      const answer = await h.call(path, { method, ...(method === 'POST' ? { body: { redirect_uri: 'http://cb.example' } } : {}) });
      expect(answer.status, `${method} ${path}`).toBe(400);
      expect(answer.body, `${method} ${path}`).toEqual(notFound);
    }
  });

  it('creates, reads and deletes a client with a generated 32-hex id and a secret that is base64 of a UUID', async () => {
    // Was created for an API id no policy grants ('api-under-test'); Tyk's OpenAPI file answers that 400.
    const [apiId] = demoApi();
    const created = await h.call(`/api/apis/oauth/${apiId}`, { method: 'POST', body: { redirect_uri: 'http://cb.example', policy_id: 'aaaaaaaaaaaaaaaaaaaaaaaa', description: 'CLI', meta_data: { user_id: 'u1' } } });
    expect(created.body).toMatchObject({ client_id: expect.stringMatching(/^[0-9a-f]{32}$/), redirect_uri: 'http://cb.example', description: 'CLI', client_name: '', dcr_registration: { access_token: '', client_uri: '', provider: '' } });
    expect(Buffer.from(created.body.secret, 'base64').toString()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const clientId = created.body.client_id;
    expect((await h.call(`/api/apis/oauth/${apiId}/${clientId}`)).body).toEqual(created.body);
    expect((await h.call(`/api/apis/oauth/${apiId}/${clientId}`, { method: 'DELETE' })).body).toEqual(envelope('OK', 'OAuth client deleted successfully.'));
    expect((await h.call(`/api/apis/oauth/${apiId}/${clientId}`)).status).toBe(404);
    expect((await h.call(`/api/apis/oauth/${apiId}/${clientId}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('keeps and echoes a client_id and secret the caller supplies (tyk-demo’s Postman test asserts both)', async () => {
    const [apiId] = demoApi();
    const sent = { client_id: '6f1e2b0c-5d7a-4c1e-9b3f-2a4d6c8e0f12', api_id: apiId, policy_id: 'bbbbbbbbbbbbbbbbbbbbbbbb', secret: 'q8Kz2LmN4pR7tVx', redirect_uri: 'https://cb.example/oauth' };
    const created = await h.call(`/api/apis/oauth/${apiId}`, { method: 'POST', body: sent });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ client_id: sent.client_id, secret: sent.secret, policy_id: sent.policy_id, redirect_uri: sent.redirect_uri });
    expect((await h.call(`/api/apis/oauth/${apiId}`)).body.apps.find((app: { client_id: string }) => app.client_id === sent.client_id)).toMatchObject({ secret: sent.secret });
    // The same id again is refused rather than replacing the first client.
    expect((await h.call(`/api/apis/oauth/${apiId}`, { method: 'POST', body: { ...sent, secret: 'other' } })).status).toBe(400);
    expect((await h.call(`/api/apis/oauth/${apiId}/${sent.client_id}`)).body.secret).toBe(sent.secret);
  });

  it('lists a client’s tokens, revokes one, then all of them with the client secret', async () => {
    const [apiId, clients] = demoApi();
    const client = clients[0]!;
    const tokens = (await h.call(`/api/apis/oauth/${apiId}/${client.client_id}/tokens`)).body;
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toEqual({ code: expect.any(String), expires: expect.any(Number) });

    const revoked = await h.call(`/api/apis/oauth/${client.client_id}/revoke`, { method: 'POST', body: { token: tokens[0].code, token_type_hint: 'access_token' } });
    expect(revoked.body).toEqual(envelope('OK', 'token revoked successfully'));
    expect((await h.call(`/api/apis/oauth/${apiId}/${client.client_id}/tokens`)).body).toEqual([tokens[1]]);

    expect((await h.call(`/api/apis/oauth/${client.client_id}/revoke_all`, { method: 'POST', body: { client_secret: 'wrong' } })).status).toBe(403);
    const all = await h.call(`/api/apis/oauth/${client.client_id}/revoke_all`, { method: 'POST', body: { client_secret: client.secret } });
    expect(all.body).toEqual(envelope('OK', 'tokens revoked successfully'));
    expect((await h.call(`/api/apis/oauth/${apiId}/${client.client_id}/tokens`)).body).toEqual([]);
  });

  it('keeps org B from seeing org A’s clients', async () => {
    const [apiId, clients] = demoApi();
    // Org B has no such API: Tyk answers 400 API Reference not found. (it was [] and 404 before).
    expect((await h.call(`/api/apis/oauth/${apiId}`, { credential: h.globex.credential })).status).toBe(400);
    expect((await h.call(`/api/apis/oauth/${apiId}/${clients[0]!.client_id}`, { credential: h.globex.credential })).status).toBe(400);
  });
});
