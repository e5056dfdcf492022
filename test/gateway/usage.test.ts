/**
 * Chart-ready usage: one bucket per hour, day or month over the whole range, zeros where there was
 * no traffic, and `usageSummary` totals from the same upstream call.
 */
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Bucket {
  start: string;
  hits: number;
  success: number;
  error: number;
}

const DEVELOPER_USAGE = parse(`query($id: ID!, $from: DateTime, $to: DateTime, $resolution: UsageResolution) {
  developer(id: $id) {
    usage(from: $from, to: $to, resolution: $resolution) { start hits success error }
    usageSummary(from: $from, to: $to) { from to hits success error }
    keys { id usage(from: $from, to: $to, resolution: $resolution) { start hits } usageSummary(from: $from, to: $to) { hits } }
  }
}`);

function developers() {
  return [...stack.dashboard.store.orgs.get(stack.dashboard.orgs[0]!.orgId)!.developers.values()];
}

async function usageOf(id: string, variables: Record<string, unknown> = {}) {
  const result = await stack.execute(DEVELOPER_USAGE, { id, ...variables });
  expect(result.errors).toBeUndefined();
  return (result.data as { developer: { usage: Bucket[]; usageSummary: Bucket & { from: string; to: string }; keys: { id: string; usage: Bucket[]; usageSummary: { hits: number } }[] } }).developer;
}

/** Bucket starts from the one holding `from` to the one holding `to`, stepping by `step` ms. */
function expectedStarts(from: number, to: number, step: number): number[] {
  const starts: number[] = [];
  for (let start = Math.floor(from / step) * step; start <= to; start += step) starts.push(start);
  return starts;
}

describe('usage buckets', () => {
  it('shows a key without traffic as a zero for each of the last 7 days, and asks Tyk nothing for a developer without keys', async () => {
    const keyless = developers().find((d) => Object.keys(d.keys).length === 0 && !d.inactive)!;
    stack.dashboard.requestLog.clear();
    const developer = await usageOf(keyless.id);
    const now = Date.now();
    expect(developer.usage.map((b) => Date.parse(b.start))).toEqual(expectedStarts(now - 6 * DAY, now, DAY));
    expect(developer.usage.every((b) => b.hits === 0 && b.success === 0 && b.error === 0)).toBe(true);
    expect(developer.usageSummary).toMatchObject({ hits: 0, success: 0, error: 0 });
    expect(stack.dashboard.requestLog.entries().filter((e) => e.route.includes('/api/activity/'))).toEqual([]);
  });

  it('shows a newly issued key as 7 zero days', async () => {
    const developer = developers().find((d) => !d.inactive)!;
    const policyId = [...stack.dashboard.store.orgs.get(stack.dashboard.orgs[0]!.orgId)!.policies.keys()][0]!;
    const issued = await stack.execute(parse(`mutation($d: ID!, $p: [ID!]!) { addKey(developerId: $d, policyIds: $p) { ... on IssuedKey { key { usage { start hits } usageSummary { hits } } } } }`), { d: developer.id, p: [policyId] });
    const key = (issued.data as { addKey: { key: { usage: Bucket[]; usageSummary: { hits: number } } } }).addKey.key;
    expect(key.usage).toHaveLength(7);
    expect(key.usage.every((b) => b.hits === 0)).toBe(true);
    expect(key.usageSummary.hits).toBe(0);
  });

  it('covers the whole range hour by hour and month by month, in order, with or without traffic', async () => {
    const withKeys = developers().find((d) => Object.keys(d.keys).length > 0)!;
    const to = new Date();
    const from = new Date(to.getTime() - 2 * DAY);
    const hourly = await usageOf(withKeys.id, { from: from.toISOString(), to: to.toISOString(), resolution: 'HOUR' });
    expect(hourly.usage.map((b) => Date.parse(b.start))).toEqual(expectedStarts(from.getTime(), to.getTime(), HOUR));
    for (const key of hourly.keys) expect(key.usage.map((b) => b.start)).toEqual(hourly.usage.map((b) => b.start));

    const monthly = await usageOf(withKeys.id, { from: new Date(to.getTime() - 75 * DAY).toISOString(), to: to.toISOString(), resolution: 'MONTH' });
    const starts = monthly.usage.map((b) => new Date(b.start));
    expect(starts.length).toBeGreaterThanOrEqual(3);
    starts.forEach((start, i) => {
      expect(start.getUTCDate()).toBe(1);
      if (i > 0) expect((start.getUTCFullYear() - starts[i - 1]!.getUTCFullYear()) * 12 + start.getUTCMonth() - starts[i - 1]!.getUTCMonth()).toBe(1);
    });
    expect(starts.at(-1)!.getUTCMonth()).toBe(to.getUTCMonth());
  });
});

describe('usageSummary', () => {
  it('totals the day buckets of the same range, per key and per developer, from one upstream call for both fields', async () => {
    const withKeys = developers().find((d) => Object.keys(d.keys).length >= 2)!;
    const to = new Date();
    const from = new Date(to.getTime() - 13 * DAY);
    stack.dashboard.requestLog.clear();
    const developer = await usageOf(withKeys.id, { from: from.toISOString(), to: to.toISOString(), resolution: 'DAY' });
    const sum = (buckets: Bucket[], field: 'hits' | 'success' | 'error') => buckets.reduce((n, b) => n + b[field], 0);
    expect(developer.usageSummary).toMatchObject({ hits: sum(developer.usage, 'hits'), success: sum(developer.usage, 'success'), error: sum(developer.usage, 'error') });
    expect(developer.usageSummary.hits).toBeGreaterThan(0);
    expect(Date.parse(developer.usageSummary.from)).toBe(from.getTime());
    for (const key of developer.keys) expect(key.usageSummary.hits).toBe(sum(key.usage, 'hits'));
    // One analytics call per key set: the developer's aggregate and one per key, whichever field asked.
    const analytics = stack.dashboard.requestLog.entries().filter((e) => e.route.includes('/api/activity/'));
    expect(analytics).toHaveLength(1 + developer.keys.length);
  });
});
