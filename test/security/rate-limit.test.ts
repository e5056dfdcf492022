/**
 * Mutation rate limits: per principal, per email tried and per address for password checks, shared
 * across replicas through Redis. A refused operation answers 429 RATE_LIMITED and reaches nothing
 * upstream.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { parse } from 'graphql';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS } from '../../src/dashboard/index.js';
import { MemoryRateLimiter, RedisRateLimiter } from '../../src/security/rate-limiter.js';
import { startStack, type Stack } from '../support/stack.js';

const ACME = DEMO_ORGS[0]!;
const VERIFY = parse(`mutation($e: String!) { verifyDeveloperCredentials(email: $e, password: "wrong-password") { __typename } }`);
const LOGIN = parse(`mutation($e: String!) { login(email: $e, password: "wrong-password") { __typename } }`);
const DELETE_UNKNOWN = parse(`mutation { deleteDeveloper(id: "5e9d9544a1dcd60001d0ffff") { __typename } }`);

describe('MemoryRateLimiter', () => {
  it('allows the limit within a window, refuses past it with the time left, and starts afresh after', async () => {
    let now = 1_000;
    const limiter = new MemoryRateLimiter({ now: () => now });
    const rule = { limit: 2, windowMs: 10_000 };
    expect(await limiter.consume('b', rule)).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(await limiter.consume('b', rule)).toEqual({ allowed: true, retryAfterMs: 0 });
    now = 4_000;
    expect(await limiter.consume('b', rule)).toEqual({ allowed: false, retryAfterMs: 7_000 });
    expect((await limiter.consume('other', rule)).allowed).toBe(true);
    now = 11_000;
    expect((await limiter.consume('b', rule)).allowed).toBe(true);
  });

  it('counts several units at once', async () => {
    const limiter = new MemoryRateLimiter();
    expect((await limiter.consume('b', { limit: 3, windowMs: 1_000 }, 3)).allowed).toBe(true);
    expect((await limiter.consume('b', { limit: 3, windowMs: 1_000 }, 1)).allowed).toBe(false);
  });

  it('keeps its memory bounded: expired buckets are swept and the count is capped', async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter({ maxBuckets: 100, now: () => now });
    for (let i = 0; i < 1_000; i++) await limiter.consume(`b${i}`, { limit: 1, windowMs: 500 });
    expect(limiter.size).toBeLessThanOrEqual(100);
    now = 2_000;
    await limiter.consume('fresh', { limit: 1, windowMs: 500 });
    expect(limiter.size).toBe(1);
  });
});

describe('through the gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      server: {
        rateLimit: { mutationsPerMinute: 3, loginPerEmail: 2, loginPerAddress: 4 },
        sessions: { secret: randomBytes(32).toString('hex'), serviceCredential: ACME.credential },
      },
    });
  });
  afterAll(() => stack.stop());

  it('refuses the principal’s mutation past its limit with 429, Retry-After and no upstream call', async () => {
    const credential = ACME.readOnlyCredential;
    for (let i = 0; i < 3; i++) expect((await stack.execute(DELETE_UNKNOWN, {}, { credential })).status).toBe(200);
    stack.dashboard.requestLog.clear();
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: credential },
      body: JSON.stringify({ query: `mutation { deleteDeveloper(id: "5e9d9544a1dcd60001d0ffff") { __typename } }` }),
    });
    expect(response.status).toBe(429);
    const seconds = Number(response.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    const body = (await response.json()) as { errors: { extensions: { code: string; retryAfterSeconds: number } }[]; data?: unknown };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['RATE_LIMITED']);
    expect(body.errors[0]!.extensions.retryAfterSeconds).toBe(seconds);
    expect(body.data ?? null).toBeNull();
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });

  it('does not limit another principal, nor queries', async () => {
    const other = DEMO_ORGS[1]!.credential;
    expect((await stack.execute(DELETE_UNKNOWN, {}, { credential: other })).status).toBe(200);
    const query = await stack.execute(parse(`{ catalogue { name } }`), {}, { credential: ACME.readOnlyCredential });
    expect(query.status).toBe(200);
    expect(query.errors).toBeUndefined();
  });

  it('refuses an aliased batch of mutations over the limit as a whole: nothing reaches the Dashboard', async () => {
    const credential = DEMO_ORGS[1]!.readOnlyCredential;
    const batch = parse(`mutation { ${[1, 2, 3, 4].map((i) => `d${i}: deleteDeveloper(id: "5e9d9544a1dcd60001d0ffff") { __typename }`).join(' ')} }`);
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(batch, {}, { credential });
    expect(result.status).toBe(429);
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });

  it('limits password guessing per email, whoever asks, and per address', async () => {
    const email = `victim-${randomUUID()}@example.com`;
    const asked = [DEMO_ORGS[0]!.credential, DEMO_ORGS[1]!.credential];
    // Two checks of this email by two different operators use up its budget…
    for (const credential of asked) expect((await stack.execute(VERIFY, { e: email }, { credential })).status).toBe(200);
    stack.dashboard.requestLog.clear();
    // …so a third, by anonymous `login` this time, is refused before Tyk is asked.
    const third = await stack.execute(LOGIN, { e: email }, { credential: null });
    expect(third.status).toBe(429);
    expect(third.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
    expect(stack.dashboard.requestLog.count()).toBe(0);
    // Other emails from the same address: the address budget (4) runs out too.
    const results = [];
    for (let i = 0; i < 3; i++) results.push((await stack.execute(LOGIN, { e: `other-${i}-${randomUUID()}@example.com` }, { credential: null })).status);
    expect(results).toContain(429);
  });
});

const REDIS_URL = process.env['REDIS_URL'];
if (!REDIS_URL) console.warn('[skipped] shared rate-limit tests: set REDIS_URL (e.g. redis://127.0.0.1:6379) to run them.');

describe.skipIf(!REDIS_URL)('shared through Redis', () => {
  const prefix = `portal-graph-test-rate-${randomUUID()}`;
  const connections: Redis[] = [];
  const stacks: Stack[] = [];
  const redis = () => {
    const client = new Redis(REDIS_URL!, { maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    connections.push(client);
    return client;
  };

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      stacks.push(await startStack({ server: { rateLimit: { limiter: new RedisRateLimiter({ redis: redis(), prefix }), mutationsPerMinute: 100, loginPerEmail: 3 } } }));
    }
  });
  afterAll(async () => {
    await Promise.all(stacks.map((s) => s.stop()));
    const cleaner = redis();
    const keys = await cleaner.keys(`${prefix}:*`);
    if (keys.length) await cleaner.del(...keys);
    connections.forEach((c) => c.disconnect());
  });

  it('shares one email’s password-check budget between two replicas', async () => {
    const email = `shared-${randomUUID()}@example.com`;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await stacks[i % 2]!.execute(VERIFY, { e: email })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('stores no email and no credential in Redis keys', async () => {
    const keys = await redis().keys(`${prefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).not.toContain('@');
      expect(key).not.toContain(ACME.credential);
    }
  });

  it('falls back to counting per process when Redis is unreachable', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true });
    dead.on('error', () => undefined);
    const limiter = new RedisRateLimiter({ redis: dead, prefix });
    const rule = { limit: 1, windowMs: 60_000 };
    expect((await limiter.consume('x', rule)).allowed).toBe(true);
    expect((await limiter.consume('x', rule)).allowed).toBe(false);
    dead.disconnect();
  });
});
