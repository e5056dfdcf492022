/**
 * Operators manage the portal: catalogue entries (add, update, remove) and the portal
 * configuration, each a read-merge-write of the whole object Tyk can only replace. Checked against
 * the embedded Dashboard's store: what the change did not touch is kept, an organisation without
 * the object gets one, the shared cache drops what changed (for developers and visitors too), and
 * concurrent changes — through the gateway, or straight to the Dashboard between the gateway's read
 * and its write — are never lost silently.
 */
import { parse } from 'graphql';
import { Redis } from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS } from '../../src/dashboard/index.js';
import { objectId } from '../../src/dashboard/random.js';
import { RedisExpiringStore } from '../../src/security/expiring-store.js';
import { createTykClient } from '../../src/tyk/client.js';
import type { TykClient } from '../../src/tyk/types.js';
import { startStack, type Stack } from '../support/stack.js';

const ACME = DEMO_ORGS[0]!;
const ADD = parse(`mutation($input: AddCatalogueEntryInput!) { addCatalogueEntry(input: $input) {
  __typename ... on CatalogueEntryPayload { entry { policyId name show authType shortDescription } catalogue { policyId } } ... on Error { code } ... on ValidationError { field } } }`);
const UPDATE = parse(`mutation($p: ID!, $input: UpdateCatalogueEntryInput!) { updateCatalogueEntry(policyId: $p, input: $input) {
  __typename ... on CatalogueEntryPayload { entry { policyId name show shortDescription longDescription } } ... on Error { code } } }`);
const REMOVE = parse(`mutation($p: ID!) { removeCatalogueEntry(policyId: $p) { __typename ... on RemoveCatalogueEntryPayload { removedPolicyId catalogue { policyId } } ... on Error { code } } }`);
const CONFIGURE = parse(`mutation($input: UpdatePortalConfigurationInput!) { updatePortalConfiguration(input: $input) {
  __typename ... on PortalConfigurationPayload { portalConfiguration { requireKeyApproval disableSignup signupFields keyRequestFields oauthUsageLimit notificationEmail } }
  ... on Error { code } ... on ValidationError { field } } }`);
const PUBLIC_CATALOGUE = parse(`{ catalogue { policyId name } }`);

type Data = Record<string, Record<string, unknown>>;

let stack: Stack;
/**
 * Runs after each read of the catalogue or the configuration the gateway's client makes, before
 * the gateway sees it: a test changes the Dashboard's object there, as Tyk's own UI would while
 * the gateway is between its read and its write.
 */
let afterRead: ((object: 'catalogue' | 'configuration') => void) | undefined;

/** The gateway's upstream client, with the `afterRead` hook. */
function hookedClient(dashboardUrl: () => string) {
  return (credential: string, request?: { signal?: AbortSignal | undefined }): TykClient => {
    const client = createTykClient({ baseUrl: dashboardUrl(), credential, signal: request?.signal });
    return {
      ...client,
      getCatalogue: async (o) => {
        const value = await client.getCatalogue(o);
        afterRead?.('catalogue');
        return value;
      },
      getPortalConfiguration: async (o) => {
        const value = await client.getPortalConfiguration(o);
        afterRead?.('configuration');
        return value;
      },
    };
  };
}

function org(orgId = ACME.orgId) {
  return stack.dashboard.store.orgs.get(orgId)!;
}

/** Policies of the org not yet in its catalogue. */
function unlisted(orgId = ACME.orgId): string[] {
  const listed = new Set(((org(orgId).catalogue?.['apis'] as { policy_id: string }[]) ?? []).map((e) => e.policy_id));
  return [...org(orgId).policies.keys()].filter((id) => !listed.has(id));
}

async function rest(path: string, init: RequestInit = {}, credential = ACME.credential) {
  const response = await fetch(`${stack.dashboard.url}${path}`, { ...init, headers: { authorization: credential, 'content-type': 'application/json', ...(init.headers ?? {}) } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

let developerAuth: string;

beforeAll(async () => {
  let url = '';
  stack = await startStack({
    server: {
      clientFor: hookedClient(() => url),
      sessions: { secret: randomBytes(32).toString('hex'), serviceCredential: ACME.credential },
    },
  });
  url = stack.dashboard.url;
  const me = [...org().developers.values()].find((d) => !d.inactive)!;
  const login = await stack.execute(parse(`mutation($e: String!) { login(email: $e, password: "demo-password") { ... on Session { token } } }`), { e: me.email }, { credential: null });
  developerAuth = `Bearer ${(login.data as Data)['login']!['token']}`;
});
afterAll(() => stack.stop());

describe('catalogue entries', () => {
  it('adds an entry, keeps every other entry as it was, and visitors see it at once (the shared cache dropped it)', async () => {
    const before = structuredClone(org().catalogue!['apis']) as Record<string, unknown>[];
    await stack.execute(PUBLIC_CATALOGUE, {}, { credential: null }); // the service credential's cached copy
    const policyId = unlisted()[0]!;
    const result = await stack.execute(ADD, { input: { policyId, name: 'Weather API', shortDescription: 'Forecasts' } });
    expect((result.data as Data)['addCatalogueEntry']).toMatchObject({
      __typename: 'CatalogueEntryPayload',
      entry: { policyId, name: 'Weather API', show: true, shortDescription: 'Forecasts', authType: org().policies.get(policyId)!.auth_type },
    });
    const after = org().catalogue!['apis'] as Record<string, unknown>[];
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.at(-1)).toMatchObject({ policy_id: policyId, name: 'Weather API', version: 'v2' });
    const visitor = await stack.execute(PUBLIC_CATALOGUE, {}, { credential: null });
    expect((visitor.data as { catalogue: { policyId: string }[] }).catalogue.map((e) => e.policyId)).toContain(policyId);
  });

  it('updates only the given fields of an entry and keeps what the gateway does not model (config, fields)', async () => {
    const entry = (org().catalogue!['apis'] as Record<string, unknown>[])[0]!;
    entry['config'] = { override: true, require_key_approval: true };
    entry['fields'] = { tier: 'gold' };
    const policyId = entry['policy_id'] as string;
    const result = await stack.execute(UPDATE, { p: policyId, input: { show: false, longDescription: 'New words.' } });
    expect((result.data as Data)['updateCatalogueEntry']).toMatchObject({ entry: { policyId, show: false, longDescription: 'New words.', name: entry['name'] } });
    expect((org().catalogue!['apis'] as Record<string, unknown>[])[0]).toMatchObject({
      policy_id: policyId,
      show: false,
      long_description: 'New words.',
      short_description: entry['short_description'],
      config: { override: true, require_key_approval: true },
      fields: { tier: 'gold' },
    });
  });

  it('removes an entry, and answers NOT_FOUND for one that is not there', async () => {
    const policyId = (org().catalogue!['apis'] as { policy_id: string }[]).at(-1)!.policy_id;
    const removed = await stack.execute(REMOVE, { p: policyId });
    expect((removed.data as Data)['removeCatalogueEntry']).toMatchObject({ removedPolicyId: policyId });
    expect((org().catalogue!['apis'] as { policy_id: string }[]).map((e) => e.policy_id)).not.toContain(policyId);
    expect((await stack.execute(REMOVE, { p: policyId })).data).toEqual({ removeCatalogueEntry: { __typename: 'NotFoundError', code: 'NOT_FOUND' } });
    expect((await stack.execute(UPDATE, { p: policyId, input: { name: 'x' } })).data).toEqual({ updateCatalogueEntry: { __typename: 'NotFoundError', code: 'NOT_FOUND' } });
  });

  it.each([
    ['a policy already in the catalogue', () => ({ policyId: (org().catalogue!['apis'] as { policy_id: string }[])[0]!.policy_id, name: 'Twice' }), 'ValidationError'],
    ['an unknown policy', () => ({ policyId: objectId(), name: 'Nobody' }), 'NotFoundError'],
    ['an auth type Tyk does not know', () => ({ policyId: unlisted()[0]!, name: 'Odd', authType: 'password' }), 'ValidationError'],
    ['an empty name', () => ({ policyId: unlisted()[0]!, name: '  ' }), 'ValidationError'],
  ])('refuses %s without writing', async (_case, input, type) => {
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(ADD, { input: input() });
    expect((result.data as Data)['addCatalogueEntry']!['__typename']).toBe(type);
    expect(stack.dashboard.requestLog.entries().filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('creates the catalogue on an organisation that has none', async () => {
    const orgId = objectId();
    const credential = `cred-${randomUUID()}`;
    stack.dashboard.addOrg({ orgId, name: 'Empty Inc', credential });
    const created = await rest('/api/portal/policies', { method: 'POST', body: JSON.stringify({ name: 'Starter', rate: 10, per: 60, access_rights: {} }) }, credential);
    const policyId = created.body['Message'] as string;
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(ADD, { input: { policyId, name: 'Starter API' } }, { credential });
    expect((result.data as Data)['addCatalogueEntry']).toMatchObject({ catalogue: [{ policyId }] });
    expect(stack.dashboard.requestLog.count('POST /api/portal/catalogue')).toBe(1);
    expect(org(orgId).catalogue!['apis']).toMatchObject([{ policy_id: policyId, name: 'Starter API' }]);
  });

  it('loses none of many concurrent additions through the gateway', async () => {
    const policyIds = unlisted().slice(0, 3);
    expect(policyIds.length).toBeGreaterThan(1);
    const results = await Promise.all(policyIds.map((policyId, i) => stack.execute(ADD, { input: { policyId, name: `Concurrent ${i}` } })));
    expect(results.map((r) => (r.data as Data)['addCatalogueEntry']!['__typename'])).toEqual(policyIds.map(() => 'CatalogueEntryPayload'));
    const listed = (org().catalogue!['apis'] as { policy_id: string }[]).map((e) => e.policy_id);
    for (const policyId of policyIds) expect(listed).toContain(policyId);
  });

  it('merges again when the Dashboard’s catalogue changed between the gateway’s read and its write', async () => {
    const outsider = objectId();
    const ours = (org().catalogue!['apis'] as { policy_id: string }[])[1]!.policy_id;
    let changes = 0;
    // Once, right after the gateway's first read: an entry added in Tyk's own UI.
    afterRead = (object) => {
      if (object !== 'catalogue' || changes++ > 0) return;
      (org().catalogue!['apis'] as Record<string, unknown>[]).push({ name: 'Added in Tyk', policy_id: outsider, show: true, version: 'v2' });
    };
    try {
      const result = await stack.execute(UPDATE, { p: ours, input: { name: 'Renamed by the gateway' } });
      expect((result.data as Data)['updateCatalogueEntry']!['__typename']).toBe('CatalogueEntryPayload');
    } finally {
      afterRead = undefined;
    }
    const apis = org().catalogue!['apis'] as { policy_id: string; name: string }[];
    expect(apis.find((e) => e.policy_id === outsider)?.name).toBe('Added in Tyk');
    expect(apis.find((e) => e.policy_id === ours)!.name).toBe('Renamed by the gateway');
  });

  it('writes nothing and says so when the catalogue changes on every attempt', async () => {
    const policyId = (org().catalogue!['apis'] as { policy_id: string }[])[0]!.policy_id;
    let n = 0;
    afterRead = (object) => {
      if (object === 'catalogue') (org().catalogue!['apis'] as Record<string, unknown>[])[0]!['short_description'] = `changed in Tyk ${n++}`;
    };
    stack.dashboard.requestLog.clear();
    try {
      const result = await stack.execute(UPDATE, { p: policyId, input: { name: 'Never written' } });
      expect((result.data as Data)['updateCatalogueEntry']).toEqual({ __typename: 'ConcurrentChangeError', code: 'CONCURRENT_CHANGE' });
      expect(stack.dashboard.requestLog.count('PUT /api/portal/catalogue')).toBe(0);
      expect((org().catalogue!['apis'] as { name: string }[])[0]!.name).not.toBe('Never written');
    } finally {
      afterRead = undefined;
    }
  });
});

describe('portal configuration', () => {
  it('changes only the given settings and keeps the rest, Tyk’s mail options included', async () => {
    const configuration = org().configuration!;
    configuration['mail_options'] = { mail_from_name: 'Acme', mail_from_email: 'portal@acme.example' };
    const before = structuredClone(configuration);
    const result = await stack.execute(CONFIGURE, { input: { disableSignup: true, signupFields: ['Company', 'Telephone'], oauthUsageLimit: null } });
    expect((result.data as Data)['updatePortalConfiguration']).toMatchObject({
      portalConfiguration: { disableSignup: true, signupFields: ['Company', 'Telephone'], oauthUsageLimit: null, requireKeyApproval: before['require_key_approval'] },
    });
    expect(org().configuration).toEqual({ ...before, disable_signup: true, signup_fields: ['Company', 'Telephone'], oauth_usage_limit: -1 });
    // Visitors read the new setting at once.
    const visitor = await stack.execute(parse(`{ portalConfiguration { disableSignup } }`), {}, { credential: null });
    expect(visitor.data).toEqual({ portalConfiguration: { disableSignup: true } });
    await stack.execute(CONFIGURE, { input: { disableSignup: false } });
  });

  it('loses none of several concurrent changes of different settings', async () => {
    const results = await Promise.all([
      stack.execute(CONFIGURE, { input: { requireKeyApproval: true } }),
      stack.execute(CONFIGURE, { input: { keyRequestFields: ['Purpose', 'Volume'] } }),
      stack.execute(CONFIGURE, { input: { notificationEmail: 'ops@acme.example' } }),
    ]);
    expect(results.map((r) => (r.data as Data)['updatePortalConfiguration']!['__typename'])).toEqual(['PortalConfigurationPayload', 'PortalConfigurationPayload', 'PortalConfigurationPayload']);
    expect(org().configuration).toMatchObject({ require_key_approval: true, key_request_fields: ['Purpose', 'Volume'], email: 'ops@acme.example' });
  });

  it('keeps a change made in the Dashboard between the gateway’s read and its write', async () => {
    let changes = 0;
    afterRead = (object) => {
      if (object === 'configuration' && changes++ === 0) org().configuration!['redirect_to'] = 'https://acme.example/keys';
    };
    try {
      const result = await stack.execute(CONFIGURE, { input: { catalogueLoginOnly: true } });
      expect((result.data as Data)['updatePortalConfiguration']!['__typename']).toBe('PortalConfigurationPayload');
    } finally {
      afterRead = undefined;
    }
    expect(org().configuration).toMatchObject({ redirect_to: 'https://acme.example/keys', catalogue_login_only: true });
    await stack.execute(CONFIGURE, { input: { catalogueLoginOnly: false } });
  });

  it('creates the configuration on an organisation that has none', async () => {
    const orgId = objectId();
    const credential = `cred-${randomUUID()}`;
    stack.dashboard.addOrg({ orgId, name: 'Fresh Ltd', credential });
    const result = await stack.execute(CONFIGURE, { input: { requireKeyApproval: true } }, { credential });
    expect((result.data as Data)['updatePortalConfiguration']).toMatchObject({ portalConfiguration: { requireKeyApproval: true } });
    expect(org(orgId).configuration).toMatchObject({ require_key_approval: true });
  });

  it.each([
    [{ signupFields: ['A', 'A'] }, 'input.signupFields[1]'],
    [{ redirectTo: 'not a url' }, 'input.redirectTo'],
    [{ oauthUsageLimit: -3 }, 'input.oauthUsageLimit'],
    [{ notificationEmail: 'nope' }, 'input.notificationEmail'],
    [{}, 'input'],
  ])('refuses %j without writing', async (input, field) => {
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(CONFIGURE, { input });
    expect((result.data as Data)['updatePortalConfiguration']).toMatchObject({ __typename: 'ValidationError', field });
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });
});

describe('who may manage the portal', () => {
  it('refuses a developer (ForbiddenError) and an anonymous visitor (UNAUTHENTICATED), writing nothing', async () => {
    stack.dashboard.requestLog.clear();
    const asDeveloper = await stack.execute(CONFIGURE, { input: { disableSignup: true } }, { credential: developerAuth });
    expect((asDeveloper.data as Data)['updatePortalConfiguration']).toEqual({ __typename: 'ForbiddenError', code: 'FORBIDDEN' });
    const removed = await stack.execute(REMOVE, { p: objectId() }, { credential: developerAuth });
    expect((removed.data as Data)['removeCatalogueEntry']).toEqual({ __typename: 'ForbiddenError', code: 'FORBIDDEN' });
    const anonymous = await stack.execute(CONFIGURE, { input: { disableSignup: true } }, { credential: null });
    expect(anonymous.errors?.map((e) => e.extensions?.['code'])).toEqual(['UNAUTHENTICATED']);
    expect(stack.dashboard.requestLog.entries().filter((e) => e.method !== 'GET')).toEqual([]);
  });
});

const REDIS_URL = process.env['REDIS_URL'];
describe.skipIf(!REDIS_URL)('across replicas, through Redis', () => {
  const prefix = `portal-graph-test-writes-${randomUUID()}`;
  const connections: Redis[] = [];
  const replicas: Stack[] = [];
  beforeAll(async () => {
    const redis = () => {
      const client = new Redis(REDIS_URL!, { maxRetriesPerRequest: 1 });
      client.on('error', () => undefined);
      connections.push(client);
      return client;
    };
    const first = await startStack({ server: { sharedStore: new RedisExpiringStore({ redis: redis(), prefix }) } });
    replicas.push(first, await startStack({ upstream: first.dashboard, server: { sharedStore: new RedisExpiringStore({ redis: redis(), prefix }) } }));
  });
  afterAll(async () => {
    for (const replica of [...replicas].reverse()) await replica.stop();
    connections.forEach((c) => c.disconnect());
  });

  it('loses none of concurrent additions made through two replicas', async () => {
    const dashboard = replicas[0]!.dashboard;
    const acme = dashboard.store.orgs.get(ACME.orgId)!;
    const listed = new Set((acme.catalogue!['apis'] as { policy_id: string }[]).map((e) => e.policy_id));
    const policyIds = [...acme.policies.keys()].filter((id) => !listed.has(id)).slice(0, 2);
    expect(policyIds).toHaveLength(2);
    const results = await Promise.all(policyIds.map((policyId, i) => replicas[i % 2]!.execute(ADD, { input: { policyId, name: `Replica ${i}` } })));
    expect(results.map((r) => (r.data as Data)['addCatalogueEntry']!['__typename'])).toEqual(['CatalogueEntryPayload', 'CatalogueEntryPayload']);
    const after = (acme.catalogue!['apis'] as { policy_id: string }[]).map((e) => e.policy_id);
    for (const policyId of policyIds) expect(after).toContain(policyId);
  });
});
