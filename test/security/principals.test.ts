/**
 * Who may see what: operators (Dashboard credential), developers (session token from `login`) and
 * anonymous callers. A developer reaches its own data and nothing of another developer's, by any
 * path; refused requests cost no upstream call and make no write.
 */
import { randomBytes } from 'node:crypto';
import { parse, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, DEMO_PASSWORD } from '../../src/dashboard/index.js';
import type { DeveloperRecord } from '../../src/dashboard/store.js';
import { SessionTokens } from '../../src/security/session-token.js';
import { startStack, type Stack } from '../support/stack.js';
import { wsSubscribe } from '../support/subscribers.js';
import { LoginDocument, MyDashboardDocument, PublicCatalogueDocument } from '../generated/graphql.js';

const SECRET = randomBytes(32).toString('base64url');
const ACME = DEMO_ORGS[0]!;

let stack: Stack;
let me: DeveloperRecord;
let other: DeveloperRecord;
let token: string;

type Result = ExecutionResult<Record<string, any>> & { status: number };

/** Sends a GraphQL document as a frontend would; `auth` is the Authorization value (null → none). */
function gql(query: string, variables: Record<string, unknown> = {}, auth: string | null = `Bearer ${token}`): Promise<Result> {
  return stack.execute(parse(query), variables, { credential: auth }) as Promise<Result>;
}

function developersOfAcme(): DeveloperRecord[] {
  return [...stack.dashboard.store.orgs.get(ACME.orgId)!.developers.values()];
}

/** Upstream writes (anything but GET) since the log was last cleared. */
function upstreamWrites() {
  return stack.dashboard.requestLog.entries().filter((e) => e.method !== 'GET');
}

async function login(email: string, password = DEMO_PASSWORD): Promise<Result> {
  return gql(
    `mutation($email: String!, $password: String!) { login(email: $email, password: $password) {
      __typename ... on Session { token expiresAt developer { id email } } ... on Error { code message } } }`,
    { email, password },
    null,
  );
}

beforeAll(async () => {
  stack = await startStack({ server: { sessions: { secret: SECRET, serviceCredential: ACME.credential } } });
  const developers = developersOfAcme().filter((d) => !d.inactive);
  me = developers.find((d) => Object.keys(d.keys).length > 0 && Object.keys(d.oauth_clients ?? {}).length > 0) ?? developers.find((d) => Object.keys(d.keys).length > 0)!;
  other = developers.find((d) => d.id !== me.id && Object.keys(d.keys).length > 0)!;
  const result = await login(me.email);
  token = result.data!['login'].token;
  expect(token).toMatch(/^pgs1\./);
});
afterAll(() => stack.stop());

describe('login', () => {
  it('returns a session for the right password, with the developer’s profile and an expiry', async () => {
    const result = await login(me.email);
    expect(result.data!['login']).toMatchObject({ __typename: 'Session', developer: { id: me.id, email: me.email } });
    const expiresIn = new Date(result.data!['login'].expiresAt).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(50 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(60 * 60_000);
  });

  it('answers a wrong password and an unknown email alike, with INVALID_CREDENTIALS', async () => {
    const wrong = await login(me.email, 'not-the-password');
    const unknown = await login('nobody-here@example.com');
    expect(wrong.data!['login']).toEqual(unknown.data!['login']);
    expect(wrong.data!['login']).toMatchObject({ __typename: 'InvalidCredentialsError', code: 'INVALID_CREDENTIALS' });
  });

  it('refuses an inactive developer with FORBIDDEN', async () => {
    const inactive = developersOfAcme().find((d) => d.inactive);
    expect(inactive, 'the demo data has an inactive developer').toBeDefined();
    expect((await login(inactive!.email)).data!['login']).toMatchObject({ __typename: 'ForbiddenError', code: 'FORBIDDEN' });
  });

  it('never logs the email or the password of an attempt', async () => {
    const marker = `marker-${randomBytes(6).toString('hex')}`;
    await login(`${marker}@example.com`, `${marker}-password`);
    expect(stack.logs.join('\n')).not.toContain(marker);
  });
});

describe('a developer session', () => {
  it('reads its own profile, keys, usage, key requests and OAuth clients through viewer', async () => {
    const result = await gql(`{ viewer { id email keys { id policies { name } usage { hits } } keyRequests { id } oauthClients { clientId secret } usage { hits } } }`);
    expect(result.errors).toBeUndefined();
    const viewer = result.data!['viewer'];
    expect(viewer.id).toBe(me.id);
    expect(viewer.keys.map((k: { id: string }) => k.id).sort()).toEqual(Object.keys(me.keys).sort());
    const ownClients = Object.values(me.oauth_clients ?? {}).flat() as { client_id: string; secret: string }[];
    expect(ownClients.length, 'the session’s developer has OAuth clients').toBeGreaterThan(0);
    expect(viewer.oauthClients).toEqual(ownClients.map((c) => ({ clientId: c.client_id, secret: c.secret })));
  });

  it('gets null from viewer as an operator, and the OAuth client secret is an error for operators', async () => {
    const asOperator = await gql(`{ viewer { id } }`, {}, ACME.credential);
    expect(asOperator.data!['viewer']).toBeNull();
    const withClient = developersOfAcme().find((d) => Object.keys(d.oauth_clients ?? {}).length > 0);
    if (!withClient) return expect.fail('the demo data has a developer with an OAuth client');
    const result = await gql(`query($id: ID!) { developer(id: $id) { oauthClients { clientId secret } } }`, { id: withClient.id }, ACME.credential);
    expect(result.errors?.map((e) => e.extensions?.['code'])).toContain('FORBIDDEN');
    const secrets = (Object.values(withClient.oauth_clients).flat() as { secret: string }[]).map((c) => c.secret);
    for (const secret of secrets) expect(JSON.stringify(result)).not.toContain(secret);
  });

  const otherPaths: [string, () => [string, Record<string, unknown>]][] = [
    ['by id', () => [`query($id: ID!) { developer(id: $id) { email } }`, { id: other.id }]],
    ['by email', () => [`query($email: String!) { developerByEmail(email: $email) { id } }`, { email: other.email }]],
    ['through the developers connection', () => [`{ developers(first: 5) { edges { node { email } } } }`, {}]],
    ['through the key requests connection', () => [`{ keyRequests(first: 5) { edges { node { id } } } }`, {}]],
    ['through the policies list', () => [`{ policies { id } }`, {}]],
  ];

  // The portal configuration is public (its operator-only fields: test/security/public-settings.test.ts).
  it.each(otherPaths)('cannot reach another developer’s data %s (FORBIDDEN, no upstream call)', async (_path, make) => {
    const [query, variables] = make();
    await gql(`{ viewer { id } }`); // the session's own developer read, outside the measured request
    stack.dashboard.requestLog.clear();
    const result = await gql(query, variables);
    expect(result.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(result.data)).not.toContain(other.email);
    // Only the check that the session's developer is still active may reach the Dashboard.
    expect(stack.dashboard.requestLog.entries().map((e) => e.route).filter((r) => r !== 'GET /api/portal/developers/:id')).toEqual([]);
  });

  it('reads its own key by id, and gets null without a key read for another developer’s key and for none', async () => {
    const query = `query($id: ID!) { key(id: $id) { id developer { id } policies { id } } }`;
    const own = Object.keys(me.keys)[0]!;
    await gql(`{ viewer { id } }`); // the session's own developer read, outside the measured requests
    stack.dashboard.requestLog.clear();
    const mine = await gql(query, { id: own });
    expect(mine.errors).toBeUndefined();
    expect(mine.data!['key']).toMatchObject({ id: own, developer: { id: me.id } });
    expect(stack.dashboard.requestLog.count('GET /api/keys/:id')).toBe(1);

    for (const id of [Object.keys(other.keys)[0]!, 'f'.repeat(32)]) {
      stack.dashboard.requestLog.clear();
      const result = await gql(query, { id });
      // Another developer's key and a key that does not exist answer alike: no oracle.
      expect(result).toMatchObject({ data: { key: null } });
      expect(result.errors).toBeUndefined();
      expect(stack.dashboard.requestLog.entries().map((e) => e.route).filter((r) => r !== 'GET /api/portal/developers/:id')).toEqual([]);
    }
  });

  const otherMutations: [string, () => [string, Record<string, unknown>]][] = [
    ['updateDeveloper', () => [`mutation($id: ID!) { updateDeveloper(id: $id, input: { name: "hijacked" }) { __typename } }`, { id: other.id }]],
    ['setDeveloperPassword', () => [`mutation($id: ID!) { setDeveloperPassword(id: $id, password: "hijacked-password", currentPassword: "x") { __typename } }`, { id: other.id }]],
    ['revokeKey', () => [`mutation($d: ID!, $k: ID!) { revokeKey(developerId: $d, keyId: $k) { __typename } }`, { d: other.id, k: Object.keys(other.keys)[0] }]],
    ['revokeKey with the other’s key under its own id', () => [`mutation($d: ID!, $k: ID!) { revokeKey(developerId: $d, keyId: $k) { __typename ... on Error { code } } }`, { d: me.id, k: Object.keys(other.keys)[0] }]],
    ['requestKey', () => [`mutation($d: ID!, $p: [ID!]!) { requestKey(input: { developerId: $d, policyIds: $p }) { __typename } }`, { d: other.id, p: Object.values(other.keys)[0] }]],
    ['addKey', () => [`mutation($d: ID!, $p: [ID!]!) { addKey(developerId: $d, policyIds: $p) { __typename } }`, { d: me.id, p: Object.values(me.keys)[0] }]],
    ['deleteDeveloper', () => [`mutation($id: ID!) { deleteDeveloper(id: $id) { __typename } }`, { id: other.id }]],
    ['deleteOAuthClient', () => [`mutation($d: ID!) { deleteOAuthClient(developerId: $d, clientId: "someclient") { __typename } }`, { d: other.id }]],
    ['revokeOAuthClientTokens', () => [`mutation($d: ID!) { revokeOAuthClientTokens(developerId: $d, clientId: "someclient") { __typename } }`, { d: me.id }]],
    ['verifyDeveloperCredentials', () => [`mutation($e: String!) { verifyDeveloperCredentials(email: $e, password: "guess-guess") { __typename } }`, { e: other.email }]],
  ];

  it.each(otherMutations)('cannot act on another developer through %s: refused, nothing written', async (name, make) => {
    const [query, variables] = make();
    stack.dashboard.requestLog.clear();
    const result = await gql(query, variables);
    const refused = result.errors?.map((e) => e.extensions?.['code']) ?? [];
    const member = Object.values(result.data ?? {})[0] as { __typename?: string; code?: string } | null;
    // Either the auth scope refuses the field, or (own id, someone else's key) the ownership check does.
    expect(refused.includes('FORBIDDEN') || member?.__typename === 'ForbiddenError' || member?.code === 'NOT_FOUND', `${name}: ${JSON.stringify(result)}`).toBe(true);
    expect(upstreamWrites()).toEqual([]);
  });

  it('updates its own profile but cannot change whether it is active', async () => {
    const renamed = await gql(`mutation($id: ID!) { updateDeveloper(id: $id, input: { name: "Renamed Self" }) { ... on DeveloperPayload { developer { name } } } }`, { id: me.id });
    expect(renamed.data!['updateDeveloper']).toEqual({ developer: { name: 'Renamed Self' } });
    stack.dashboard.requestLog.clear();
    const activate = await gql(`mutation($id: ID!) { updateDeveloper(id: $id, input: { inactive: true }) { __typename ... on Error { code } } }`, { id: me.id });
    expect(activate.data!['updateDeveloper']).toEqual({ __typename: 'ForbiddenError', code: 'FORBIDDEN' });
    expect(upstreamWrites()).toEqual([]);
  });

  it('changes its own password only with the current one', async () => {
    const without = await gql(`mutation($id: ID!) { setDeveloperPassword(id: $id, password: "new-password-1") { __typename ... on ValidationError { field } } }`, { id: me.id });
    expect(without.data!['setDeveloperPassword']).toEqual({ __typename: 'ValidationError', field: 'currentPassword' });
    const wrong = await gql(`mutation($id: ID!) { setDeveloperPassword(id: $id, password: "new-password-1", currentPassword: "wrong-one") { __typename ... on ValidationError { field } } }`, { id: me.id });
    expect(wrong.data!['setDeveloperPassword']).toEqual({ __typename: 'ValidationError', field: 'currentPassword' });
    const right = await gql(
      `mutation($id: ID!, $current: String!) { setDeveloperPassword(id: $id, password: "new-password-1", currentPassword: $current) { __typename ... on SetDeveloperPasswordPayload { session { token } } } }`,
      { id: me.id, current: DEMO_PASSWORD },
    );
    expect(right.data!['setDeveloperPassword'].__typename).toBe('SetDeveloperPasswordPayload');
    // The change ends the session that made it; the payload carries a new one.
    const stale = await gql(`{ viewer { id } }`);
    expect([stale.status, stale.errors?.map((e) => e.extensions?.['code'])]).toEqual([401, ['SESSION_EXPIRED']]);
    const fresh = `Bearer ${right.data!['setDeveloperPassword'].session.token}`;
    expect((await gql(`{ viewer { id } }`, {}, fresh)).data!['viewer']).toEqual({ id: me.id });
    expect((await login(me.email, 'new-password-1')).data!['login'].__typename).toBe('Session');
    await gql(`mutation($id: ID!, $p: String!) { setDeveloperPassword(id: $id, password: $p) { __typename } }`, { id: me.id, p: DEMO_PASSWORD }, ACME.credential);
    // An operator's change ends the developer's sessions too.
    expect((await gql(`{ viewer { id } }`, {}, fresh)).errors?.map((e) => e.extensions?.['code'])).toEqual(['SESSION_EXPIRED']);
    token = (await login(me.email)).data!['login'].token;
  });

  it('requests keys for shown catalogue entries only', async () => {
    const catalogue = stack.dashboard.store.orgs.get(ACME.orgId)!.catalogue!.apis as { policy_id: string; show: boolean }[];
    const shown = catalogue.find((e) => e.show)!.policy_id;
    const hidden = catalogue.find((e) => !e.show)!.policy_id;
    stack.dashboard.requestLog.clear();
    const refused = await gql(`mutation($d: ID!, $p: [ID!]!) { requestKey(input: { developerId: $d, policyIds: $p }) { __typename ... on ValidationError { field } } }`, { d: me.id, p: [hidden] });
    expect(refused.data!['requestKey']).toEqual({ __typename: 'ValidationError', field: 'input.policyIds[0]' });
    expect(upstreamWrites()).toEqual([]);
    const accepted = await gql(`mutation($d: ID!, $p: [ID!]!) { requestKey(input: { developerId: $d, policyIds: $p }) { __typename ... on KeyRequestPayload { keyRequest { developer { id } } } } }`, { d: me.id, p: [shown] });
    expect(accepted.data!['requestKey']).toEqual({ __typename: 'KeyRequestPayload', keyRequest: { developer: { id: me.id } } });
  });

  it('revokes its own key', async () => {
    const keyId = Object.keys(me.keys).at(-1)!;
    const result = await gql(`mutation($d: ID!, $k: ID!) { revokeKey(developerId: $d, keyId: $k) { __typename ... on RevokeKeyPayload { revokedKeyId } } }`, { d: me.id, k: keyId });
    expect(result.data!['revokeKey']).toEqual({ __typename: 'RevokeKeyPayload', revokedKeyId: keyId });
  });

  it('subscribes to its own key events only, and not to another developer’s', async () => {
    const refused = await wsSubscribe(stack.url, `Bearer ${token}`, `subscription($id: ID) { keyEvents(developerId: $id) { developerId } }`, { id: other.id });
    expect(JSON.stringify(await refused.next())).toContain('FORBIDDEN');
    await refused.close();
    const mine = await wsSubscribe(stack.url, `Bearer ${token}`, `subscription { keyIssued { developerId keyId developer { email } } }`);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the subscription reaches the bus
    const policy = Object.values(other.keys)[0]![0]!;
    const add = `mutation($d: ID!, $p: [ID!]!) { addKey(developerId: $d, policyIds: $p) { ... on IssuedKey { key { id } } } }`;
    await gql(add, { d: other.id, p: [policy] }, ACME.credential);
    const own = await gql(add, { d: me.id, p: [policy] }, ACME.credential);
    expect(await mine.next()).toMatchObject({ data: { keyIssued: { developerId: me.id, keyId: own.data!['addKey'].key.id, developer: { email: me.email } } } });
    expect(mine.received).toHaveLength(1);
    await mine.close();
  });
});

describe('the example developer portal operations (examples/developer-portal.graphql)', () => {
  it('log in, read the dashboard with the token, and read the public catalogue without one', async () => {
    const session = await stack.execute(LoginDocument, { email: other.email, password: DEMO_PASSWORD }, { credential: null });
    if (session.data?.login.__typename !== 'Session') return expect.fail(JSON.stringify(session));
    const dashboard = await stack.execute(MyDashboardDocument, {}, { credential: `Bearer ${session.data.login.token}` });
    expect(dashboard.errors).toBeUndefined();
    expect(dashboard.data?.viewer?.keys.map((k) => k.id).sort()).toEqual(Object.keys(other.keys).sort());
    const catalogue = await stack.execute(PublicCatalogueDocument, {}, { credential: null });
    expect(catalogue.data?.catalogue.length).toBeGreaterThan(0);
  });
});

describe('an anonymous caller', () => {
  it('sees only the shown catalogue entries', async () => {
    const result = await gql(`{ catalogue { name show } }`, {}, null);
    const apis = stack.dashboard.store.orgs.get(ACME.orgId)!.catalogue!.apis as { show: boolean }[];
    expect(result.data!['catalogue']).toHaveLength(apis.filter((e) => e.show).length);
    expect(result.data!['catalogue'].every((e: { show: boolean }) => e.show)).toBe(true);
  });

  it('gets null from viewer and UNAUTHENTICATED (401) for anything else, with no upstream call', async () => {
    expect((await gql(`{ viewer { id } }`, {}, null)).data).toEqual({ viewer: null });
    stack.dashboard.requestLog.clear();
    const result = await gql(`{ developers(first: 1) { totalCount } }`, {}, null);
    expect(result.status).toBe(401);
    expect(result.errors?.map((e) => e.extensions?.['code'])).toEqual(['UNAUTHENTICATED']);
    const mutation = await gql(`mutation { deleteDeveloper(id: "5e9d9544a1dcd60001d0ed00") { __typename } }`, {}, null);
    expect(mutation.status).toBe(401);
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });

  it('signs up when the portal allows it, and is logged in', async () => {
    const email = `signup-${randomBytes(4).toString('hex')}@example.com`;
    const result = await gql(
      `mutation($email: String!) { signup(input: { email: $email, password: "signup-password", name: "New Dev" }) { __typename ... on Session { token developer { email name } } } }`,
      { email },
      null,
    );
    expect(result.data!['signup']).toMatchObject({ __typename: 'Session', developer: { email, name: 'New Dev' } });
    const viewer = await gql(`{ viewer { email keys { id } } }`, {}, `Bearer ${result.data!['signup'].token}`);
    expect(viewer.data).toEqual({ viewer: { email, keys: [] } });
  });

  it('cannot sign up when the portal disables sign-up, and sees no catalogue when it is for logged-in developers only', async () => {
    const configuration = stack.dashboard.store.orgs.get(ACME.orgId)!.configuration!;
    const saved = { ...configuration };
    Object.assign(configuration, { disable_signup: true, catalogue_login_only: true });
    try {
      // The configuration is shared for a short while across requests: use a fresh gateway.
      const fresh = await startStack({ server: { sessions: { secret: SECRET, serviceCredential: ACME.credential } }, dashboard: {} });
      fresh.dashboard.store.orgs.get(ACME.orgId)!.configuration!['disable_signup'] = true;
      fresh.dashboard.store.orgs.get(ACME.orgId)!.configuration!['catalogue_login_only'] = true;
      const signup = await fresh.execute(parse(`mutation { signup(input: { email: "x-closed@example.com", password: "signup-password" }) { __typename ... on Error { code } } }`), {}, { credential: null });
      expect((signup.data as Record<string, unknown>)['signup']).toEqual({ __typename: 'ForbiddenError', code: 'FORBIDDEN' });
      const catalogue = await fresh.execute(parse(`{ catalogue { name } }`), {}, { credential: null });
      expect(catalogue.data).toEqual({ catalogue: [] });
      await fresh.stop();
    } finally {
      Object.assign(configuration, saved);
    }
  });
});

describe('session tokens', () => {
  const cases: [string, () => string, string][] = [
    ['expired', () => new SessionTokens({ secret: SECRET, now: () => new Date(Date.now() - 2 * 3600_000) }).issue({ developerId: me.id, orgId: ACME.orgId }).token, 'SESSION_EXPIRED'],
    ['signed with another secret', () => new SessionTokens({ secret: randomBytes(32).toString('hex') }).issue({ developerId: me.id, orgId: ACME.orgId }).token, 'UNAUTHENTICATED'],
    ['with a payload swapped to another developer', () => {
      const [prefix, , signature] = token.split('.');
      const payload = Buffer.from(JSON.stringify({ sub: other.id, org: ACME.orgId, iat: 0, exp: 4_000_000_000 })).toString('base64url');
      return `${prefix}.${payload}.${signature}`;
    }, 'UNAUTHENTICATED'],
    ['truncated', () => token.slice(0, -5), 'UNAUTHENTICATED'],
    ['garbage after the prefix', () => 'pgs1.%%%.!!!', 'UNAUTHENTICATED'],
    ['oversized', () => `pgs1.${'a'.repeat(5000)}.b`, 'UNAUTHENTICATED'],
  ];

  it.each(cases)('refuses a token %s with 401 and no upstream call', async (_name, make, code) => {
    stack.dashboard.requestLog.clear();
    const result = await gql(`{ viewer { id } catalogue { name } }`, {}, `Bearer ${make()}`);
    expect(result.status).toBe(401);
    expect(result.errors?.map((e) => e.extensions?.['code'])).toEqual([code]);
    expect(result.data ?? null).toBeNull();
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });

  it('refuses an expired token over graphql-ws too', async () => {
    const expired = new SessionTokens({ secret: SECRET, now: () => new Date(Date.now() - 2 * 3600_000) }).issue({ developerId: me.id, orgId: ACME.orgId }).token;
    const subscription = await wsSubscribe(stack.url, `Bearer ${expired}`, `subscription { keyIssued { keyId } }`);
    expect(JSON.stringify(await subscription.next())).toContain('SESSION_EXPIRED');
    await subscription.close();
  });

  it('stops working as soon as the developer is deactivated', async () => {
    const target = developersOfAcme().find((d) => !d.inactive && d.id !== me.id && d.id !== other.id)!;
    const session = (await login(target.email)).data!['login'].token as string;
    expect((await gql(`{ viewer { id } }`, {}, `Bearer ${session}`)).data).toEqual({ viewer: { id: target.id } });
    await gql(`mutation($id: ID!) { updateDeveloper(id: $id, input: { inactive: true }) { __typename } }`, { id: target.id }, ACME.credential);
    expect((await gql(`{ viewer { id } }`, {}, `Bearer ${session}`)).data).toEqual({ viewer: null });
    const revoke = await gql(`mutation($d: ID!, $k: ID!) { revokeKey(developerId: $d, keyId: $k) { __typename ... on Error { code } } }`, { d: target.id, k: Object.keys(target.keys)[0] ?? 'none' }, `Bearer ${session}`);
    expect(revoke.data!['revokeKey']).toEqual({ __typename: 'ForbiddenError', code: 'FORBIDDEN' });
  });
});
