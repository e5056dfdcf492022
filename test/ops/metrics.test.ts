/**
 * /metrics on prom-client: the process and Node.js metrics operators expect, every label bounded
 * (thousands of invented operation names cannot grow the series count or the page), manifest
 * operations always named, and /metrics on a port of its own when asked.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayMetrics, OTHER, statusLabel } from '../../src/metrics.js';
import { TrustedDocuments } from '../../src/security/trusted-documents.js';
import { DeveloperOverviewDocument } from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';

const MANIFEST = fileURLToPath(new URL('../generated/persisted-documents.json', import.meta.url));
let stack: Stack;
let origin: string;

beforeAll(async () => {
  // The default JIT threshold: the stack's compile-at-once would compile every invented document.
  stack = await startStack({ server: { trustedDocuments: { documents: TrustedDocuments.fromFile(MANIFEST), only: false }, rateLimit: false, jitInterpretedRuns: undefined } });
  origin = new URL(stack.url).origin;
});
afterAll(() => stack.stop());

const scrape = async (url = `${origin}/metrics`) => (await fetch(url)).text();
const series = (text: string, name: string) => text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

/** Runs `{ __typename }` under `count` distinct operation names, `concurrency` at a time. */
async function inventNames(prefix: string, count: number, concurrency = 16): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const response = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `query ${prefix}${i} { __typename }` }) });
        expect(response.status).toBe(200);
        await response.body?.cancel();
      }
    }),
  );
}

describe('metrics', () => {
  it('include the default process and Node.js metrics', async () => {
    const text = await scrape();
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_active_handles']) {
      expect(series(text, name).length, name).toBeGreaterThan(0);
    }
    expect(text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
  });

  it('keep the operation series bounded whatever names callers invent', async () => {
    await inventNames('First', 1_000);
    const after1000 = await scrape();
    await inventNames('Second', 1_000);
    const after2000 = await scrape();
    const before = series(after1000, 'portal_graph_operations_total');
    const after = series(after2000, 'portal_graph_operations_total');
    // 1 000 more distinct names added no series: they were all counted as `other`.
    expect(after.length).toBe(before.length);
    expect(after.length).toBeLessThan(1_000 / 4);
    const other = after.find((line) => line.includes(`name="${OTHER}"`));
    expect(Number(other?.split(' ').pop())).toBeGreaterThanOrEqual(1_000);
    // The page grows by digits of counters only, not by series.
    expect(after2000.length - after1000.length).toBeLessThan(2_000);
    expect(after2000.length).toBeLessThan(64 * 1024);
  }, 120_000);

  it('still name the manifest’s operations after the cap is reached, and nothing else', async () => {
    await inventNames('Third', 10);
    await stack.execute(DeveloperOverviewDocument, { first: 1 });
    await (await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query LateComer { __typename }' }) })).body?.cancel();
    const text = await scrape();
    expect(text).toMatch(/portal_graph_operations_total\{type="query",name="DeveloperOverview",outcome="ok"\} 1/);
    expect(text).not.toContain('LateComer');
    expect(text).not.toContain('Third');
  });

  it('fold any label set past a metric’s cap into `other`, and unknown statuses too', async () => {
    const metrics = new GatewayMetrics();
    for (let i = 0; i < 5_000; i++) metrics.upstreamCalls.inc({ method: 'GET', route: `GET /invented/${i}`, status: statusLabel(200) });
    metrics.upstreamCalls.inc({ method: 'GET', route: 'GET /api/portal/developers', status: statusLabel(1_000) });
    const lines = series(await metrics.render(), 'portal_graph_upstream_requests_total');
    expect(lines.length).toBeLessThan(5_000);
    expect(lines.at(-1)).toMatch(new RegExp(`^portal_graph_upstream_requests_total\\{method="${OTHER}",route="${OTHER}",status="${OTHER}"\\} \\d+$`));
    // Nothing is lost: every increment is counted in its own series or in `other`.
    expect(lines.reduce((sum, line) => sum + Number(line.split(' ').pop()), 0)).toBe(5_001);
    expect([statusLabel(undefined), statusLabel(503), statusLabel(42)]).toEqual(['none', '503', OTHER]);
  });
});

describe('metrics on their own port', () => {
  let separate: Stack;
  beforeAll(async () => {
    separate = await startStack({ server: { metricsPort: 0 } });
  });
  afterAll(() => separate.stop());

  it('serve /metrics there, and not on the public port', async () => {
    await separate.execute(DeveloperOverviewDocument, { first: 1 });
    expect(separate.server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(separate.server.metricsUrl!).port).not.toBe(new URL(separate.url).port);
    const text = await scrape(separate.server.metricsUrl);
    expect(series(text, 'portal_graph_operations_total').length).toBe(1);
    expect((await fetch(`${new URL(separate.url).origin}/metrics`)).status).toBe(404);
    expect((await fetch(separate.server.metricsUrl!.replace('/metrics', '/graphql'))).status).toBe(404);
  });
});
