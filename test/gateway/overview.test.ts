/**
 * The overview query costs what the REST API's shape requires, in two sequential rounds: the
 * developer pages that hold the page asked for; then, together, the last page (for `totalCount`),
 * one policy lookup and one usage call per key. Never the whole developer list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeveloperOverviewDocument } from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  // Latency makes the rounds visible in the request log: calls of one round overlap in time. It is
  // generous so a loaded CI machine still sees every call of a round arrive before the first answer.
  stack.dashboard.setLatency(300);
});
afterAll(() => stack.stop());

function upstreamCalls() {
  const entries = stack.dashboard.requestLog.entries();
  const by = (test: (path: string) => boolean) => entries.filter((e) => test(e.path)).length;
  return {
    total: entries.length,
    developerLists: by((p) => /^\/api\/portal\/developers\/?(\?|$)/.test(p)),
    /** The `p` of every developer list call, in order. */
    developerPages: entries.filter((e) => /^\/api\/portal\/developers\/?(\?|$)/.test(e.path)).map((e) => Number(new URL(e.path, 'http://x').searchParams.get('p'))),
    developerReads: by((p) => /^\/api\/portal\/developers\/[^?]/.test(p)),
    policyCalls: by((p) => p.startsWith('/api/portal/policies')),
    usageCalls: by((p) => p.startsWith('/api/activity/keys')),
    keyReads: by((p) => p.startsWith('/api/keys') || /^\/api\/apis\/[^/]+\/keys/.test(p)),
    rounds: stack.dashboard.requestLog.rounds(),
  };
}

describe('the overview query developers → keys → policies → usage', () => {
  it('reads the 5 pages of its 50 developers and the last page, one policy lookup and one usage call per key, in two rounds', async () => {
    // Warm the connection pool (shared per origin) with another credential, whose cache is its own:
    // the measured query then opens no new connections, which a loaded machine would spread out.
    await stack.execute(DeveloperOverviewDocument, { first: 50 }, { credential: stack.dashboard.orgs[1]!.readOnlyCredential });
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(DeveloperOverviewDocument, { first: 50 });
    expect(result.errors).toBeUndefined();
    const developers = result.data!.developers.edges.map((e) => e.node!);
    expect(developers).toHaveLength(50);
    const keyCount = developers.reduce((n, d) => n + d.keys.length, 0);
    expect(keyCount).toBeGreaterThan(20);

    const calls = upstreamCalls();
    // 250 demo developers: 25 pages of 10; the first 5 hold the page, the 25th gives the total.
    expect(calls.developerPages.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 25]);
    expect(result.data!.developers.totalCount).toBe(250);
    expect(calls.developerReads).toBe(0);
    expect(calls.policyCalls).toBe(1);
    expect(calls.keyReads).toBe(0);
    expect(calls.usageCalls).toBe(keyCount);
    expect(calls.total).toBe(6 + 1 + keyCount);
    expect(calls.rounds).toBe(2);
  });

  it('returns each key’s policies and usage as the REST API reports them', async () => {
    const result = await stack.execute(DeveloperOverviewDocument, { first: 20 });
    const withKeys = result.data!.developers.edges.map((e) => e.node!).find((d) => d.keys.length > 0)!;
    const rest = await fetch(`${stack.dashboard.url}/api/portal/developers/${withKeys.id}`, {
      headers: { authorization: stack.credential },
    }).then((r) => r.json() as Promise<{ keys: Record<string, string[]> }>);
    expect(withKeys.keys.map((k) => k.id).sort()).toEqual(Object.keys(rest.keys).sort());
    for (const key of withKeys.keys) {
      expect(key.policies.map((p) => p.id).sort()).toEqual([...(rest.keys[key.id] ?? [])].sort());
      // The last 7 days by day: at most 7 buckets (a day without traffic, or today before its first
      // full hour, has none).
      expect(key.usage!.length).toBeGreaterThan(0);
      expect(key.usage!.length).toBeLessThanOrEqual(7);
    }
  });

  it('pages through developers with cursors and a total count, each page request reading its own page and the last', async () => {
    const first = await stack.execute(DeveloperOverviewDocument, { first: 10 });
    const page1 = first.data!.developers;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await stack.execute(DeveloperOverviewDocument, { first: 10, after: page1.pageInfo.endCursor });
    const page2 = second.data!.developers;
    expect(page2.totalCount).toBe(page1.totalCount);
    const ids1 = page1.edges.map((e) => e.node!.id);
    const ids2 = page2.edges.map((e) => e.node!.id);
    expect(ids2).toHaveLength(10);
    expect(ids1.filter((id) => ids2.includes(id))).toEqual([]);
  });
});

describe('sharing rarely-changing data across requests', () => {
  it('answers a repeated overview without a policy call, but never shares between credentials', async () => {
    await stack.execute(DeveloperOverviewDocument, { first: 10 });
    stack.dashboard.requestLog.clear();
    await stack.execute(DeveloperOverviewDocument, { first: 10 });
    expect(upstreamCalls().policyCalls).toBe(0);
    expect(upstreamCalls().developerPages.sort((a, b) => a - b)).toEqual([1, 25]);

    stack.dashboard.requestLog.clear();
    const readOnly = stack.dashboard.orgs[0]!.readOnlyCredential;
    const other = await stack.execute(DeveloperOverviewDocument, { first: 10 }, { credential: readOnly });
    expect(other.errors).toBeUndefined();
    expect(upstreamCalls().policyCalls).toBe(1);
  });
});
