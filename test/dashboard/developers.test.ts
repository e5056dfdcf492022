/**
 * Developers (contract §2): list and paging, lookups by id, email and SSO key, create, full-replace
 * update, delete, credential checks and password changes; passwords stored hashed, never served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/dashboard/index.js';
import { envelope, startDashboard, type Harness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startDashboard();
});
afterAll(() => h.stop());

/** Tyk's custom-portal walkthrough (seed 003), exactly as it creates a developer. */
const WALKTHROUGH_DEVELOPER = { email: 'apidev@example.com', password: 'supersecret', fields: { Name: 'John Snow' } };

async function createDeveloper(body: Record<string, unknown>): Promise<string> {
  const created = await h.call('/api/portal/developers', { method: 'POST', body });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return created.body.Message as string;
}

describe('listing developers', () => {
  it('serves 10 per page with Pages = ceil(total / 10), and every developer on one page with p=-1', async () => {
    const total = h.acmeStore().developers.size;
    const first = await h.call('/api/portal/developers');
    expect(first.body.Data).toHaveLength(10);
    expect(first.body.Pages).toBe(Math.ceil(total / 10));
    const all = await h.call('/api/portal/developers?p=-1');
    expect(all.body.Data).toHaveLength(total);
    // One page holds everything: tyk-operator's recorded answer to `?p=-2` says `"Pages": 1`.
    expect(all.body.Pages).toBe(1);
  });

  it('treats p=0 and p=1 as the first page and p=2 as the next ten', async () => {
    const ids = async (p: string) => (await h.call(`/api/portal/developers?p=${p}`)).body.Data.map((d: { id: string }) => d.id);
    const [p0, p1, p2] = [await ids('0'), await ids('1'), await ids('2')];
    expect(p0).toEqual(p1);
    expect(p2).toHaveLength(10);
    expect(p2.some((id: string) => p1.includes(id))).toBe(false);
  });

  it('serves an empty page beyond the last one', async () => {
    const answer = await h.call('/api/portal/developers?p=1000');
    expect(answer.body.Data).toEqual([]);
  });

  it('serves the current developer shape: id, keys, subscriptions, fields, oauth_clients, RFC 3339 dates', async () => {
    const developer = (await h.call('/api/portal/developers?p=1')).body.Data[0];
    expect(developer).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{24}$/), org_id: h.acme.orgId, inactive: expect.any(Boolean) });
    for (const field of ['keys', 'subscriptions', 'fields', 'oauth_clients']) expect(typeof developer[field], field).toBe('object');
    expect(developer.date_created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);
    expect(developer).toHaveProperty('PWHistory');
  });
});

describe('looking developers up', () => {
  it('finds a developer by id, by email (raw @ or %40, any case) and by SSO key', async () => {
    const withSso = [...h.acmeStore().developers.values()].find((d) => d.sso_key)!;
    const byId = await h.call(`/api/portal/developers/${withSso.id}`);
    expect(byId.body.email).toBe(withSso.email);
    expect((await h.call(`/api/portal/developers/email/${withSso.email}`)).body.id).toBe(withSso.id);
    expect((await h.call(`/api/portal/developers/email/${encodeURIComponent(withSso.email.toUpperCase())}`)).body.id).toBe(withSso.id);
    expect((await h.call(`/api/portal/developers/ssokey/${withSso.sso_key}`)).body.id).toBe(withSso.id);
  });

  it('decodes %2B in an email (Go url.QueryEscape) and answers 404 for an unknown email or SSO key', async () => {
    const id = await createDeveloper({ email: 'plus+tag@example.com', password: 'long-enough' });
    expect((await h.call('/api/portal/developers/email/plus%2Btag%40example.com')).body.id).toBe(id);
    expect((await h.call('/api/portal/developers/email/nobody%40example.com')).status).toBe(404);
    expect((await h.call('/api/portal/developers/ssokey/no-such-key')).body).toEqual(envelope('Error', 'Could not retrieve portal object.'));
  });
});

describe('creating developers', () => {
  it("creates the walkthrough's developer and answers its new id in Message", async () => {
    const created = await h.call('/api/portal/developers', { method: 'POST', body: WALKTHROUGH_DEVELOPER });
    expect(created.body).toEqual(envelope('OK', created.body.Message));
    expect(created.body.Message).toMatch(/^[0-9a-f]{24}$/);
    const read = await h.call(`/api/portal/developers/email/apidev%40example.com`);
    expect(read.body).toMatchObject({ id: created.body.Message, email: 'apidev@example.com', fields: { Name: 'John Snow' }, inactive: false, keys: {}, subscriptions: {} });
    expect(Date.parse(read.body.date_created)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses a second developer with the same email in the org (400), but another org may use it', async () => {
    const existing = [...h.acmeStore().developers.values()][3]!;
    const duplicate = await h.call('/api/portal/developers', { method: 'POST', body: { email: existing.email.toUpperCase(), password: 'long-enough' } });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.Status).toBe('Error');
    const elsewhere = await h.call('/api/portal/developers', { method: 'POST', credential: h.globex.credential, body: { email: existing.email, password: 'long-enough' } });
    expect(elsewhere.status).toBe(200);
  });

  it('refuses a password shorter than 6 characters and a missing email (400)', async () => {
    const short = await h.call('/api/portal/developers', { method: 'POST', body: { email: 'short@example.com', password: '12345' } });
    expect(short.status).toBe(400);
    expect((await h.call('/api/portal/developers', { method: 'POST', body: { password: 'long-enough' } })).status).toBe(400);
    expect((await h.call('/api/portal/developers/email/short%40example.com')).status).toBe(404);
  });

  it('stores the password as a salted scrypt hash and never serves it', async () => {
    const id = await createDeveloper({ email: 'secret-keeper@example.com', password: 'plain-text-pw', fields: { Name: 'Keeper' } });
    const stored = h.acmeStore().passwords.get(id)!;
    expect(stored).toMatch(/^scrypt\$[0-9a-f]+\$[0-9a-f]{64}$/);
    expect(stored).not.toContain('plain-text-pw');
    expect(h.acmeStore().developers.get(id)).not.toHaveProperty('password');
    const served = JSON.stringify([await h.call(`/api/portal/developers/${id}`), await h.call('/api/portal/developers?p=-1'), await h.call('/api/portal/developers/email/secret-keeper@example.com')]);
    expect(served).not.toContain('plain-text-pw');
    expect(served).not.toContain('scrypt$');
    expect(served).not.toContain('"password"');
  });
});

describe('updating developers', () => {
  it('replaces the whole record on PUT: fields, keys and subscriptions the body omits are gone', async () => {
    const developer = h.developerWithKeys();
    const before = (await h.call(`/api/portal/developers/${developer.id}`)).body;
    expect(Object.keys(before.keys).length).toBeGreaterThan(0);
    // Seed 003's update: the legacy body with api_keys and a new custom field, no keys/subscriptions.
    const updated = await h.call(`/api/portal/developers/${developer.id}`, {
      method: 'PUT',
      body: { id: developer.id, email: before.email, date_created: before.date_created, inactive: false, org_id: before.org_id, api_keys: {}, subscriptions: {}, fields: { Name: 'John Snow', traffic_source: 'google search' } },
    });
    expect(updated.body).toEqual(envelope('OK', 'Data updated'));
    const after = (await h.call(`/api/portal/developers/${developer.id}`)).body;
    expect(after.fields).toEqual({ Name: 'John Snow', traffic_source: 'google search' });
    expect(after.keys).toEqual({});
    expect(after.subscriptions).toEqual({});
    expect(after.id).toBe(developer.id);
    expect(after.date_created).toBe(before.date_created);
  });

  it('keeps what a read-modify-write PUT sends back, and ignores a different id or org in the body', async () => {
    const developer = h.developerWithKeys(2);
    const before = (await h.call(`/api/portal/developers/${developer.id}`)).body;
    await h.call(`/api/portal/developers/${developer.id}`, { method: 'PUT', body: { ...before, id: 'ffffffffffffffffffffffff', org_id: h.globex.orgId, inactive: true } });
    const after = (await h.call(`/api/portal/developers/${developer.id}`)).body;
    expect(after).toEqual({ ...before, inactive: true });
  });

  it('re-hashes a password sent in a PUT body and rejects a short one', async () => {
    const id = await createDeveloper({ email: 'put-password@example.com', password: 'first-password' });
    const body = (await h.call(`/api/portal/developers/${id}`)).body;
    expect((await h.call(`/api/portal/developers/${id}`, { method: 'PUT', body: { ...body, password: 'tiny' } })).status).toBe(400);
    expect((await h.call(`/api/portal/developers/${id}`, { method: 'PUT', body: { ...body, password: 'second-password' } })).status).toBe(200);
    const verify = (password: string) => h.call('/api/portal/developers/verify_credentials', { method: 'POST', body: { username: 'put-password@example.com', password } });
    expect((await verify('second-password')).status).toBe(200);
    expect((await verify('first-password')).status).toBe(401);
  });

  it("refuses to take another developer's email (400)", async () => {
    const [a, b] = [...h.acmeStore().developers.values()].slice(5, 7);
    const body = (await h.call(`/api/portal/developers/${a!.id}`)).body;
    expect((await h.call(`/api/portal/developers/${a!.id}`, { method: 'PUT', body: { ...body, email: b!.email } })).status).toBe(400);
  });

  it('answers 404 to a PUT for a developer that does not exist', async () => {
    expect((await h.call('/api/portal/developers/aaaaaaaaaaaaaaaaaaaaaaaa', { method: 'PUT', body: { email: 'x@example.com' } })).status).toBe(404);
  });
});

describe('deleting developers', () => {
  it('deletes the developer, its password and its key sessions', async () => {
    const developer = h.developerWithKeys(2);
    const hashes = Object.keys(developer.keys);
    const deleted = await h.call(`/api/portal/developers/${developer.id}`, { method: 'DELETE' });
    expect(deleted.body).toEqual(envelope('OK', 'Data deleted'));
    expect((await h.call(`/api/portal/developers/${developer.id}`)).status).toBe(404);
    expect(h.acmeStore().passwords.has(developer.id)).toBe(false);
    for (const hash of hashes) expect((await h.call(`/api/keys/${hash}?hashed=1`)).status).toBe(404);
  });
});

describe('credentials and passwords', () => {
  it('verifies a demo developer with the documented demo password, and 401s a wrong one or unknown user', async () => {
    const developer = [...h.acmeStore().developers.values()][10]!;
    const verify = (username: string, password: string) => h.call('/api/portal/developers/verify_credentials', { method: 'POST', body: { username, password } });
    const good = await verify(developer.email, DEMO_PASSWORD);
    expect(good.status).toBe(200);
    expect(good.body).toEqual(envelope('OK', 'Credentials verified'));
    expect((await verify(developer.email, 'wrong-password')).status).toBe(401);
    expect((await verify('nobody@example.com', DEMO_PASSWORD)).status).toBe(401);
  });

  it('changes a password (answering only {"Message":"Password changed"}) so the old one stops working', async () => {
    const id = await createDeveloper({ email: 'changer@example.com', password: 'old-password' });
    const changed = await h.call(`/api/portal/developers/password/${id}`, { method: 'POST', body: { password: 'new-password' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ Message: 'Password changed' });
    const verify = (password: string) => h.call('/api/portal/developers/verify_credentials', { method: 'POST', body: { username: 'changer@example.com', password } });
    expect((await verify('new-password')).status).toBe(200);
    expect((await verify('old-password')).status).toBe(401);
  });

  it('answers 400 Developer password validation failed. for an unknown id or a short password', async () => {
    const failure = { Status: 'Error', Message: 'Developer password validation failed.' };
    const unknown = await h.call('/api/portal/developers/password/aaaaaaaaaaaaaaaaaaaaaaaa', { method: 'POST', body: { password: 'long-enough' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual(failure);
    expect((await h.call('/api/portal/developers/password/not-an-id', { method: 'POST', body: { password: 'long-enough' } })).body).toEqual(failure);
    const developer = [...h.acmeStore().developers.values()][11]!;
    const short = await h.call(`/api/portal/developers/password/${developer.id}`, { method: 'POST', body: { password: 'abc' } });
    expect(short.status).toBe(400);
    expect(short.body).toEqual(failure);
  });
});

describe('developers without a password', () => {
  // TIB's PortalDeveloper marshals Password as json:"-" (never sent); liip's register_with_tyk posts only {email}.
  it('creates a developer from an email alone, who exists but cannot log in until a password is set', async () => {
    const created = await h.call('/api/portal/developers', { method: 'POST', body: { email: 'email-only@example.com' } });
    expect(created.status).toBe(200);
    expect(created.body).toEqual(envelope('OK', created.body.Message));
    const id = created.body.Message as string;
    expect(h.acmeStore().passwords.has(id)).toBe(false);
    const read = (await h.call(`/api/portal/developers/${id}`)).body;
    expect(read).toMatchObject({ id, email: 'email-only@example.com', keys: {}, subscriptions: {}, fields: {}, PWHistory: [], password_updated: '0001-01-01T00:00:00Z' });
    const verify = (password: string) => h.call('/api/portal/developers/verify_credentials', { method: 'POST', body: { username: 'email-only@example.com', password } });
    expect((await verify('')).status).toBe(401);
    expect((await verify('anything-at-all')).status).toBe(401);
    expect((await h.call(`/api/portal/developers/password/${id}`, { method: 'POST', body: { password: 'finally-set' } })).status).toBe(200);
    expect((await verify('finally-set')).status).toBe(200);
  });

  it('takes TIB’s create body (zero Go times, null PWHistory, an sso_key) and keeps the password on a PUT without one', async () => {
    const tib = { id: '', email: 'sso-user@example.com', date_created: '0001-01-01T00:00:00Z', inactive: false, org_id: h.acme.orgId, keys: {}, subscriptions: {}, fields: {}, nonce: 'n0nce', sso_key: '1234567890@Google.com', password_max_days: 0, password_updated: '0001-01-01T00:00:00Z', PWHistory: null, last_login_date: '0001-01-01T00:00:00Z' };
    const created = await h.call('/api/portal/developers', { method: 'POST', body: tib });
    expect(created.status).toBe(200);
    const id = created.body.Message as string;
    const read = (await h.call(`/api/portal/developers/ssokey/${encodeURIComponent(tib.sso_key)}`)).body;
    expect(read).toMatchObject({ id, sso_key: '1234567890@Google.com', nonce: 'n0nce', PWHistory: [] });
    expect(Date.parse(read.date_created)).toBeGreaterThan(Date.parse('2000-01-01'));
    await h.call(`/api/portal/developers/password/${id}`, { method: 'POST', body: { password: 'set-by-admin' } });
    // TIB's update: the developer as read, a new nonce, still no password field.
    expect((await h.call(`/api/portal/developers/${id}`, { method: 'PUT', body: { ...read, nonce: 'second' } })).status).toBe(200);
    expect((await h.call('/api/portal/developers/verify_credentials', { method: 'POST', body: { username: tib.email, password: 'set-by-admin' } })).status).toBe(200);
    expect((await h.call(`/api/portal/developers/${id}`)).body.nonce).toBe('second');
  });
});

describe('bodies decoded as Go decodes them', () => {
  it('answers 403 Request body malformed. to a wrongly typed field, writing nothing', async () => {
    const before = h.acmeStore().developers.size;
    for (const body of [{ email: 42 }, { email: 'typed@example.com', inactive: 'yes' }, { email: 'typed@example.com', fields: { Age: 30 } }, { email: 'typed@example.com', keys: { abc: 'not-a-list' } }, { email: 'typed@example.com', password_max_days: 1.5 }]) {
      const answer = await h.call('/api/portal/developers', { method: 'POST', body });
      expect(answer.status, JSON.stringify(body)).toBe(403);
      expect(answer.body).toEqual(envelope('Error', 'Request body malformed.'));
    }
    expect(h.acmeStore().developers.size).toBe(before);
    // null is Go's "leave the zero value": accepted.
    expect((await h.call('/api/portal/developers', { method: 'POST', body: { email: 'nulls@example.com', fields: null, keys: null, inactive: null } })).status).toBe(200);
  });

  it('reads an ObjectId in upper case as the same object (Go decodes the hex)', async () => {
    const developer = [...h.acmeStore().developers.values()][3]!;
    const upper = await h.call(`/api/portal/developers/${developer.id.toUpperCase()}`);
    expect(upper.status).toBe(200);
    expect(upper.body.id).toBe(developer.id);
  });
});
