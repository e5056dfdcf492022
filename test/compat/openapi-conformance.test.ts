/**
 * The embedded Dashboard against Tyk's OpenAPI file, by machine: the committed extraction of the
 * file's response schemas is the file's (when ../shared is beside the repository), every route the
 * file describes is answered with a listed status and a body its schema accepts — for every status
 * the embedded Dashboard produces on that route — and the check itself catches a wrong answer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedDashboard, type EmbeddedDashboard } from '../../src/dashboard/index.js';
import { check, createConformance, describedAs, EXTRACTED, report } from './openapi/conformance.js';
import { SAME_SCHEMA_AS, UNLISTED_STATUSES, WRONG_IN_THE_FILE } from './openapi/exceptions.js';
import { COMMITTED_PATH, embeddedRoutes, extractSchemas, serialise, SHARED_SWAGGER_PATH } from './openapi/extract.js';
import { raw } from './support.js';

const hasSharedFile = existsSync(SHARED_SWAGGER_PATH);

describe('the committed schemas', () => {
  it.skipIf(!hasSharedFile)('are exactly what extract.ts takes from ../shared/reference/dashboard-swagger.yml today', async () => {
    const fresh = serialise(extractSchemas(readFileSync(SHARED_SWAGGER_PATH, 'utf8'), await embeddedRoutes()));
    // On a mismatch: npx tsx test/compat/openapi/extract.ts, and review the diff.
    expect(readFileSync(COMMITTED_PATH, 'utf8')).toBe(fresh);
  });

  it('name an operation for every embedded route the file describes, and the exceptions only routes it does not', async () => {
    const routes = await embeddedRoutes();
    for (const route of Object.keys(EXTRACTED.operations)) expect(routes).toContain(route);
    for (const [route, { as }] of Object.entries(SAME_SCHEMA_AS)) {
      expect(routes).toContain(route);
      expect(EXTRACTED.operations[route], `${route} is described by the file itself`).toBeUndefined();
      expect(EXTRACTED.operations[as], `${as} must be described`).toBeDefined();
    }
    for (const u of [...UNLISTED_STATUSES, ...WRONG_IN_THE_FILE]) expect(describedAs(u.route)).toBeDefined();
    // Routes the file describes are the policy, key, OAuth-client and analytics ones (contract: no
    // OpenAPI description of the classic portal's developer, request or catalogue routes exists).
    expect(Object.keys(EXTRACTED.operations).length).toBeGreaterThanOrEqual(18);
  });
});

describe('the check itself', () => {
  const policyRoute = 'GET /api/portal/policies/:id';

  it('refuses a body of the wrong type and a status the file does not list', () => {
    const wrongType = check({ method: 'GET', route: policyRoute, path: '/x', status: 200, body: { _id: 'a', rate: '100', tags: 'demo' } });
    expect(wrongType.map((v) => v.problem)).toEqual([expect.stringContaining('/rate must be number'), expect.stringContaining('/tags must be array')]);
    expect(check({ method: 'GET', route: 'GET /api/portal/policies', path: '/x', status: 400, body: { Status: 'Error', Message: 'x', Meta: null } })[0]!.problem).toContain('status 400 is not one');
    expect(check({ method: 'GET', route: 'GET /api/keys/:id', path: '/x', status: 200, body: { data: { last_updated: 5, date_created: 'yesterday' } } }).length).toBe(2);
  });

  it('lets through only the listed wrong spots of the file: non-string OAuth metadata, nothing else', () => {
    const client = { client_id: 'c', secret: 's', meta_data: { tier: 3 } };
    expect(check({ method: 'POST', route: 'POST /api/apis/oauth/:apiId', path: '/x', status: 200, body: client })).toEqual([]);
    expect(check({ method: 'GET', route: 'GET /api/apis/oauth/:apiId', path: '/x', status: 200, body: { apps: [client], pages: 0 } })).toEqual([]);
    expect(check({ method: 'POST', route: 'POST /api/apis/oauth/:apiId', path: '/x', status: 200, body: { ...client, secret: 5 } })).toHaveLength(1);
  });

  it('ignores routes the file does not describe', () => {
    expect(check({ method: 'GET', route: 'GET /api/portal/developers', path: '/x', status: 200, body: 'anything' })).toEqual([]);
  });
});

describe('every described route, every status the embedded Dashboard answers it with', () => {
  let dashboard: EmbeddedDashboard;
  const conformance = createConformance();
  const NOW = new Date('2026-03-10T12:00:00.000Z');

  beforeAll(async () => {
    dashboard = createEmbeddedDashboard({ now: () => NOW, onAnswer: conformance.observe });
    await dashboard.start();
  });
  afterAll(() => dashboard.stop());

  it('conforms, and covers 200 and 401 of every described route plus its error answers', async () => {
    const [acme, globex] = dashboard.orgs;
    const org = dashboard.store.orgs.get(acme!.orgId)!;
    const policy = [...org.policies.values()].find((p) => p.active && p.auth_type !== 'oauth')!;
    const apiId = Object.keys(policy.access_rights)[0]!;
    const [oauthApi, oauthClients] = [...org.oauthClients.entries()].find(([, c]) => c.length > 0)!;
    const developer = [...org.developers.values()].find((d) => Object.keys(d.keys).length >= 2)!;
    const [hash, otherHash] = Object.keys(developer.keys) as [string, string];
    const theirHash = [...dashboard.store.orgs.get(globex!.orgId)!.keys.keys()][0]!;
    const dates = '1/3/2026/10/3/2026';
    const as = (credential: string | null): Record<string, string> => (credential === null ? {} : { authorization: credential });
    const send = (method: string, path: string, body?: object | string, credential: string | null = acme!.credential) =>
      raw(dashboard.url, { method, path, headers: as(credential), ...(body === undefined ? {} : { body }) });
    const readOnly = acme!.readOnlyCredential;

    // Creates first, so later reads and deletes have something.
    const created = (await send('POST', '/api/portal/policies', { name: 'Conformance policy', rate: 10, per: 1, access_rights: policy.access_rights })).json.Message;
    const client = (await send('POST', `/api/apis/oauth/${oauthApi}`, { redirect_uri: 'https://cb.example', policy_id: policy._id })).json.client_id;
    // Deletes by raw key (by hash is off by default, as Tyk's enable_delete_key_by_hash is).
    const rawKey = async () => encodeURIComponent((await send('POST', `/api/portal/developers/${developer.id}/keys`, { apply_policies: [policy._id] })).json.RawKey);
    const [doomed, alsoDoomed] = [await rawKey(), await rawKey()];
    const calls: [string, string, (object | string)?, (string | null)?][] = [
      // policies
      ['GET', '/api/portal/policies'], ['GET', '/api/portal/policies?p=-1&active=true'], ['GET', '/api/portal/policies', undefined, null], ['GET', '/api/portal/policies', undefined, 'wrong'],
      ['GET', `/api/portal/policies/search?q=a&policy_ids=${policy._id}`], ['GET', '/api/portal/policies/search?policy_ids=nothex'], ['GET', '/api/portal/policies/search', undefined, null],
      ['GET', `/api/portal/policies/${policy._id}`], ['GET', '/api/portal/policies/nothex'], ['GET', '/api/portal/policies/aaaaaaaaaaaaaaaaaaaaaaaa'], ['GET', `/api/portal/policies/${policy._id}`, undefined, null],
      ['POST', '/api/portal/policies', { name: policy.name }], ['POST', '/api/portal/policies', '{"name": '], ['POST', '/api/portal/policies', { name: 'x' }, readOnly], ['POST', '/api/portal/policies', { name: 'y' }, null],
      ['POST', '/api/portal/policies', { _id: policy._id, name: 'Duplicate id' }],
      ['PUT', `/api/portal/policies/${created}`, { name: 'Conformance policy', rate: 20 }], ['PUT', '/api/portal/policies/nothex', { name: 'z' }], ['PUT', '/api/portal/policies/aaaaaaaaaaaaaaaaaaaaaaaa', { name: 'z' }],
      ['PUT', `/api/portal/policies/${created}`, { name: 1 }], ['PUT', `/api/portal/policies/${created}`, { name: 'z' }, null],
      // keys, both routes
      ['GET', `/api/keys/${hash}?hashed=1`], ['GET', '/api/keys/0000000000000000?hashed=1'], ['GET', `/api/keys/${theirHash}?hashed=1`], ['GET', `/api/keys/${hash}?hashed=1`, undefined, null],
      ['GET', `/api/apis/${apiId}/keys/${hash}?hashed=1`], ['GET', `/api/apis/${apiId}/keys/nope`], ['GET', `/api/apis/${apiId}/keys/${theirHash}?hashed=1`], ['GET', `/api/apis/${apiId}/keys/${hash}?hashed=1`, undefined, null],
      ['PUT', `/api/keys/${doomed}`, { rate: 5 }], ['PUT', `/api/keys/${hash}?hashed=1`, { rate: 5 }], ['PUT', '/api/keys/not-a-key', { rate: 5 }], ['PUT', `/api/keys/${hash}?hashed=1`, { rate: 5 }, readOnly], ['PUT', `/api/keys/${hash}?hashed=1`, { rate: 5 }, null],
      ['PUT', `/api/apis/${apiId}/keys/${alsoDoomed}`, { rate: 5 }], ['PUT', `/api/apis/${apiId}/keys/not-a-key`, { rate: 5 }], ['PUT', `/api/apis/${apiId}/keys/${alsoDoomed}`, { rate: '5' }], ['PUT', `/api/apis/${apiId}/keys/${hash}?hashed=1`, { rate: 5 }, null],
      ['DELETE', `/api/keys/${doomed}`], ['DELETE', `/api/keys/${hash}?hashed=1`], ['DELETE', '/api/keys/not-a-key'], ['DELETE', `/api/keys/${hash}?hashed=1`, undefined, null],
      ['DELETE', `/api/apis/${apiId}/keys/${alsoDoomed}`], ['DELETE', `/api/apis/${apiId}/keys/not-a-key`], ['DELETE', `/api/apis/${apiId}/keys/${otherHash}`, undefined, null],
      // analytics, single key and aggregate
      ['GET', `/api/activity/keys/${otherHash}/${dates}?res=day&p=-1`], ['GET', `/api/activity/keys/${otherHash}/${dates}?res=hour`], ['GET', `/api/activity/keys/${otherHash}/${dates}`], ['GET', `/api/activity/keys/${otherHash}/31/2/2026/1/3/2026?res=day`],
      ['GET', `/api/activity/keys/${otherHash}/${dates}?res=day`, undefined, null],
      ['GET', `/api/activity/keys/aggregate/${otherHash},${hash},/${dates}?p=-1&res=day`], ['GET', `/api/activity/keys/aggregate/,/${dates}?p=-1&res=day`], ['GET', `/api/activity/keys/aggregate/%7B,/${dates}?res=day`],
      ['GET', `/api/activity/keys/aggregate/,/${dates}?res=day`, undefined, null],
      // OAuth clients per API
      ['GET', `/api/apis/oauth/${oauthApi}`], ['GET', '/api/apis/oauth/no-such-api'], ['GET', `/api/apis/oauth/${oauthApi}`, undefined, null],
      ['POST', `/api/apis/oauth/${oauthApi}`, { redirect_uri: 'https://cb.example', client_id: 'fixed-id', secret: 'fixed-secret' }], ['POST', '/api/apis/oauth/no-such-api', { redirect_uri: 'x' }],
      ['POST', `/api/apis/oauth/${oauthApi}`, { redirect_uri: 5 }], ['POST', `/api/apis/oauth/${oauthApi}`, { redirect_uri: 'x' }, null],
      ['GET', `/api/apis/oauth/${oauthApi}/${oauthClients[0]!.client_id}`], ['GET', `/api/apis/oauth/${oauthApi}/nope`], ['GET', `/api/apis/oauth/no-such-api/nope`], ['GET', `/api/apis/oauth/${oauthApi}/nope`, undefined, null],
      ['GET', `/api/apis/oauth/${oauthApi}/${oauthClients[0]!.client_id}/tokens`], ['GET', `/api/apis/oauth/${oauthApi}/nope/tokens`], ['GET', '/api/apis/oauth/no-such-api/nope/tokens'], ['GET', `/api/apis/oauth/${oauthApi}/nope/tokens`, undefined, null],
      ['DELETE', `/api/apis/oauth/${oauthApi}/${client}`], ['DELETE', `/api/apis/oauth/${oauthApi}/${client}`], ['DELETE', '/api/apis/oauth/no-such-api/nope'], ['DELETE', `/api/apis/oauth/${oauthApi}/nope`, undefined, null],
      ['DELETE', `/api/apis/oauth/${oauthApi}/nope`, undefined, readOnly],
      // API definitions
      ['GET', '/api/apis'], ['GET', '/api/apis?p=-1'], ['GET', '/api/apis?p=2'], ['GET', '/api/apis', undefined, null],
      // policy delete last
      ['DELETE', `/api/portal/policies/${created}`], ['DELETE', `/api/portal/policies/${created}`], ['DELETE', '/api/portal/policies/nothex'], ['DELETE', `/api/portal/policies/${created}`, undefined, null],
    ];
    for (const [method, path, body, credential] of calls) await send(method, path, body, credential === undefined ? acme!.credential : credential);

    expect(conformance.violations(), report(conformance.violations())).toEqual([]);
    const covered = conformance.covered();
    for (const route of [...Object.keys(EXTRACTED.operations), ...Object.keys(SAME_SCHEMA_AS)]) {
      expect(covered, `${route} 200`).toContain(`${route} 200`);
      expect(covered, `${route} 401`).toContain(`${route} 401`);
    }
    // Error answers seen (each with a status the file lists and the envelope it gives).
    for (const pair of [
      'GET /api/portal/policies/:id 400', 'GET /api/portal/policies/:id 404', 'POST /api/portal/policies 400', 'POST /api/portal/policies 403', 'POST /api/portal/policies 500',
      'PUT /api/portal/policies/:id 403', 'DELETE /api/portal/policies/:id 404', 'GET /api/portal/policies/search 400', 'GET /api/keys/:id 400', 'GET /api/keys/:id 404',
      'PUT /api/keys/:id 403', 'GET /api/apis/oauth/:apiId 400', 'POST /api/apis/oauth/:apiId 403', 'GET /api/apis/oauth/:apiId/:clientId 404', 'DELETE /api/apis/oauth/:apiId/:clientId 403',
      'GET /api/activity/keys/:key/:fromD/:fromM/:fromY/:toD/:toM/:toY 400',
    ]) {
      expect(covered, pair).toContain(pair);
    }
  });
});
