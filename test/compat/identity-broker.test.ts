/**
 * Tyk Identity Broker's portal flow (TykTechnologies/tyk-identity-broker tyk-api/tyk_api.go,
 * tap/identity_handler.go, tap/identity-handlers/tyk_handler.go CompleteIdentityActionForPortal):
 * look the developer up by SSO key `<user id>@<Provider>.com`, sent `url.QueryEscape`d; any answer
 * over 201 but 401 means "not found" → create the developer from its Go struct (the password is
 * `json:"-"`, so never sent; unset times are Go's zero time; PWHistory a nil slice); found → PUT
 * the struct back with a new nonce (fields the struct lacks are dropped, still no password). Go's
 * http client sends no content type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompatDeveloperBySsoKeyDocument, CompatEverythingDocument } from '../generated/graphql.js';
import { client, expectConformance, startCompatStack, type CompatStack } from './support.js';

let stack: CompatStack;
let tyk: ReturnType<typeof client>;

beforeAll(async () => {
  stack = await startCompatStack();
  tyk = client(stack.dashboard.url, { authorization: stack.credential, 'user-agent': 'Go-http-client/1.1', 'accept-encoding': 'gzip' });
});
afterAll(() => stack.stop());

const ZERO = '0001-01-01T00:00:00Z';

/** Go's url.QueryEscape: every byte but letters, digits and -_.~ escaped, spaces as +. */
const queryEscape = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');

/** The fields of TIB's PortalDeveloper struct, as Go marshals them (oauth_clients omitempty). */
const STRUCT_FIELDS = ['id', 'email', 'date_created', 'inactive', 'org_id', 'keys', 'subscriptions', 'fields', 'nonce', 'sso_key', 'oauth_clients', 'password_max_days', 'password_updated', 'PWHistory', 'last_login_date'];

/** What decoding into the struct and marshalling it again leaves of a developer. */
function throughTheStruct(developer: Record<string, unknown>): Record<string, unknown> {
  const kept = Object.fromEntries(STRUCT_FIELDS.filter((f) => f in developer).map((f) => [f, developer[f]]));
  if (!kept['oauth_clients'] || Object.keys(kept['oauth_clients'] as object).length === 0) delete kept['oauth_clients'];
  return kept;
}

/** One portal login through the broker; returns what it found or created. */
async function login(user: { id: string; provider: string; email: string }, nonce: string) {
  const ssoKey = `${user.id}@${user.provider}.com`;
  const found = await tyk('GET', `/api/portal/developers/ssokey/${queryEscape(ssoKey)}`);
  expect(found.status).not.toBe(401);
  if (found.status > 201) {
    const created = await tyk('POST', '/api/portal/developers', {
      id: '',
      email: user.email,
      date_created: '2026-03-10T09:15:42.123456789+01:00',
      inactive: false,
      org_id: stack.dashboard.orgs[0]!.orgId,
      keys: {},
      subscriptions: {},
      fields: {},
      nonce,
      sso_key: ssoKey,
      password_max_days: 0,
      password_updated: ZERO,
      PWHistory: null,
      last_login_date: ZERO,
    });
    expect(created.status, created.text).toBeLessThanOrEqual(201);
    return { ssoKey, created: true };
  }
  const updated = await tyk('PUT', `/api/portal/developers/${found.json.id}`, { ...throughTheStruct(found.json), nonce });
  expect(updated.status, updated.text).toBeLessThanOrEqual(201);
  return { ssoKey, created: false };
}

const GOOGLE_USER = { id: '104857620394857610293', provider: 'Google', email: 'federated@example.com' };
const AUTH0_USER = { id: 'auth0|5f7c8ec7c33c6c004bbafe82', provider: 'openid-connect', email: 'auth0-user@example.com' };

describe('the identity broker’s portal flow', () => {
  it('creates the developer on the first login (no password, zero times) and updates it on the second', async () => {
    expect((await login(GOOGLE_USER, 'nonce-1')).created).toBe(true);
    expect((await login(GOOGLE_USER, 'nonce-2')).created).toBe(false);
    const ssoKey = `${GOOGLE_USER.id}@${GOOGLE_USER.provider}.com`;
    const developer = (await tyk('GET', `/api/portal/developers/ssokey/${queryEscape(ssoKey)}`)).json;
    expect(developer).toMatchObject({ email: GOOGLE_USER.email, sso_key: ssoKey, nonce: 'nonce-2', keys: {}, subscriptions: {}, PWHistory: [] });
    // Never given a password: it exists, and cannot pass verify_credentials.
    expect((await tyk('POST', '/api/portal/developers/verify_credentials', { username: GOOGLE_USER.email, password: '' })).status).toBe(401);
  });

  it('finds keys with | and @ in them (an Auth0 user id through OpenID Connect)', async () => {
    expect((await login(AUTH0_USER, 'n1')).created).toBe(true);
    expect((await login(AUTH0_USER, 'n2')).created).toBe(false);
  });

  it('answers every OpenAPI-described route as Tyk’s file says', () => {
    expectConformance(stack.conformance);
  });

  it('reads the broker’s developers through the gateway, by SSO key too', async () => {
    for (const user of [GOOGLE_USER, AUTH0_USER]) {
      const ssoKey = `${user.id}@${user.provider}.com`;
      const read = await stack.execute(CompatDeveloperBySsoKeyDocument, { ssoKey });
      expect(read.errors).toBeUndefined();
      expect(read.data!.developerBySsoKey).toMatchObject({ email: user.email, keys: [], oauthClients: [], keyRequests: [], lastLoginDate: null });
    }
    expect((await stack.execute(CompatDeveloperBySsoKeyDocument, { ssoKey: 'nobody@Google.com' })).data!.developerBySsoKey).toBeNull();
    const everything = await stack.execute(CompatEverythingDocument, { email: '@example.com' });
    expect(everything.errors).toBeUndefined();
    expect(everything.data!.developers.edges.map((e) => e.node.email)).toEqual(expect.arrayContaining([GOOGLE_USER.email, AUTH0_USER.email]));
  });

  it('refuses a malformed SSO key with BAD_USER_INPUT and no upstream call', async () => {
    const before = stack.dashboard.requestLog.count();
    const read = await stack.execute(CompatDeveloperBySsoKeyDocument, { ssoKey: '../keys' });
    expect(read.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(stack.dashboard.requestLog.count()).toBe(before);
  });
});
