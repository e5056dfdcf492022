/**
 * liip's WordPress developer portal (liip/wp-tyk-dev-portal classes/tyk_api.php, portal_user.php,
 * token.php and tests/TokenTest.php, PortalUserTest.php): `Authorization: <key>`, JSON bodies with
 * no content type; a developer is registered with its email only; a POST must answer a
 * `{Status, Message}` envelope; key requests carry `for_plan`, `approved: false`, `date_created`
 * (`date('c')`) and `version: v2`, then are approved by a bodiless PUT whose `RawKey` is shown
 * once; the key's hash is read from `subscriptions[policy]`; usage is the single-key analytics
 * route over unpadded `j/n/Y` dates (TokenTest: "data will be null if we don't use the token");
 * the quota is read with the raw key through `/api/apis/{first api id}/keys/{key}`, the first API
 * taken from `GET /api/apis` as the plugin does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompatDeveloperDocument, CompatKeyDocument } from '../generated/graphql.js';
import { client, daysAgo, dmy, expectConformance, iso8601WithOffset, startCompatStack, type CompatStack } from './support.js';

let stack: CompatStack;
let tyk: ReturnType<typeof client>;

beforeAll(async () => {
  stack = await startCompatStack();
  tyk = client(stack.dashboard.url, { Authorization: stack.credential, 'User-Agent': 'WordPress/6.5; https://portal.example' });
});
afterAll(() => stack.stop());

/** Tyk_API::post(): anything but a Status/Message envelope throws; Status OK → Message. */
async function post(path: string, body: object): Promise<string> {
  const answer = await tyk('POST', path, body);
  expect(answer.status, answer.text).toBe(200);
  expect(answer.json).toMatchObject({ Status: 'OK', Message: expect.any(String) });
  return answer.json.Message;
}

describe('the WordPress plugin’s flow', () => {
  let developerId: string;
  let policyId: string;
  let requestId: string;
  let rawKey: string;
  let hash: string;

  it('registers a developer with its email only (register_with_tyk)', async () => {
    developerId = await post('/api/portal/developers', { email: 'wp-user@example.com' });
    expect(developerId.length).toBeGreaterThan(5);
  });

  it('lists the available policies with p=-1', async () => {
    const answer = await tyk('GET', '/api/portal/policies?p=-1');
    expect(answer.status).toBe(200);
    const usable = (answer.json.Data as { _id: string; active: boolean; auth_type: string }[]).filter((p) => p.active && p.auth_type !== 'oauth');
    policyId = usable[0]!._id;
  });

  it('requests a key with approved: false and approves it, reading the hash from subscriptions', async () => {
    requestId = await post('/api/portal/requests', { by_user: developerId, for_plan: policyId, approved: false, date_created: iso8601WithOffset(new Date()), version: 'v2' });
    const token = await tyk('PUT', `/api/portal/requests/approve/${requestId}`);
    expect(token.status).toBe(200);
    rawKey = token.json.RawKey;
    expect(rawKey.length).toBeGreaterThan(5);
    const developer = (await tyk('GET', `/api/portal/developers/${developerId}`)).json;
    expect(developer.id).toBe(developerId);
    hash = developer.subscriptions[policyId];
    expect(hash.length).toBeGreaterThan(5);
  });

  it('refuses a second approval and an approval of an id that is not one (non-200, Message explains)', async () => {
    const again = await tyk('PUT', `/api/portal/requests/approve/${requestId}`);
    expect(again.status).not.toBe(200);
    expect(again.json.Message).toBe('Key request has already been processed.');
    expect((await tyk('PUT', '/api/portal/requests/approve/not%20an%20actual%20id')).status).not.toBe(200);
  });

  it('stores a key request for a policy that does not exist (TokenTest: "Tyk API doesn’t care if the policy exists")', async () => {
    const id = await post('/api/portal/requests', { by_user: developerId, for_plan: 'invalid api', approved: false, date_created: iso8601WithOffset(new Date()), version: 'v2' });
    expect(id.length).toBeGreaterThan(5);
  });

  it('reads usage for the hash over unpadded dates: data present, empty for an unused key', async () => {
    const usage = await tyk('GET', `/api/activity/keys/${hash}/${dmy(daysAgo(7), false)}/${dmy(new Date(), false)}?res=day&p=-1`);
    expect(usage.status).toBe(200);
    expect(usage.json).toHaveProperty('data');
    expect(usage.json.data === null || Array.isArray(usage.json.data)).toBe(true);
  });

  it('reads the quota with the raw key through the first API’s key route, the first API taken from GET /api/apis', async () => {
    // Tyk_API_Manager::available_apis: `$response->apis`, then `array_shift($apis)->api_definition->api_id`.
    const apis = await tyk('GET', '/api/apis');
    expect(apis.status).toBe(200);
    expect(apis.json.apis.length).toBeGreaterThan(0);
    const apiId = apis.json.apis[0].api_definition.api_id as string;
    const granted = [...stack.dashboard.store.orgs.get(stack.dashboard.orgs[0]!.orgId)!.policies.values()].flatMap((p) => Object.keys(p.access_rights));
    expect(granted).toContain(apiId);
    const quota = await tyk('GET', `/api/apis/${apiId}/keys/${encodeURIComponent(rawKey)}`);
    expect(quota.status).toBe(200);
    expect(quota.json.data).toMatchObject({ quota_max: expect.any(Number), quota_remaining: expect.any(Number) });
  });

  it('answers every OpenAPI-described route as Tyk’s file says', () => {
    expectConformance(stack.conformance);
  });

  it('reads the plugin’s developer (no password), its key and both requests through the gateway', async () => {
    const read = await stack.execute(CompatDeveloperDocument, { id: developerId });
    expect(read.errors).toBeUndefined();
    const developer = read.data!.developer!;
    expect(developer.email).toBe('wp-user@example.com');
    expect(developer.keys.map((k) => k.id)).toEqual([hash]);
    // The request for the plan that does not exist reads with no policy, not an error.
    expect(developer.keyRequests.map((r) => ({ approved: r.approved, policies: r.policies.map((p) => p.id) })).sort((a, b) => Number(b.approved) - Number(a.approved))).toEqual([
      { approved: true, policies: [policyId] },
      { approved: false, policies: [] },
    ]);
    const key = await stack.execute(CompatKeyDocument, { id: hash });
    expect(key.errors).toBeUndefined();
    expect(key.data!.key).toMatchObject({ id: hash, alias: 'wp-user@example.com', developer: { id: developerId } });
  });
});
