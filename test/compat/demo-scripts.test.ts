/**
 * Tyk's demo environment (TykTechnologies/tyk-demo scripts/common.sh and the Postman collection
 * deployments/tyk/tyk_demo_tyk.postman_collection.json), bootstrapping a new organisation with curl:
 * `-d` bodies (so `content-type: application/x-www-form-urlencoded` on JSON text), `Authorization`
 * or `authorization`; configuration and catalogue created blind (`POST {}`, `POST {org_id}`) with the
 * catalogue id read from `.Message`; policies created from files that carry their own `_id`, which
 * the catalogue and the Postman tests then name; the catalogue extended with GET, jq `.apis += […]`,
 * PUT; OAuth clients created with the client's own `client_id` and `secret`, which the answer must
 * echo (the script checks both, as do the Postman tests, which then read, list and delete them).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompatDeveloperByEmailDocument, CompatEverythingDocument } from '../generated/graphql.js';
import { client, expectConformance, startCompatStack, type CompatStack } from './support.js';

const ORG = { orgId: '5e9d9544a1dcd60001d0ed2f', name: 'Tyk Demo', credential: 'tyk-demo-dashboard-api-key-77c1' };
const API_ID = 'fa0b0268b4124faa70e151a879d3e92c';
const POLICY_ID = '615d2e528bf3980001c7c6c2';
/** A policy file as tyk-demo keeps them: its own `_id` and `id`, access to the demo API. */
const POLICY_FILE = {
  _id: POLICY_ID,
  id: POLICY_ID,
  name: 'OAuth Policy',
  org_id: ORG.orgId,
  rate: 1000,
  per: 60,
  quota_max: -1,
  quota_renewal_rate: -1,
  active: true,
  state: 'active',
  auth_type: 'oauth',
  access_rights: { [API_ID]: { api_id: API_ID, api_name: 'OAuth API', versions: ['Default'], allowed_urls: [], limit: null } },
  tags: [],
};

let stack: CompatStack;
let curl: ReturnType<typeof client>;
let postman: ReturnType<typeof client>;

beforeAll(async () => {
  stack = await startCompatStack({}, { sharedCacheTtlMs: 0 });
  stack.dashboard.addOrg(ORG);
  curl = client(stack.dashboard.url, { Authorization: ORG.credential, 'User-Agent': 'curl/8.5.0', Accept: '*/*', 'Content-Type': 'application/x-www-form-urlencoded' });
  postman = client(stack.dashboard.url, { Authorization: ORG.credential, 'User-Agent': 'PostmanRuntime/7.39.0', Accept: '*/*', 'Content-Type': 'application/json' });
});
afterAll(() => stack.stop());

describe('the demo bootstrap (scripts/common.sh)', () => {
  let catalogueId: string;

  it('initialise_portal: creates the configuration from {} and the catalogue from {org_id}, reading .Message', async () => {
    const configuration = await curl('POST', '/api/portal/configuration', '{}');
    expect(configuration.json).toMatchObject({ Status: 'OK', Message: expect.stringMatching(/^[0-9a-f]{24}$/) });
    const catalogue = await curl('POST', '/api/portal/catalogue', `{"org_id": "${ORG.orgId}"}`);
    catalogueId = catalogue.json.Message;
    expect(catalogueId).toMatch(/^[0-9a-f]{24}$/);
  });

  it('create_policy: the policy keeps the _id its file carries', async () => {
    const created = await curl('POST', '/api/portal/policies', POLICY_FILE);
    expect(created.json).toEqual({ Status: 'OK', Message: POLICY_ID, Meta: null });
  });

  it('create_portal_documentation and create_portal_catalogue: GET, .apis += [entry], PUT', async () => {
    const doc = await curl('POST', '/api/portal/documentation', { api_id: '', doc_type: 'swagger', documentation: Buffer.from('{"swagger":"2.0"}').toString('base64') });
    const documentationId = doc.json.Message;
    const current = (await curl('GET', '/api/portal/catalogue')).json;
    const entry = { api_id: '', hasDocumentation: true, config: { email: '', key_request_fields: [], require_key_approval: false, oauth_usage_limit: -1, redirect_on_key_request: false, override: false }, policy_id: POLICY_ID, name: 'OAuth API', version: 'v2', short_description: '', long_description: '', fields: {}, documentation: documentationId, show: true };
    const put = await curl('PUT', '/api/portal/catalogue', { ...current, apis: [...current.apis, entry] });
    expect(put.status).toBe(200);
    expect((await curl('GET', '/api/portal/catalogue')).json).toMatchObject({ id: catalogueId, apis: [expect.objectContaining({ policy_id: POLICY_ID, hasDocumentation: true })] });
  });

  it('create_portal_developer: email, password and org_id', async () => {
    const created = await curl('POST', '/api/portal/developers', { email: 'portal-developer@example.org', password: 'yrPL6CdeJmSCYv7q', org_id: ORG.orgId });
    expect(created.json.Status).toBe('OK');
  });

  it('create_oauth_client: the answer echoes the client_id and secret the file gives', async () => {
    const file = { client_id: 'my-client-id', api_id: API_ID, policy_id: POLICY_ID, secret: 'my-client-secret', redirect_uri: 'http://example.com' };
    const answer = await curl('POST', `/api/apis/oauth/${API_ID}`, file);
    expect(answer.status).toBe(200);
    expect(answer.json.client_id).toBe(file.client_id);
    expect(answer.json.secret).toBe(file.secret);
  });
});

describe('the Postman collection’s OAuth client tests', () => {
  it('creates a client with a GUID id and a random secret, reads, lists and deletes it, then reads 404', async () => {
    const sent = { client_id: randomUUID(), api_id: API_ID, policy_id: POLICY_ID, secret: 'xK9vT2mQ7pL4nR8', redirect_uri: 'https://kelsie.example/callback' };
    const created = await postman('POST', `/api/apis/oauth/${API_ID}`, JSON.stringify(sent, null, 4));
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ client_id: sent.client_id, secret: sent.secret, policy_id: sent.policy_id, redirect_uri: sent.redirect_uri });
    const read = await postman('GET', `/api/apis/oauth/${API_ID}/${sent.client_id}`);
    expect(read.json).toMatchObject({ client_id: sent.client_id, secret: sent.secret });
    const all = await postman('GET', `/api/apis/oauth/${API_ID}`);
    expect(all.json.apps.find((app: { client_id: string }) => app.client_id === sent.client_id).secret).toBe(sent.secret);
    expect((await postman('DELETE', `/api/apis/oauth/${API_ID}/${sent.client_id}`)).status).toBe(200);
    expect((await postman('GET', `/api/apis/oauth/${API_ID}/${sent.client_id}`)).status).toBe(404);
  });

  it('echoes metadata that is not a map of strings, as the Gateway keeps it (an exception to the OpenAPI file)', async () => {
    const meta = { user_id: 'u-7', tier: 3, beta: true };
    const created = await postman('POST', `/api/apis/oauth/${API_ID}`, { redirect_uri: 'https://meta.example/cb', policy_id: POLICY_ID, meta_data: meta });
    expect(created.json.meta_data).toEqual(meta);
    expect((await postman('GET', `/api/apis/oauth/${API_ID}/${created.json.client_id}`)).json.meta_data).toEqual(meta);
  });

  it('answers every OpenAPI-described route as Tyk’s file says', () => {
    expectConformance(stack.conformance);
  });
});

describe('what the demo wrote, read through the gateway', () => {
  it('reads the catalogue (its policy by the fixed _id), the configuration, the policy and the developer', async () => {
    const read = await stack.execute(CompatEverythingDocument, {}, { credential: ORG.credential });
    expect(read.errors).toBeUndefined();
    expect(read.data!.catalogue).toEqual([expect.objectContaining({ name: 'OAuth API', policy: { id: POLICY_ID, name: 'OAuth Policy' } })]);
    expect(read.data!.portalConfiguration).toMatchObject({ requireKeyApproval: false });
    expect(read.data!.policies).toEqual([expect.objectContaining({ id: POLICY_ID, rate: 1000 })]);
    const developer = await stack.execute(CompatDeveloperByEmailDocument, { email: 'portal-developer@example.org' }, { credential: ORG.credential });
    expect(developer.errors).toBeUndefined();
    expect(developer.data!.developerByEmail).toMatchObject({ email: 'portal-developer@example.org', keys: [] });
  });
});
