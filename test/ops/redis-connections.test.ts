/**
 * Redis connections per process: exactly one per role (commands, subscriber), named so `CLIENT
 * LIST` tells whose they are, carrying everything (watcher lock, rate limits, readiness, events),
 * and gone after shutdown. While Redis is down, publishing an event fails quietly instead of ending
 * the process with an unhandled rejection.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { KeyEventBus } from '../../src/events/bus.js';
import { connectRedis } from '../../src/redis-connections.js';
import { alive, startGatewayProcess, until, type GatewayProcess } from '../support/process.js';

const REDIS_URL = process.env['REDIS_URL'];
if (!REDIS_URL) console.warn('[skipped] Redis connection tests: set REDIS_URL (e.g. redis://127.0.0.1:6379) to run them.');
const ROOT = resolve(import.meta.dirname, '../..');

describe.skipIf(!REDIS_URL)('Redis connections of a gateway process', () => {
  const prefix = `portal-graph-test-${randomUUID()}`;
  const admin = new Redis(REDIS_URL!);
  let gateway: GatewayProcess | undefined;
  afterEach(() => {
    if (gateway && alive(gateway.pid)) process.kill(gateway.pid, 'SIGKILL');
  });
  afterAll(async () => {
    const keys = await admin.keys(`${prefix}:*`);
    if (keys.length) await admin.del(...keys);
    admin.disconnect();
  });

  /** Names of the Redis connections the process with this pid holds. */
  async function connectionsOf(pid: number): Promise<string[]> {
    const list = String(await admin.client('LIST'));
    return list
      .split('\n')
      .map((line) => /\bname=(\S+)/.exec(line)?.[1] ?? '')
      .filter((name) => name.endsWith(`/${pid}`));
  }

  it('holds one connection per role, used by the lock, the rate limits and readiness, and closes both on SIGTERM', async () => {
    gateway = await startGatewayProcess(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        REDIS_URL,
        PORTAL_GRAPH_REDIS_PREFIX: prefix,
        PORTAL_GRAPH_PORT: '0',
        PORTAL_GRAPH_WATCH_INTERVAL_MS: '200',
        PORTAL_GRAPH_DRAIN_DELAY_MS: '0',
        PORTAL_GRAPH_LOG_LEVEL: 'info',
      },
    });
    // The watcher took its lock, a login was counted in Redis, readiness asked Redis.
    await until(async () => (await admin.exists(`${prefix}:watcher-lock`)) === 1, 10_000, 'the watcher lock');
    const login = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation { login(email: "nobody-${randomUUID()}@example.com", password: "wrong-password") { __typename } }` }),
    });
    expect(login.status).toBe(200);
    expect((await admin.keys(`${prefix}:rate:*`)).length).toBeGreaterThan(0);
    const ready = (await (await fetch(`${new URL(gateway.url).origin}/readyz`)).json()) as { redis: string };
    expect(ready.redis).toBe('up');

    const names = await connectionsOf(gateway.pid);
    expect(names.map((n) => n.split('/')[1]).sort()).toEqual(['commands', 'subscriber']);

    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
    // The lock is released for the next replica, and no connection outlives the process.
    expect(await admin.exists(`${prefix}:watcher-lock`)).toBe(0);
    await until(async () => (await connectionsOf(gateway!.pid)).length === 0, 5_000, 'the connections to close');
  }, 60_000);
});

describe('while Redis is down', () => {
  it('delivers a published event to this replica with one coded warning instead of an unhandled rejection', async () => {
    const logged: string[] = [];
    const logger = pino({ level: 'warn' }, new Writable({ write: (chunk, _e, done) => (logged.push(String(chunk)), done()) }));
    const redis = connectRedis('redis://127.0.0.1:1', logger);
    const bus = new KeyEventBus({ redis: { publish: redis.commands, subscribe: redis.subscriber }, keyPrefix: `portal-graph-test-${randomUUID()}`, logger });
    const received: string[] = [];
    const stop = bus.listen('org-1', (event) => received.push(event.id));
    try {
      bus.publish({ type: 'KEY_REVOKED', source: 'watcher', orgId: 'org-1', developerId: 'dev-1', keyId: `k-${randomUUID()}`, policyIds: [] });
      await until(() => received.length === 1 && logged.some((line) => line.includes('"code":"REDIS_UNAVAILABLE"') && line.includes('key events')), 5_000, 'local delivery and the warning');
    } finally {
      stop();
      await redis.close();
    }
  });
});
