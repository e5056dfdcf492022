/**
 * The cross-cutting answers of contract §1.3: authentication, RBAC, malformed bodies, bad ids,
 * missing objects, and the separation of organisations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelope, startDashboard, type Harness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startDashboard();
});
afterAll(() => h.stop());

describe('authentication', () => {
  it('answers 401 Not authorised without an authorization header', async () => {
    const answer = await h.call('/api/portal/developers', { credential: null });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual(envelope('Error', 'Not authorised'));
  });

  it('answers 401 Not authorised to an unknown credential, even on an unknown route', async () => {
    expect((await h.call('/api/portal/policies', { credential: 'not-a-credential' })).status).toBe(401);
    expect((await h.call('/api/nowhere', { credential: 'not-a-credential' })).body).toEqual(envelope('Error', 'Not authorised'));
  });

  it('reads the credential from Authorization in any case, raw or as Bearer', async () => {
    expect((await h.call('/api/portal/configuration', { credential: null, headers: { Authorization: h.acme.credential } })).status).toBe(200);
    expect((await h.call('/api/portal/configuration', { credential: `Bearer ${h.acme.credential}` })).status).toBe(200);
    expect((await h.call('/api/portal/configuration', { credential: `Bearer ${h.acme.credential}x` })).status).toBe(401);
  });
});

describe('RBAC: the read-only user of org A', () => {
  const readOnly = () => h.acme.readOnlyCredential;

  it('reads like an admin', async () => {
    const answer = await h.call('/api/portal/policies?p=-1', { credential: readOnly() });
    expect(answer.status).toBe(200);
    expect(answer.body.Data.length).toBe(h.acmeStore().policies.size);
  });

  it('gets 403 access denied naming the path on every write, and nothing changes', async () => {
    const before = h.acmeStore().policies.size;
    const created = await h.call('/api/portal/policies', { method: 'POST', credential: readOnly(), body: { name: 'Sneaky' } });
    expect(created.status).toBe(403);
    expect(created.body).toEqual(envelope('Error', 'access denied: You do not have permission to access  /api/portal/policies'));
    expect(h.acmeStore().policies.size).toBe(before);

    const developer = [...h.acmeStore().developers.values()][0]!;
    const deleted = await h.call(`/api/portal/developers/${developer.id}`, { method: 'DELETE', credential: readOnly() });
    expect(deleted.status).toBe(403);
    expect(deleted.body.Message).toBe(`access denied: You do not have permission to access  /api/portal/developers/${developer.id}`);
    expect(h.acmeStore().developers.has(developer.id)).toBe(true);
  });

  it('may still check a developer login (verify_credentials is a read)', async () => {
    const developer = [...h.acmeStore().developers.values()][1]!;
    const answer = await h.call('/api/portal/developers/verify_credentials', {
      method: 'POST',
      credential: readOnly(),
      body: { username: developer.email, password: 'demo-password' },
    });
    expect(answer.status).toBe(200);
  });
});

describe('request bodies', () => {
  it('answers 403 Request body malformed. to JSON that does not parse', async () => {
    const answer = await h.call('/api/portal/developers', { method: 'POST', body: '{"email": "a@b.c", "password": ' });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual(envelope('Error', 'Request body malformed.'));
  });

  it('answers 400 when a create has no body at all', async () => {
    const answer = await h.call('/api/portal/policies', { method: 'POST' });
    expect(answer.status).toBe(400);
    expect(answer.body.Status).toBe('Error');
  });
});

describe('ids and missing objects', () => {
  it('answers 400 to ids that are not 24-hex ObjectIds', async () => {
    expect((await h.call('/api/portal/policies/not-hex')).body).toEqual(envelope('Error', 'Invalid policy ID.'));
    expect((await h.call('/api/portal/policies/not-hex')).status).toBe(400);
    for (const path of ['/api/portal/developers/xyz', '/api/portal/requests/5e397e714ea461ef1d474efZ']) {
      const answer = await h.call(path);
      expect(answer.status, path).toBe(400);
      expect(answer.body.Status).toBe('Error');
    }
    expect((await h.call('/api/portal/developers/xyz', { method: 'DELETE' })).status).toBe(400);
    expect((await h.call('/api/portal/documentation/xyz', { method: 'DELETE' })).status).toBe(400);
  });

  it('answers 404 Could not retrieve portal object. for a well-formed id that names nothing', async () => {
    for (const path of ['/api/portal/policies/', '/api/portal/developers/', '/api/portal/requests/']) {
      const answer = await h.call(`${path}aaaaaaaaaaaaaaaaaaaaaaaa`);
      expect(answer.status, path).toBe(404);
      expect(answer.body).toEqual(envelope('Error', 'Could not retrieve portal object.'));
    }
  });

  it('answers 404 Could not retrieve object for deletion when deleting what is not there', async () => {
    for (const path of ['/api/portal/policies/', '/api/portal/developers/', '/api/portal/requests/', '/api/portal/documentation/']) {
      const answer = await h.call(`${path}aaaaaaaaaaaaaaaaaaaaaaaa`, { method: 'DELETE' });
      expect(answer.status, path).toBe(404);
      expect(answer.body).toEqual(envelope('Error', 'Could not retrieve object for deletion'));
    }
  });

  it('answers an unknown route with a 404 envelope and logs it as UNMATCHED', async () => {
    h.dashboard.requestLog.clear();
    const answer = await h.call('/api/portal/unicorns');
    expect(answer.status).toBe(404);
    expect(answer.body.Status).toBe('Error');
    expect(h.dashboard.requestLog.entries()[0]).toMatchObject({ route: 'UNMATCHED', status: 404, path: '/api/portal/unicorns' });
  });
});

describe('organisations', () => {
  it('gives each credential its own organisation: lists never mix', async () => {
    const acme = await h.call('/api/portal/developers?p=-1');
    const globex = await h.call('/api/portal/developers?p=-1', { credential: h.globex.credential });
    expect(acme.body.Data.every((d: { org_id: string }) => d.org_id === h.acme.orgId)).toBe(true);
    expect(globex.body.Data.every((d: { org_id: string }) => d.org_id === h.globex.orgId)).toBe(true);
    expect(globex.body.Data.length).toBeLessThan(acme.body.Data.length);
  });

  it("answers another org's developer, policy and key request as missing (404)", async () => {
    const globex = h.dashboard.store.orgs.get(h.globex.orgId)!;
    const developer = [...globex.developers.values()][0]!;
    const policy = [...globex.policies.values()][0]!;
    const request = [...globex.keyRequests.values()][0]!;
    expect((await h.call(`/api/portal/developers/${developer.id}`)).status).toBe(404);
    expect((await h.call(`/api/portal/developers/email/${developer.email}`)).status).toBe(404);
    expect((await h.call(`/api/portal/policies/${policy._id}`)).status).toBe(404);
    expect((await h.call(`/api/portal/requests/${request.id}`)).status).toBe(404);
    expect((await h.call(`/api/portal/developers/${developer.id}`, { method: 'DELETE' })).status).toBe(404);
    expect(globex.developers.has(developer.id)).toBe(true);
    // and the owner still sees it
    expect((await h.call(`/api/portal/developers/${developer.id}`, { credential: h.globex.credential })).status).toBe(200);
  });

  it("answers 400 Attempted access to non-owned key. for another org's key", async () => {
    const globex = h.dashboard.store.orgs.get(h.globex.orgId)!;
    const hash = [...globex.keys.keys()][0]!;
    const answer = await h.call(`/api/keys/${hash}?hashed=1`);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(envelope('Error', 'Attempted access to non-owned key.'));
    const developer = h.developerWithKeys();
    expect((await h.call(`/api/portal/developers/${developer.id}/keys/${hash}`, { method: 'DELETE' })).body.Message).toBe('Attempted access to non-owned key.');
    expect(globex.keys.has(hash)).toBe(true);
  });

  it('writes a created object into the credential’s org whatever org_id the body claims', async () => {
    const created = await h.call('/api/portal/developers', {
      method: 'POST',
      body: { email: 'claims-globex@example.com', password: 'long-enough', org_id: h.globex.orgId },
    });
    expect(created.status).toBe(200);
    expect(h.acmeStore().developers.get(created.body.Message)?.org_id).toBe(h.acme.orgId);
    expect(h.dashboard.store.orgs.get(h.globex.orgId)!.developers.has(created.body.Message)).toBe(false);
  });
});
