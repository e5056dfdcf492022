/**
 * Key requests (contract §4): list with the `approved` filter and paging, embeds on reads,
 * create/update/delete, approval issuing a key or an OAuth client exactly once, and the events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { murmur64 } from '../../src/dashboard/hash.js';
import type { DashboardEvent } from '../../src/dashboard/index.js';
import type { DeveloperRecord } from '../../src/dashboard/store.js';
import { envelope, startDashboard, type Harness } from './support.js';

let h: Harness;
let developer: DeveloperRecord;
beforeAll(async () => {
  h = await startDashboard();
  const created = await h.call('/api/portal/developers', { method: 'POST', body: { email: 'requester@example.com', password: 'long-enough', fields: { Name: 'Req Uester' } } });
  developer = h.acmeStore().developers.get(created.body.Message)!;
});
afterAll(() => h.stop());

const tokenPolicy = (n = 0) => [...h.acmeStore().policies.values()].filter((p) => p.auth_type !== 'oauth' && p.active)[n]!;
const oauthPolicy = () => [...h.acmeStore().policies.values()].find((p) => p.auth_type === 'oauth')!;

/** Creates a request the way RUBY/PHP do: both for_plan and apply_policies, version v2, approved false. */
async function createRequest(policyId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await h.call('/api/portal/requests', {
    method: 'POST',
    body: { by_user: developer.id, for_plan: policyId, apply_policies: [policyId], version: 'v2', fields: { Purpose: 'testing' }, date_created: new Date().toISOString(), approved: false, ...extra },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return created.body.Message;
}

describe('listing key requests', () => {
  it('filters by approved=true|false and pages 10 at a time', async () => {
    const all = [...h.acmeStore().keyRequests.values()];
    const pending = await h.call('/api/portal/requests?approved=false&p=-1');
    const approved = await h.call('/api/portal/requests?approved=true&p=-1');
    expect(pending.body.Data.length).toBe(all.filter((r) => !r.approved).length);
    expect(pending.body.Data.length).toBeGreaterThan(0);
    expect(pending.body.Data.every((r: { approved: boolean }) => !r.approved)).toBe(true);
    expect(approved.body.Data.every((r: { approved: boolean }) => r.approved)).toBe(true);
    expect(pending.body.Data.length + approved.body.Data.length).toBe(all.length);

    const page = await h.call('/api/portal/requests?approved=true&p=2');
    expect(page.body.Data).toHaveLength(10);
    expect(page.body.Pages).toBe(Math.ceil(approved.body.Data.length / 10));
  });

  it('embeds portal_developer, catalogue_entry and catalogues on list and get', async () => {
    const listed = (await h.call('/api/portal/requests?approved=false')).body.Data[0];
    const got = (await h.call(`/api/portal/requests/${listed.id}`)).body;
    expect(got).toEqual(listed);
    expect(got.portal_developer).toMatchObject({ id: got.by_user, email: expect.any(String) });
    expect(got.portal_developer).not.toHaveProperty('password');
    expect(got.catalogues.map((c: { policy_id: string }) => c.policy_id)).toEqual(got.apply_policies.filter((id: string) => h.acmeStore().catalogue!.apis.some((a) => a['policy_id'] === id)));
    if (got.catalogues.length > 0) expect(got.catalogue_entry).toEqual(got.catalogues[0]);
  });
});

describe('creating, updating and deleting key requests', () => {
  it('creates a request and answers its id in Message; reads carry what was sent', async () => {
    const policy = tokenPolicy();
    const id = await createRequest(policy._id);
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    const read = (await h.call(`/api/portal/requests/${id}`)).body;
    expect(read).toMatchObject({ id, org_id: h.acme.orgId, by_user: developer.id, for_plan: policy._id, apply_policies: [policy._id], approved: false, version: 'v2', fields: { Purpose: 'testing' } });
  });

  it('fills apply_policies from for_plan alone (older clients) and refuses unknown developers or a request naming no policy (400)', async () => {
    const policy = tokenPolicy(1);
    const created = await h.call('/api/portal/requests', { method: 'POST', body: { by_user: developer.id, for_plan: policy._id, version: 'v2' } });
    expect((await h.call(`/api/portal/requests/${created.body.Message}`)).body.apply_policies).toEqual([policy._id]);
    expect((await h.call('/api/portal/requests', { method: 'POST', body: { by_user: 'aaaaaaaaaaaaaaaaaaaaaaaa', apply_policies: [policy._id] } })).status).toBe(400);
    expect((await h.call('/api/portal/requests', { method: 'POST', body: { by_user: developer.id } })).status).toBe(400);
  });

  it('stores a request for a policy that does not exist, or with no version, and refuses only its approval', async () => {
    // TykTechnologies/tyk#272: the Dashboard answered such a request with its id; liip's
    // wp-tyk-dev-portal disabled its test of the refusal ("Tyk API doesn't care if the policy exists").
    const unknown = await h.call('/api/portal/requests', { method: 'POST', body: { by_user: developer.id, for_plan: 'asdfasdf', date_created: '2016-07-15T12:18:16+00:00' } });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual(envelope('OK', unknown.body.Message));
    const read = (await h.call(`/api/portal/requests/${unknown.body.Message}`)).body;
    expect(read).toMatchObject({ for_plan: 'asdfasdf', apply_policies: ['asdfasdf'], version: '', approved: false, catalogues: [] });
    const approval = await h.call(`/api/portal/requests/approve/${unknown.body.Message}`, { method: 'PUT' });
    expect(approval.status).toBe(400);
    expect((await h.call(`/api/portal/requests/${unknown.body.Message}`)).body.approved).toBe(false);
  });

  it('updates a request (Message = its id) and deletes it (Data deleted)', async () => {
    const id = await createRequest(tokenPolicy()._id);
    const current = (await h.call(`/api/portal/requests/${id}`)).body;
    const updated = await h.call(`/api/portal/requests/${id}`, { method: 'PUT', body: { ...current, fields: { Purpose: 'changed' } } });
    expect(updated.body).toEqual(envelope('OK', id));
    expect((await h.call(`/api/portal/requests/${id}`)).body.fields).toEqual({ Purpose: 'changed' });
    expect((await h.call(`/api/portal/requests/${id}`, { method: 'DELETE' })).body).toEqual(envelope('OK', 'Data deleted'));
    expect((await h.call(`/api/portal/requests/${id}`)).status).toBe(404);
  });
});

describe('approving key requests', () => {
  it('issues a key: {RawKey, Password}, the request approved, the developer maps holding only the hash', async () => {
    const policy = tokenPolicy(2);
    const id = await createRequest(policy._id);
    const approved = await h.call(`/api/portal/requests/approve/${id}`, { method: 'PUT' });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ RawKey: expect.any(String), Password: '' });
    const hash = murmur64(approved.body.RawKey);
    const served = (await h.call(`/api/portal/developers/${developer.id}`)).body;
    expect(served.keys[hash]).toEqual([policy._id]);
    expect(served.subscriptions[policy._id]).toBe(hash);
    expect((await h.call(`/api/portal/requests/${id}`)).body.approved).toBe(true);
    const session = (await h.call(`/api/keys/${hash}?hashed=1`)).body.data;
    // The request's fields, and of the developer's only those in the portal's signup_fields (Acme: Company; Name is not one).
    expect(session).toMatchObject({ alias: 'requester@example.com', apply_policies: [policy._id], meta_data: { Purpose: 'testing', tyk_developer_id: developer.id, tyk_developer_email: 'requester@example.com' } });
    expect(session.meta_data).not.toHaveProperty('Name');
    // The raw key is answered once and kept nowhere.
    expect(JSON.stringify([await h.call(`/api/portal/requests/${id}`), served, session])).not.toContain(approved.body.RawKey);
  });

  it('answers 400 Key request has already been processed. to a second approval, issuing nothing', async () => {
    const id = await createRequest(tokenPolicy()._id);
    await h.call(`/api/portal/requests/approve/${id}`, { method: 'PUT' });
    const keys = h.acmeStore().keys.size;
    const again = await h.call(`/api/portal/requests/approve/${id}`, { method: 'PUT' });
    expect(again.status).toBe(400);
    expect(again.body).toEqual(envelope('Error', 'Key request has already been processed.'));
    expect(h.acmeStore().keys.size).toBe(keys);
  });

  it('treats a request created with approved:true as already processed', async () => {
    const id = await createRequest(tokenPolicy()._id, { approved: true });
    const answer = await h.call(`/api/portal/requests/approve/${id}`, { method: 'PUT' });
    expect(answer.status).toBe(400);
    expect(answer.body.Message).toBe('Key request has already been processed.');
  });

  it('answers 404 to approving a request that does not exist and 400 to a bad id', async () => {
    expect((await h.call('/api/portal/requests/approve/aaaaaaaaaaaaaaaaaaaaaaaa', { method: 'PUT' })).status).toBe(404);
    expect((await h.call('/api/portal/requests/approve/nope', { method: 'PUT' })).status).toBe(400);
  });

  it('approves an OAuth request (oauth_info) with a new client appended to oauth_clients[policy]', async () => {
    const policy = oauthPolicy();
    const id = await createRequest(policy._id, { oauth_info: { redirect_uri: 'http://new1.com,http://new2.com' }, fields: { oauth_app_description: 'Portal app', oauth_use_case: 'login' } });
    const approved = await h.call(`/api/portal/requests/approve/${id}`, { method: 'PUT' });
    expect(approved.body).toMatchObject({ client_id: expect.stringMatching(/^[0-9a-f]{32}$/), secret: expect.any(String), policy_id: policy._id, redirect_uri: 'http://new1.com,http://new2.com' });
    expect(approved.body).not.toHaveProperty('RawKey');
    const served = (await h.call(`/api/portal/developers/${developer.id}`)).body;
    expect(served.oauth_clients[policy._id]).toContainEqual(expect.objectContaining({ client_id: approved.body.client_id, app_description: 'Portal app', use_case: 'login' }));
  });

  it('works the same for org B, whose portal does not require approval', async () => {
    const config = (await h.call('/api/portal/configuration', { credential: h.globex.credential })).body;
    expect(config.require_key_approval).toBe(false);
    const globex = h.dashboard.store.orgs.get(h.globex.orgId)!;
    const [someone] = globex.developers.values();
    const policy = [...globex.policies.values()].find((p) => p.active)!;
    const created = await h.call('/api/portal/requests', { method: 'POST', credential: h.globex.credential, body: { by_user: someone!.id, for_plan: policy._id, apply_policies: [policy._id], version: 'v2', approved: false } });
    const approved = await h.call(`/api/portal/requests/approve/${created.body.Message}`, { method: 'PUT', credential: h.globex.credential });
    expect(approved.body.RawKey).toEqual(expect.any(String));
    expect(globex.keys.has(murmur64(approved.body.RawKey))).toBe(true);
    expect(h.acmeStore().keys.has(murmur64(approved.body.RawKey))).toBe(false);
  });
});

describe('events', () => {
  it('raises key_request_event.submitted in Tyk’s documented shape, then the labelled .approved extension and key_event.issued', async () => {
    const events: DashboardEvent[] = [];
    const off = h.dashboard.onEvent((e) => events.push(e));
    const policy = tokenPolicy(3);
    const id = await createRequest(policy._id);
    const rawKey = (await h.call(`/api/portal/requests/approve/${id}`, { method: 'PUT' })).body.RawKey;
    const keyAnswer = await h.call(`/api/portal/developers/${developer.id}/keys`, { method: 'POST', body: { apply_policies: [policy._id] } });
    off();
    expect(events.map((e) => [e.event, e.extension])).toEqual([
      ['key_request_event.submitted', false],
      ['key_request_event.approved', true],
      ['key_event.issued', true],
    ]);
    const [submitted, approved, issued] = events;
    const documented = { id, org_id: h.acme.orgId, for_plan: policy._id, apply_policies: [policy._id], by_user: developer.id, date_created: expect.any(String), portal_developer: expect.objectContaining({ id: developer.id, email: developer.email }) };
    expect(submitted!.data).toMatchObject({ ...documented, approved: false });
    expect(submitted!.data['catalogue_entry']).toBeDefined();
    expect(approved!.data).toMatchObject({ ...documented, approved: true });
    expect(issued!.data).toMatchObject({ org_id: h.acme.orgId, key_id: murmur64(keyAnswer.body.RawKey), apply_policies: [policy._id] });
    expect(JSON.stringify(events)).not.toContain(rawKey);
    expect(JSON.stringify(events)).not.toContain(keyAnswer.body.RawKey);
  });

  it('stops telling a listener once it unsubscribes', async () => {
    const events: DashboardEvent[] = [];
    h.dashboard.onEvent((e) => events.push(e))();
    await createRequest(tokenPolicy()._id);
    expect(events).toEqual([]);
  });
});
