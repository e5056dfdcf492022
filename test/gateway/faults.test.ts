/**
 * Upstream faults as a GraphQL caller sees them: the request deadline, a caller that hangs up,
 * a write whose answer is lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CreateDeveloperDocument, DeveloperOverviewDocument, PortalConfigurationDocument } from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';
import { closeTykPools } from '../../src/tyk/client.js';
import { collectGarbage } from '../support/gc.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  await closeTykPools();
  stack = undefined;
});

describe('deadlines and disconnects', () => {
  it('aborts every upstream call at the request deadline and answers UPSTREAM_UNAVAILABLE', async () => {
    stack = await startStack({ server: { requestDeadlineMs: 300 } });
    stack.dashboard.setLatency(2_000);
    stack.dashboard.requestLog.clear();
    const started = performance.now();
    const pending = stack.execute(PortalConfigurationDocument, {});
    // A collection while the call waits must not take the deadline with it.
    await new Promise((r) => setTimeout(r, 100));
    collectGarbage();
    const result = await pending;
    expect(performance.now() - started).toBeLessThan(1_500);
    // Cut off before the Dashboard answered, not merely answered late.
    expect(stack.dashboard.requestLog.entries().map((e) => [e.route, e.status])).toEqual([['GET /api/portal/configuration', 0]]);
    expect(result.data?.portalConfiguration ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('aborts the upstream calls of a caller that hangs up', async () => {
    stack = await startStack();
    stack.dashboard.setLatency(800);
    stack.dashboard.requestLog.clear();
    const controller = new AbortController();
    const pending = fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: stack.credential },
      body: JSON.stringify({ query: '{ developers(first: 50) { edges { node { keys { usage { hits } } } } } }' }),
      signal: controller.signal,
    }).catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 200));
    controller.abort();
    expect(await pending).toBe('aborted');
    await new Promise((r) => setTimeout(r, 1_500));
    const entries = stack.dashboard.requestLog.entries();
    // The five list page calls were cut off mid-flight (their sockets closed before an answer), and
    // the per-key usage calls they would have led to were never made.
    expect(entries.map((e) => [e.route, e.status])).toEqual(Array.from({ length: 5 }, () => ['GET /api/portal/developers', 0]));
  });
});

describe('writes under faults', () => {
  it('attempts a create once and reports a lost answer as UPSTREAM_OUTCOME_UNKNOWN', async () => {
    stack = await startStack();
    stack.dashboard.injectFault({ route: 'POST /api/portal/developers', reset: true });
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(CreateDeveloperDocument, { input: { email: 'lost-answer@example.com', password: 'long-enough' } });
    expect(result.data!.createDeveloper).toMatchObject({ __typename: 'UpstreamError', code: 'UPSTREAM_OUTCOME_UNKNOWN' });
    expect(stack.dashboard.requestLog.count('POST /api/portal/developers')).toBe(1);
    expect(JSON.stringify(result)).not.toContain(stack.dashboard.url);
  });

  it('answers UPSTREAM_UNAVAILABLE without calling a route group whose circuit is open', async () => {
    stack = await startStack();
    stack.dashboard.injectFault({ routePrefix: 'GET /api/portal/developers', status: 503 });
    for (let i = 0; i < 5; i++) await stack.execute(DeveloperOverviewDocument, { first: 5 });
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(DeveloperOverviewDocument, { first: 5 });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
    expect(stack.dashboard.requestLog.count('GET /api/portal/developers')).toBe(0);
    const metrics = await fetch(`${new URL(stack.url).origin}/metrics`).then((r) => r.text());
    expect(metrics).toContain('portal_graph_upstream_circuit_state{group="portal/developers"} 2');
  });
});
