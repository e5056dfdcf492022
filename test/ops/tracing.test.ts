/**
 * Traces over OTLP/HTTP to a collector stand-in on loopback: one server span per operation, one
 * client span per upstream attempt under it, route templates only, no credential.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelemetry, type Telemetry } from '../../src/telemetry.js';
import { DeveloperOverviewDocument } from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';

interface OtlpSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
}

let collector: Server;
let received: string[] = [];
let telemetry: Telemetry;
let stack: Stack;

beforeAll(async () => {
  collector = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += String(c)));
    req.on('end', () => {
      if (req.url === '/v1/traces') received.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
  telemetry = startTelemetry(`http://127.0.0.1:${(collector.address() as AddressInfo).port}`, { immediate: true });
  stack = await startStack({ server: { telemetry } });
});
afterAll(async () => {
  await stack.stop();
  await telemetry.shutdown();
  await new Promise((r) => collector.close(r));
});

function spans(): OtlpSpan[] {
  return received.flatMap((body) =>
    (JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)),
  );
}

describe('tracing', () => {
  it('exports the operation span with one child span per upstream call', async () => {
    received = [];
    stack.dashboard.requestLog.clear();
    await stack.execute(DeveloperOverviewDocument, { first: 5 });
    await telemetry.flush();
    await expect.poll(() => spans().some((s) => s.name === 'GraphQL query DeveloperOverview'), { timeout: 5_000 }).toBe(true);
    const all = spans();
    const operation = all.find((s) => s.name === 'GraphQL query DeveloperOverview')!;
    const upstream = all.filter((s) => s.traceId === operation.traceId && s.parentSpanId === operation.spanId);
    expect(upstream.map((s) => s.name)).toContain('GET /api/portal/developers');
    expect(upstream.filter((s) => s.name.startsWith('GET /api/activity/keys/')).length).toBeGreaterThan(0);
    // Every call the Dashboard saw is a span of this trace.
    expect(upstream.length).toBe(stack.dashboard.requestLog.count());
    const text = received.join('\n');
    expect(text).not.toContain(stack.credential);
    expect(text).not.toMatch(/\/api\/portal\/developers\/[0-9a-f]{24}/);
  });
});
