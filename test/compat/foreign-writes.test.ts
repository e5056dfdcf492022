/**
 * Objects made outside the gateway, read through it (the gateway pointed at the same embedded
 * Dashboard): OAuth clients issued by approving an OAuth key request (contract §4.3, the raw PUT a
 * portal admin or script sends), keys added with `POST /developers/{id}/keys`, a developer created
 * with an email only, and analytics answered either way Tyk answers "no rows" (`"data": []` or
 * `"data": null`). No read may fail, least of all with UPSTREAM_BAD_RESPONSE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmptyAnalytics } from '../../src/dashboard/index.js';
import { CompatDeveloperDocument, CompatKeyDocument } from '../generated/graphql.js';
import { client, expectConformance, iso8601WithOffset, startCompatStack, type CompatStack } from './support.js';

describe.each<EmptyAnalytics>(['empty', 'null'])('a Dashboard answering no analytics rows as %s', (emptyAnalytics) => {
  let stack: CompatStack;
  let tyk: ReturnType<typeof client>;

  beforeAll(async () => {
    stack = await startCompatStack({ emptyAnalytics });
    tyk = client(stack.dashboard.url, { authorization: stack.credential });
  });
  afterAll(() => stack.stop());

  it('reads a developer made with an email only, its added key, its OAuth client and its usage', async () => {
    const developerId = (await tyk('POST', '/api/portal/developers', { email: `outside-${emptyAnalytics}@example.com` })).json.Message;
    const org = stack.dashboard.store.orgs.get(stack.dashboard.orgs[0]!.orgId)!;
    const tokenPolicy = [...org.policies.values()].find((p) => p.active && p.auth_type !== 'oauth')!;
    const oauthPolicy = [...org.policies.values()].find((p) => p.auth_type === 'oauth')!;

    const added = await tyk('POST', `/api/portal/developers/${developerId}/keys`, { apply_policies: [tokenPolicy._id], fields: { purpose: 'script' } });
    expect(added.json.RawKey).toEqual(expect.any(String));
    const request = await tyk('POST', '/api/portal/requests', {
      by_user: developerId,
      for_plan: oauthPolicy._id,
      apply_policies: [oauthPolicy._id],
      version: 'v2',
      approved: false,
      date_created: iso8601WithOffset(new Date()),
      fields: { oauth_app_description: 'Outside app', oauth_use_case: 'Testing' },
      oauth_info: { redirect_uri: 'https://outside.example/cb' },
    });
    const approved = await tyk('PUT', `/api/portal/requests/approve/${request.json.Message}`);
    expect(approved.json).toMatchObject({ client_id: expect.any(String), secret: expect.any(String), redirect_uri: 'https://outside.example/cb' });

    const read = await stack.execute(CompatDeveloperDocument, { id: developerId });
    expect(read.errors).toBeUndefined();
    const developer = read.data!.developer!;
    expect(developer.keys).toHaveLength(1);
    expect(developer.keys[0]!.policies).toEqual([{ id: tokenPolicy._id, name: tokenPolicy.name }]);
    // A key issued a moment ago has no traffic: zero-filled buckets from either answer ([] or null rows).
    const allZero = (buckets: { hits: number; success?: number; error?: number }[] | null | undefined) => !!buckets && buckets.length > 0 && buckets.every((b) => b.hits === 0 && !b.success && !b.error);
    expect(allZero(developer.keys[0]!.usage)).toBe(true);
    expect(allZero(developer.usage)).toBe(true);
    expect(developer.oauthClients).toEqual([expect.objectContaining({ clientId: approved.json.client_id, redirectUri: 'https://outside.example/cb', description: 'Outside app', policy: { id: oauthPolicy._id, name: oauthPolicy.name } })]);
    expect(developer.keyRequests).toEqual([expect.objectContaining({ approved: true, redirectUri: 'https://outside.example/cb' })]);

    const key = await stack.execute(CompatKeyDocument, { id: developer.keys[0]!.id });
    expect(key.errors).toBeUndefined();
    expect(key.data!.key).toMatchObject({ developer: { id: developerId } });
    expect(allZero(key.data!.key!.usage)).toBe(true);
    expectConformance(stack.conformance);
  });

  it('answers the aggregate over no keys as configured', async () => {
    const answer = await tyk('GET', '/api/activity/keys/aggregate/,/1/3/2026/10/3/2026?p=-1&res=day');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ data: emptyAnalytics === 'null' ? null : [], pages: 0 });
  });
});
