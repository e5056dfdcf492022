/**
 * Traces over OTLP/HTTP to a collector stand-in on loopback: one server span per operation, one
 * client span per upstream attempt under it, route templates only, no credential, no ids. W3C trace
 * context: an incoming `traceparent` is continued, and every upstream call carries one (recorded by
 * a pass-through proxy in front of the Dashboard).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { print } from 'graphql';
import { pino } from 'pino';
import { createEmbeddedDashboard } from '../../src/dashboard/index.js';
import { buildServer } from '../../src/server.js';
import { startTelemetry, type Telemetry } from '../../src/telemetry.js';
import { DeveloperOverviewDocument } from '../generated/graphql.js';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy.js';

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

/** A gateway whose upstream calls go through a recording proxy to its own embedded Dashboard. */
interface Traced {
  url: string;
  credential: string;
  proxy: RecordingProxy;
  execute(headers?: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}
let traced: Traced;
let untraced: Traced;

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

async function gatewayBehindProxy(server: { telemetry?: Telemetry }): Promise<Traced> {
  const dashboard = createEmbeddedDashboard();
  const proxy = await startRecordingProxy(await dashboard.start());
  const gateway = buildServer({ dashboardUrl: proxy.url, logger: pino({ level: 'silent' }), jitInterpretedRuns: 0, ...server });
  const url = await gateway.start(0);
  const credential = dashboard.orgs[0]!.credential;
  return {
    url,
    credential,
    proxy,
    async execute(headers = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: credential, ...headers },
        body: JSON.stringify({ query: print(DeveloperOverviewDocument), variables: { first: 5 } }),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    },
    async stop() {
      await gateway.stop();
      await proxy.close();
      await dashboard.stop();
    },
  };
}

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
  traced = await gatewayBehindProxy({ telemetry });
  untraced = await gatewayBehindProxy({});
});
afterAll(async () => {
  await traced.stop();
  await untraced.stop();
  await telemetry.shutdown();
  await new Promise((r) => collector.close(r));
});
beforeEach(() => {
  received = [];
  traced.proxy.requests.length = 0;
  untraced.proxy.requests.length = 0;
});

function spans(): OtlpSpan[] {
  return received.flatMap((body) =>
    (JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)),
  );
}

async function overviewSpans(headers: Record<string, string> = {}) {
  await traced.execute(headers);
  await telemetry.flush();
  await expect.poll(() => spans().some((s) => s.name === 'GraphQL query DeveloperOverview'), { timeout: 5_000 }).toBe(true);
  const all = spans();
  const operation = all.find((s) => s.name === 'GraphQL query DeveloperOverview')!;
  return { all, operation, upstream: all.filter((s) => s.traceId === operation.traceId && s.parentSpanId === operation.spanId) };
}

describe('tracing', () => {
  it('exports the operation span with one child span per upstream call', async () => {
    const { operation, upstream } = await overviewSpans();
    expect(operation.parentSpanId ?? '').toBe('');
    expect(upstream.map((s) => s.name)).toContain('GET /api/portal/developers');
    expect(upstream.filter((s) => s.name.startsWith('GET /api/activity/keys/')).length).toBeGreaterThan(0);
    // Every call the Dashboard saw is a span of this trace.
    expect(upstream.length).toBe(traced.proxy.requests.length);
  });

  it('continues the caller’s traceparent, and names each attempt’s span in the traceparent sent upstream', async () => {
    const traceId = hex(16);
    const parentId = hex(8);
    const { operation, upstream } = await overviewSpans({ traceparent: `00-${traceId}-${parentId}-01`, tracestate: 'vendor=opaque' });
    expect(operation.traceId).toBe(traceId);
    expect(operation.parentSpanId).toBe(parentId);
    const sent = traced.proxy.requests.map((r) => TRACEPARENT.exec(String(r.headers['traceparent'])));
    expect(sent.length).toBeGreaterThan(2);
    expect(sent.every((m) => m?.[1] === traceId)).toBe(true);
    // Each upstream request names its own client span as parent: Tyk's spans hang under the gateway's.
    expect(new Set(sent.map((m) => m![2]))).toEqual(new Set(upstream.map((s) => s.spanId)));
    expect(traced.proxy.requests.every((r) => r.headers['tracestate'] === 'vendor=opaque')).toBe(true);
  });

  it('starts a trace of its own when the traceparent is invalid, and still sends one upstream', async () => {
    const { operation } = await overviewSpans({ traceparent: `00-${'0'.repeat(32)}-${hex(8)}-01` });
    expect(operation.traceId).not.toBe('0'.repeat(32));
    expect(operation.parentSpanId ?? '').toBe('');
    expect(traced.proxy.requests.every((r) => TRACEPARENT.exec(String(r.headers['traceparent']))?.[1] === operation.traceId)).toBe(true);
  });

  it('keeps span names and attributes free of ids and secrets', async () => {
    await overviewSpans({ traceparent: `00-${hex(16)}-${hex(8)}-01` });
    const text = received.join('\n');
    expect(text).not.toContain(traced.credential);
    expect(text).not.toMatch(/\/api\/portal\/developers\/[0-9a-f]{24}/);
    expect(text).not.toMatch(/\/api\/activity\/keys\/[0-9a-f]{8,}/);
    const keys = new Set(spans().flatMap((s) => s.attributes.map((a) => a.key)));
    const allowed = ['error.type', 'graphql.operation.name', 'graphql.operation.type', 'http.request.method', 'http.response.status_code', 'portal_graph.attempt', 'portal_graph.request_id', 'url.template'];
    expect([...keys].filter((key) => !allowed.includes(key))).toEqual([]);
    // Attribute values: templates, names, numbers and the request id, never a key or developer id.
    const values = spans().flatMap((s) => s.attributes.map((a) => String(Object.values(a.value)[0])));
    expect(values.filter((v) => /[0-9a-f]{16,}/.test(v) && !/^[0-9a-f-]{36}$/.test(v))).toEqual([]);
  });
});

describe('trace context without tracing', () => {
  it('passes the caller’s traceparent and tracestate on to every upstream call', async () => {
    const traceparent = `00-${hex(16)}-${hex(8)}-01`;
    await untraced.execute({ traceparent, tracestate: 'vendor=opaque' });
    expect(untraced.proxy.requests.length).toBeGreaterThan(2);
    expect(untraced.proxy.requests.map((r) => r.headers['traceparent'])).toEqual(untraced.proxy.requests.map(() => traceparent));
    expect(untraced.proxy.requests.every((r) => r.headers['tracestate'] === 'vendor=opaque')).toBe(true);
  });

  it('sends none when the caller sent none, or an invalid one', async () => {
    await untraced.execute();
    await untraced.execute({ traceparent: 'ff-not-a-trace' });
    await untraced.execute({ traceparent: `00-${hex(16)}-${'0'.repeat(16)}-01` });
    expect(untraced.proxy.requests.length).toBeGreaterThan(2);
    expect(untraced.proxy.requests.filter((r) => 'traceparent' in r.headers)).toEqual([]);
  });
});
