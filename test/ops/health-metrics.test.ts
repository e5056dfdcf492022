/**
 * /livez, /readyz and /metrics on the gateway's own HTTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeveloperOverviewDocument } from '../generated/graphql.js';
import { connectRedis } from '../../src/redis-connections.js';
import { startStack, type Stack } from '../support/stack.js';

if (!process.env['REDIS_URL']) console.warn('[skipped] Redis readiness test: set REDIS_URL to run it.');

let stack: Stack;
let origin: string;
beforeAll(async () => {
  stack = await startStack();
  origin = new URL(stack.url).origin;
});
afterAll(() => stack.stop());

describe('health endpoints', () => {
  it('is live and ready, and reports the upstream as up', async () => {
    const live = await fetch(`${origin}/livez`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', upstream: 'up', redis: 'not configured' });
  });

  it('reports an unreachable Redis and Dashboard without turning unready', async () => {
    const redis = connectRedis('redis://127.0.0.1:1');
    const other = await startStack({ server: { redisPing: redis.ping } });
    try {
      await other.dashboard.stop();
      const ready = await fetch(`${new URL(other.url).origin}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', upstream: 'down', redis: 'down' });
    } finally {
      await other.server.stop();
      await redis.close();
    }
  });

  it.skipIf(!process.env['REDIS_URL'])('reports Redis as up when it answers', async () => {
    const redis = connectRedis(process.env['REDIS_URL']!);
    await new Promise((resolve) => redis.commands.once('ready', resolve));
    const other = await startStack({ server: { redisPing: redis.ping } });
    try {
      const ready = await fetch(`${new URL(other.url).origin}/readyz`);
      expect(((await ready.json()) as { redis: string }).redis).toBe('up');
    } finally {
      await other.stop();
      await redis.close();
    }
  });
});

describe('metrics', () => {
  it('counts operations and upstream calls by route template and status, in Prometheus format', async () => {
    await stack.execute(DeveloperOverviewDocument, { first: 5 });
    await stack.execute(DeveloperOverviewDocument, { first: 5 }, { credential: null });
    const response = await fetch(`${origin}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/portal_graph_operations_total\{type="query",name="DeveloperOverview",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/portal_graph_upstream_requests_total\{method="GET",route="GET \/api\/portal\/developers",status="200"\} [1-9]/);
    expect(text).toMatch(/portal_graph_upstream_request_duration_seconds_count\{route="GET \/api\/activity\/keys\/:key\/[^"]*"\} [1-9]/);
    expect(text).toContain('portal_graph_draining 0');
    // The overview's key usage calls went out as one batch of the usage loader.
    expect(text).toMatch(/portal_graph_loader_batch_size_count\{loader="usage"\} [1-9]/);
    expect(text).toMatch(/portal_graph_loader_batch_size_bucket\{(le="1",loader="policyById"|loader="policyById",le="1")\} \d+/);
    expect(text).not.toContain(stack.credential);
  });
});
