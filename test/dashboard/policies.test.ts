/**
 * Portal policies (contract §5): list with `active`, search, get, create/update/delete, and the
 * messages Tyk publishes for them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyRecord } from '../../src/dashboard/store.js';
import { envelope, startDashboard, type Harness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startDashboard();
});
afterAll(() => h.stop());

/** The one API access right of the recorded policy (served both as a map and as an array). */
const HTTPBIN_RIGHT = { allowance_scope: '', allowed_urls: [], api_id: 'ZGVmYXVsdC9odHRwYmlu', api_name: 'httpbin protected', limit: null, restricted_types: [], versions: ['Default'] };

/** A policy as a real Dashboard served it (tyk-operator `pkg/client/dashboard/samples/policy.Get.body.json`). */
const RECORDED: Record<string, unknown> = {
  _id: '5fd202b669710900018bc19c',
  access_rights: { ZGVmYXVsdC9odHRwYmlu: HTTPBIN_RIGHT },
  access_rights_array: [HTTPBIN_RIGHT],
  active: true,
  auth_type: 'authToken',
  auth_types: ['authToken'],
  date_created: '2020-12-10T11:12:54.263Z',
  graphql_enabled: false,
  hmac_enabled: false,
  id: 'ZGVmYXVsdC9odHRwYmlu',
  is_inactive: false,
  key_expires_in: 0,
  last_updated: '1607598779',
  max_query_depth: -1,
  meta_data: {},
  name: 'Some other Security Policy',
  org_id: '5fd08e0f69710900018bc195',
  partitions: { acl: true, complexity: false, per_api: false, quota: true, rate_limit: true },
  per: -1,
  quota_max: -1,
  quota_renewal_rate: -1,
  rate: -1,
  state: 'active',
  tags: [],
  throttle_interval: -1,
  throttle_retry_limit: -1,
};

const policies = () => [...h.acmeStore().policies.values()];
const ids = (answer: { body: { Data: PolicyRecord[] } }) => answer.body.Data.map((p) => p._id).sort();

describe('listing policies', () => {
  it('lists every policy of the org, ten per page, with _id and id', async () => {
    const all = await h.call('/api/portal/policies?p=-1');
    expect(all.body.Data).toHaveLength(policies().length);
    expect(all.body.Data[0]).toMatchObject({ _id: expect.stringMatching(/^[0-9a-f]{24}$/), id: expect.any(String), org_id: h.acme.orgId });
    const first = await h.call('/api/portal/policies/');
    expect(first.body.Data.length).toBe(Math.min(10, policies().length));
    expect(first.body.Pages).toBe(Math.ceil(policies().length / 10));
  });

  it('lists only active policies with active=<anything>', async () => {
    const inactive = policies().filter((p) => !p.active || p.is_inactive);
    expect(inactive.length).toBeGreaterThan(0);
    const active = await h.call('/api/portal/policies?active=true&p=-1');
    expect(active.body.Data).toHaveLength(policies().length - inactive.length);
    expect(active.body.Data.every((p: PolicyRecord) => p.active && !p.is_inactive)).toBe(true);
  });
});

describe('searching policies', () => {
  it('matches q against the name, case-insensitively', async () => {
    const target = policies()[0]!;
    const word = target.name.split(' ')[0]!.toLowerCase();
    const found = await h.call(`/api/portal/policies/search?q=${encodeURIComponent(word)}&p=-1`);
    expect(ids(found)).toEqual(policies().filter((p) => p.name.toLowerCase().includes(word)).map((p) => p._id).sort());
    expect(ids(found)).toContain(target._id);
  });

  it('selects by policy_ids and refuses ids that are not hex (400 Policy ID is not in hex format.)', async () => {
    const [a, b] = policies();
    const found = await h.call(`/api/portal/policies/search?policy_ids=${a!._id},${b!._id}&p=-1`);
    expect(ids(found)).toEqual([a!._id, b!._id].sort());
    const bad = await h.call(`/api/portal/policies/search?policy_ids=${a!._id},zzz`);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(envelope('Error', 'Policy ID is not in hex format.'));
  });

  it('filters by api_id, auth_type and active together', async () => {
    const oauth = policies().find((p) => p.auth_type === 'oauth')!;
    const apiId = Object.keys(oauth.access_rights)[0]!;
    const byApi = await h.call(`/api/portal/policies/search?api_id=${apiId}&p=-1`);
    expect(ids(byApi)).toEqual(policies().filter((p) => apiId in p.access_rights).map((p) => p._id).sort());
    const byAuth = await h.call('/api/portal/policies/search?auth_type=oauth&active=1&p=-1');
    expect(ids(byAuth)).toEqual([oauth._id]);
  });

  it('pages search results like lists', async () => {
    const page = await h.call('/api/portal/policies/search?q=');
    expect(page.body.Data.length).toBe(Math.min(10, policies().length));
    expect(page.body.Pages).toBe(Math.ceil(policies().length / 10));
  });
});

describe('reading one policy', () => {
  it('serves the recorded shape: access_rights by API id, limits, partitions, dates', async () => {
    const policy = policies()[1]!;
    const answer = await h.call(`/api/portal/policies/${policy._id}`);
    expect(answer.status).toBe(200);
    for (const field of ['_id', 'id', 'name', 'org_id', 'state', 'active', 'is_inactive', 'rate', 'per', 'quota_max', 'quota_renewal_rate', 'access_rights', 'auth_type', 'tags', 'key_expires_in', 'partitions', 'meta_data', 'date_created', 'last_updated']) {
      expect(answer.body, field).toHaveProperty(field);
    }
    const [apiId, right] = Object.entries(answer.body.access_rights as Record<string, { api_id: string }>)[0]!;
    expect(right.api_id).toBe(apiId);
  });

  it('answers 400 Invalid policy ID. to a bad id and 404 Could not retrieve portal object. to a missing one', async () => {
    expect((await h.call('/api/portal/policies/1234')).body).toEqual(envelope('Error', 'Invalid policy ID.'));
    const missing = await h.call('/api/portal/policies/aaaaaaaaaaaaaaaaaaaaaaaa');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(envelope('Error', 'Could not retrieve portal object.'));
  });
});

describe('writing policies', () => {
  it('creates the recorded policy under the _id it carries, and a policy without one under a new _id', async () => {
    // It used to replace the _id: tyk-demo creates its policies from files with fixed _ids that its
    // catalogue entries and Postman tests then name, so a real Dashboard keeps them.
    const created = await h.call('/api/portal/policies', { method: 'POST', body: RECORDED });
    expect(created.status).toBe(200);
    expect(created.body).toEqual(envelope('OK', String(RECORDED['_id'])));
    const read = (await h.call(`/api/portal/policies/${RECORDED['_id']}`)).body;
    // The server owns the org and the timestamps; the rest is what was sent.
    const { org_id, date_created, last_updated, ...sent } = RECORDED;
    expect(read).toMatchObject({ ...sent, org_id: h.acme.orgId });
    expect(read.date_created).not.toBe(date_created);
    const again = await h.call('/api/portal/policies', { method: 'POST', body: { ...RECORDED, name: 'Same id, other name' } });
    expect(again.status).toBe(500);
    const { _id: _ignored, ...withoutId } = RECORDED;
    const fresh = await h.call('/api/portal/policies', { method: 'POST', body: { ...withoutId, name: 'No id given' } });
    expect(fresh.body.Message).toMatch(/^[0-9a-f]{24}$/);
    expect(fresh.body.Message).not.toBe(RECORDED['_id']);
  });

  it('refuses a second policy with a used name (400, Tyk’s message)', async () => {
    const taken = policies()[0]!.name;
    const answer = await h.call('/api/portal/policies', { method: 'POST', body: { name: taken } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(envelope('Error', 'This policy name has already been used. Enter a unique policy name.'));
  });

  it('updates a policy (Data updated), keeping its _id and refusing another policy’s name', async () => {
    const [target, other] = policies();
    const current = (await h.call(`/api/portal/policies/${target!._id}`)).body;
    const updated = await h.call(`/api/portal/policies/${target!._id}`, { method: 'PUT', body: { ...current, rate: 12345 } });
    expect(updated.body).toEqual(envelope('OK', 'Data updated'));
    expect((await h.call(`/api/portal/policies/${target!._id}`)).body).toMatchObject({ _id: target!._id, rate: 12345, name: current.name });
    const clash = await h.call(`/api/portal/policies/${target!._id}`, { method: 'PUT', body: { ...current, name: other!.name } });
    expect(clash.status).toBe(400);
    expect((await h.call('/api/portal/policies/aaaaaaaaaaaaaaaaaaaaaaaa', { method: 'PUT', body: current })).status).toBe(404);
  });

  it('deletes a policy (Data deleted); a second delete is 404', async () => {
    const created = await h.call('/api/portal/policies', { method: 'POST', body: { name: 'Short-lived', rate: 1, per: 1 } });
    const id = created.body.Message;
    expect((await h.call(`/api/portal/policies/${id}`, { method: 'DELETE' })).body).toEqual(envelope('OK', 'Data deleted'));
    expect((await h.call(`/api/portal/policies/${id}`)).status).toBe(404);
    expect((await h.call(`/api/portal/policies/${id}`, { method: 'DELETE' })).body).toEqual(envelope('Error', 'Could not retrieve object for deletion'));
  });
});

describe('what Go makes of a policy body', () => {
  it('gives fields a create omits Go’s zero values: inactive, 0 rates and quotas, null tags', async () => {
    const created = await h.call('/api/portal/policies', { method: 'POST', body: { name: 'Only a name' } });
    expect(created.status).toBe(200);
    const read = (await h.call(`/api/portal/policies/${created.body.Message}`)).body;
    expect(read).toMatchObject({ name: 'Only a name', active: false, is_inactive: false, rate: 0, per: 0, quota_max: 0, quota_renewal_rate: 0, key_expires_in: 0, tags: null, id: '', state: '', auth_type: '', access_rights: {}, access_rights_array: [] });
  });

  it('answers 403 Request body malformed. to a rate sent as a string or a quota with a fraction', async () => {
    for (const body of [{ name: 'Typed', rate: '100' }, { name: 'Typed', quota_max: 10.5 }, { name: 'Typed', tags: 'one' }]) {
      const answer = await h.call('/api/portal/policies', { method: 'POST', body });
      expect(answer.status, JSON.stringify(body)).toBe(403);
      expect(answer.body).toEqual(envelope('Error', 'Request body malformed.'));
    }
  });

  it('serves access_rights_array beside access_rights (tyk-operator’s recorded answer has both), and Pages 1 for ?p=-2', async () => {
    const policy = policies()[0]!;
    const read = (await h.call(`/api/portal/policies/${policy._id}`)).body;
    expect(read.access_rights_array).toEqual(Object.values(read.access_rights));
    const all = (await h.call('/api/portal/policies?p=-2')).body;
    expect(all.Data).toHaveLength(policies().length);
    expect(all.Pages).toBe(1);
  });
});
