/**
 * Every query end to end, checked against what the embedded Dashboard's REST API says directly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CatalogueDocument,
  DeveloperByEmailDocument,
  DeveloperDetailDocument,
  DeveloperOverviewDocument,
  DeveloperPageDocument,
  DeveloperUsageDocument,
  KeyByIdDocument,
  PoliciesDocument,
  PolicyByIdDocument,
  PortalConfigurationDocument,
} from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

async function rest<T>(path: string, credential = stack.credential): Promise<T> {
  const response = await fetch(`${stack.dashboard.url}${path}`, { headers: { authorization: credential } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

interface RestDeveloper {
  id: string;
  email: string;
  keys: Record<string, string[]>;
  fields: Record<string, string>;
  inactive: boolean;
}

async function developerWithKeys(min = 1) {
  const overview = await stack.execute(DeveloperOverviewDocument, { first: 50 });
  return overview.data!.developers.edges.map((e) => e.node!).find((d) => d.keys.length >= min)!;
}

describe('developers', () => {
  it('counts every developer of the org and filters by email and inactive', async () => {
    const all = await rest<{ Data: RestDeveloper[] }>('/api/portal/developers?p=-1');
    const page = await stack.execute(DeveloperPageDocument, { first: 5 });
    expect(page.data!.developers.totalCount).toBe(all.Data.length);

    const target = all.Data[7]!;
    const byEmail = await stack.execute(DeveloperPageDocument, { first: 5, email: target.email.toUpperCase() });
    expect(byEmail.data!.developers.edges.map((e) => e.node!.id)).toContain(target.id);

    const inactive = await stack.execute(DeveloperPageDocument, { first: 100, inactive: true });
    expect(inactive.data!.developers.totalCount).toBe(all.Data.filter((d) => d.inactive).length);
    expect(inactive.data!.developers.edges.every((e) => e.node!.inactive)).toBe(true);
  });

  it('rejects a page size above 100 with BAD_USER_INPUT and no upstream call', async () => {
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(DeveloperPageDocument, { first: 5000 });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });

  it('reads one developer with keys, quotas, policies, OAuth clients and key requests', async () => {
    const summary = await developerWithKeys();
    const truth = await rest<RestDeveloper>(`/api/portal/developers/${summary.id}`);
    const result = await stack.execute(DeveloperDetailDocument, { id: summary.id });
    expect(result.errors).toBeUndefined();
    const developer = result.data!.developer!;
    expect(developer.email).toBe(truth.email);
    expect(developer.name).toBe(truth.fields['Name'] ?? null);
    expect(developer.keys.map((k) => k.id).sort()).toEqual(Object.keys(truth.keys).sort());
    for (const key of developer.keys) {
      const session = await rest<{ data: { quota_max: number; quota_remaining: number; alias: string; rate: number } }>(
        `/api/keys/${key.id}?hashed=1`,
      );
      expect(key.alias).toBe(session.data.alias);
      expect(key.quota!.remaining).toBe(session.data.quota_remaining);
      expect(key.quota!.max).toBe(session.data.quota_max < 0 ? null : session.data.quota_max);
      expect(key.developer).toEqual({ id: developer.id, email: developer.email });
    }
  });

  it('looks a developer up by email, case-insensitively, and answers null for an unknown one', async () => {
    const summary = await developerWithKeys();
    const found = await stack.execute(DeveloperByEmailDocument, { email: summary.email });
    expect(found.data!.developerByEmail!.id).toBe(summary.id);
    const missing = await stack.execute(DeveloperByEmailDocument, { email: 'nobody-here@example.com' });
    expect(missing.data!.developerByEmail).toBeNull();
  });

  it('shows nothing of another organisation', async () => {
    const summary = await developerWithKeys();
    const orgB = stack.dashboard.orgs[1]!.credential;
    const result = await stack.execute(DeveloperDetailDocument, { id: summary.id }, { credential: orgB });
    expect(result.data!.developer).toBeNull();
    const key = await stack.execute(KeyByIdDocument, { id: summary.keys[0]!.id }, { credential: orgB });
    expect(key.data?.key ?? null).toBeNull();
  });
});

describe('usage', () => {
  it('defaults to the last 7 days by day, and a developer’s usage is the sum of its keys', async () => {
    const summary = await developerWithKeys(2);
    const result = await stack.execute(DeveloperUsageDocument, { id: summary.id });
    const developer = result.data!.developer!;
    expect(developer.usage!.length).toBeLessThanOrEqual(7);
    expect(developer.usage!.length).toBeGreaterThan(0);
    expect(developer.usage!.every((b) => b.resolution === 'DAY')).toBe(true);
    const total = (buckets: { hits: number }[] | null | undefined) => (buckets ?? []).reduce((n, b) => n + b.hits, 0);
    expect(total(developer.usage)).toBe(developer.keys.reduce((n, k) => n + total(k.usage), 0));
    expect(total(developer.usage)).toBeGreaterThan(0);
  });

  it('buckets by hour and by month over an explicit range', async () => {
    const summary = await developerWithKeys();
    const to = new Date();
    const from = new Date(to.getTime() - 2 * 86_400_000);
    const hourly = await stack.execute(DeveloperUsageDocument, { id: summary.id, from: from.toISOString(), to: to.toISOString(), resolution: 'HOUR' });
    const buckets = hourly.data!.developer!.usage!;
    expect(buckets.length).toBeGreaterThan(24);
    expect(buckets.every((b) => b.resolution === 'HOUR' && b.success + b.error === b.hits)).toBe(true);
    const starts = buckets.map((b) => Date.parse(b.start));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));

    const monthly = await stack.execute(DeveloperUsageDocument, {
      id: summary.id,
      from: new Date(to.getTime() - 60 * 86_400_000).toISOString(),
      to: to.toISOString(),
      resolution: 'MONTH',
    });
    expect(monthly.data!.developer!.usage!.length).toBeGreaterThanOrEqual(1);
    expect(monthly.data!.developer!.usage!.length).toBeLessThanOrEqual(3);
  });

  it('rejects a reversed range and an over-long hourly range with BAD_USER_INPUT', async () => {
    const summary = await developerWithKeys();
    const reversed = await stack.execute(DeveloperUsageDocument, { id: summary.id, from: '2026-02-01', to: '2026-01-01' });
    expect(reversed.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const hourly = await stack.execute(DeveloperUsageDocument, { id: summary.id, from: '2025-01-01', to: '2025-12-01', resolution: 'HOUR' });
    expect(hourly.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

describe('policies, catalogue, keys and configuration', () => {
  it('lists policies as the REST API has them, with null for unlimited', async () => {
    const truth = await rest<{ Data: { _id: string; name: string; rate: number; quota_max: number }[] }>('/api/portal/policies?p=-1');
    const result = await stack.execute(PoliciesDocument, {});
    const policies = result.data!.policies;
    expect(policies.map((p) => p.id).sort()).toEqual(truth.Data.map((p) => p._id).sort());
    for (const p of truth.Data) {
      const mine = policies.find((x) => x.id === p._id)!;
      expect(mine.name).toBe(p.name);
      expect(mine.quotaMax).toBe(p.quota_max < 0 ? null : p.quota_max);
    }
    expect(policies.some((p) => p.accessRights.length > 0)).toBe(true);
  });

  it('reads one policy by id', async () => {
    const [first] = (await stack.execute(PoliciesDocument, {})).data!.policies;
    const result = await stack.execute(PolicyByIdDocument, { id: first!.id });
    expect(result.data!.policy).toMatchObject({ id: first!.id, name: first!.name });
  });

  it('lists the catalogue with each entry’s policy, and only shown entries on request', async () => {
    const all = (await stack.execute(CatalogueDocument, {})).data!.catalogue;
    const shown = (await stack.execute(CatalogueDocument, { shownOnly: true })).data!.catalogue;
    expect(all.length).toBeGreaterThan(shown.length);
    expect(shown.every((e) => e.show)).toBe(true);
    expect(all.filter((e) => e.policyId).every((e) => e.policy?.id === e.policyId)).toBe(true);
  });

  it('reads a key by its hash and answers null for an unknown key', async () => {
    const summary = await developerWithKeys();
    const result = await stack.execute(KeyByIdDocument, { id: summary.keys[0]!.id });
    expect(result.data!.key).toMatchObject({ id: summary.keys[0]!.id, developer: { id: summary.id } });
    const missing = await stack.execute(KeyByIdDocument, { id: '0123456789abcdef' });
    expect(missing.data!.key).toBeNull();
  });

  it('reads the portal configuration', async () => {
    const a = await stack.execute(PortalConfigurationDocument, {});
    expect(a.data!.portalConfiguration!.requireKeyApproval).toBe(true);
    const b = await stack.execute(PortalConfigurationDocument, {}, { credential: stack.dashboard.orgs[1]!.credential });
    expect(b.data!.portalConfiguration!.requireKeyApproval).toBe(false);
  });
});
