/**
 * Tyk's reference custom portal (TykTechnologies/tyk-custom-portal portal.rb, Sinatra + Excon), as
 * it talks to a Dashboard: every request carries `authorization: <key>` and nothing else (no
 * content type, JSON bodies anyway), emails go into paths raw, the dashboard page asks for the
 * aggregate analytics of `subscriptions.values.join(',') + ','` over `%d/%m/%Y` dates and sums
 * `data` with `.reduce`, key requests name only `for_plan`, and an approval is a PUT with no body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompatDeveloperByEmailDocument } from '../generated/graphql.js';
import { client, daysAgo, dmy, expectConformance, iso8601WithOffset, startCompatStack, type CompatStack } from './support.js';

let stack: CompatStack;
let tyk: ReturnType<typeof client>;
let globex: { credential: string; orgId: string };
const EMAIL = 'ruby+portal@example.com';

beforeAll(async () => {
  stack = await startCompatStack();
  globex = stack.dashboard.orgs[1]!;
  // Globex does not require key approval, so the portal approves its own requests (as portal.rb does).
  tyk = client(stack.dashboard.url, { authorization: globex.credential, 'user-agent': 'excon/0.110.0' });
});
afterAll(() => stack.stop());

/** portal.rb's `before` filter: catalogue and configuration on every page. */
async function beforeEveryPage() {
  const catalogue = await tyk('GET', '/api/portal/catalogue');
  const configuration = await tyk('GET', '/api/portal/configuration');
  expect(catalogue.status).toBe(200);
  expect(Array.isArray(catalogue.json.apis)).toBe(true);
  expect(typeof configuration.json.require_key_approval).toBe('boolean');
  return { catalogue: catalogue.json, configuration: configuration.json };
}

/** portal.rb's `get '/dashboard'`: analytics over the subscriptions' keys, summed with reduce. */
async function dashboardTotals(developer: { subscriptions: Record<string, string> }) {
  const keys = `${Object.values(developer.subscriptions).join(',')},`;
  const today = new Date();
  const answer = await tyk('GET', `/api/activity/keys/aggregate/${keys}/${dmy(daysAgo(30, today), true)}/${dmy(today, true)}?p=-1&res=day`);
  expect(answer.status, answer.text).toBe(200);
  // `@analytics['data'].reduce(...)`: crashes on anything but a list.
  expect(Array.isArray(answer.json.data)).toBe(true);
  return (answer.json.data as { hits: number; success: number; error: number }[]).reduce(
    (total, row) => ({ hits: total.hits + row.hits, success: total.success + row.success, error: total.error + row.error }),
    { hits: 0, success: 0, error: 0 },
  );
}

describe('the reference portal’s flow', () => {
  let developerId: string;
  let policyId: string;

  it('signs a developer up and shows a dashboard for a developer with no keys (the `,` key list)', async () => {
    await beforeEveryPage();
    const registered = await tyk('POST', '/api/portal/developers', { email: EMAIL, password: 'ruby-secret', inactive: false, fields: { Name: 'Ruby Dev', Location: 'Leeds' } });
    expect(registered.status, registered.text).toBe(200);
    const me = await tyk('GET', `/api/portal/developers/email/${EMAIL}`);
    expect(me.status).toBe(200);
    expect(me.json.fields.Name).toBe('Ruby Dev');
    expect(me.json.subscriptions).toEqual({});
    developerId = me.json.id;
    expect(await dashboardTotals(me.json)).toEqual({ hits: 0, success: 0, error: 0 });
  });

  it('logs in: verify_credentials answers 200 for the password and 401 otherwise', async () => {
    expect((await tyk('POST', '/api/portal/developers/verify_credentials', { username: EMAIL, password: 'ruby-secret' })).status).toBe(200);
    expect((await tyk('POST', '/api/portal/developers/verify_credentials', { username: EMAIL, password: 'wrong' })).status).toBe(401);
  });

  it('requests a key by for_plan alone and approves it with a bodiless PUT when approval is not required', async () => {
    const { catalogue, configuration } = await beforeEveryPage();
    policyId = catalogue.apis[0].policy_id;
    const request = await tyk('POST', '/api/portal/requests', {
      by_user: developerId,
      fields: { usecase: 'Ruby app', traffic: '1000' },
      date_created: iso8601WithOffset(new Date()),
      version: 'v2',
      for_plan: policyId,
    });
    expect(request.status, request.text).toBe(200);
    expect(configuration.require_key_approval).toBe(false);
    const approved = await tyk('PUT', `/api/portal/requests/approve/${request.json.Message}`);
    expect(approved.status, approved.text).toBe(200);
    expect(approved.json.RawKey).toEqual(expect.any(String));
  });

  it('shows the dashboard again with the new key: subscribed, its analytics answered as a list', async () => {
    await beforeEveryPage();
    const me = (await tyk('GET', `/api/portal/developers/email/${EMAIL}`)).json;
    // `@developer['subscriptions'][api['policy_id']]`: "Already subscribed".
    expect(me.subscriptions[policyId]).toMatch(/^[0-9a-f]{16}$/);
    // A key issued a moment ago has no traffic yet; the page still renders its totals.
    expect(await dashboardTotals(me)).toEqual({ hits: 0, success: 0, error: 0 });
  });

  it('answers every OpenAPI-described route as Tyk’s file says', () => {
    expectConformance(stack.conformance);
  });

  it('reads the developer the portal created, with its key and request, through the gateway', async () => {
    const read = await stack.execute(CompatDeveloperByEmailDocument, { email: EMAIL }, { credential: globex.credential });
    expect(read.errors).toBeUndefined();
    const developer = read.data!.developerByEmail!;
    expect(developer).toMatchObject({ id: developerId, email: EMAIL, name: 'Ruby Dev' });
    expect(developer.keys).toHaveLength(1);
    expect(developer.keys[0]!.policies.map((p) => p.id)).toEqual([policyId]);
    expect(developer.keyRequests).toEqual([expect.objectContaining({ approved: true, policies: [{ id: policyId }], fields: expect.arrayContaining([{ name: 'usecase', value: 'Ruby app' }]) })]);
  });
});
