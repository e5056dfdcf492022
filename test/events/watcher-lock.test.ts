/**
 * The change watcher's Redis lock against the machine's Redis: renewing and releasing are
 * compare-and-set, so a replica whose lock expired and was taken by another can neither prolong
 * nor delete the other's, even when the takeover happens between two of its own commands.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { redisWatcherLock } from '../../src/events/change-watcher.js';

const REDIS_URL = process.env['REDIS_URL'];
if (!REDIS_URL) console.warn('[skipped] watcher lock tests: set REDIS_URL (e.g. redis://127.0.0.1:6379) to run them.');

/** B's TTL after taking over: distinct from anything A asks for, so a renewal by A would show. */
const B_TTL_MS = 7_777;
const A_TTL_MS = 60_000;

describe.skipIf(!REDIS_URL)('the watcher lock', () => {
  const prefix = `portal-graph-test-${randomUUID()}`;
  const connections: Redis[] = [];
  const connect = () => {
    const client = new Redis(REDIS_URL!);
    connections.push(client);
    return client;
  };
  const admin = connect();
  let key: string;
  beforeEach(() => {
    key = `${prefix}:watcher-lock:${randomUUID()}`;
  });
  afterAll(async () => {
    const keys = await admin.keys(`${prefix}:*`);
    if (keys.length) await admin.del(...keys);
    for (const c of connections) c.disconnect();
  });

  /** What replica B does once A's lock expired: the key gone, then B's SET NX with its own TTL. */
  async function takeOver() {
    await admin.del(key);
    expect(await redisWatcherLock(admin, key, 'replica-b').acquire(B_TTL_MS)).toBe(true);
  }

  /**
   * A's connection, with B's takeover run right after the `at`-th command A sends once armed: one
   * point between A's own commands (a non-atomic lock's GET, then PEXPIRE or DEL) where it can happen.
   */
  function interleaved(client: Redis, at: number) {
    let sent: number | undefined;
    const state = { tookOver: false };
    const proxy = new Proxy(client, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (sent === undefined || property === 'defineCommand' || !(result instanceof Promise)) return result;
          if (++sent !== at) return result;
          return result.then(async (answer) => {
            await takeOver();
            state.tookOver = true;
            return answer;
          });
        };
      },
    });
    return { client: proxy, state, arm: () => (sent = 0) };
  }

  /** Runs `operation` with B taking over after each possible command of A in turn; B's lock must survive every time. */
  async function everyInterleaving(operation: (lock: ReturnType<typeof redisWatcherLock>) => Promise<unknown>) {
    let takeovers = 0;
    for (let at = 1; at <= 4; at++) {
      key = `${prefix}:watcher-lock:${randomUUID()}`;
      const { client, state, arm } = interleaved(connect(), at);
      const a = redisWatcherLock(client, key, 'replica-a');
      expect(await a.acquire(A_TTL_MS)).toBe(true);
      arm();
      await operation(a);
      if (!state.tookOver) continue; // A sent fewer commands than `at`
      takeovers++;
      expect(await admin.get(key), `takeover after command ${at}`).toBe('replica-b');
      expect(await admin.pttl(key), `takeover after command ${at}`).toBeLessThanOrEqual(B_TTL_MS);
    }
    expect(takeovers).toBeGreaterThan(0);
  }

  it('lets a replica that lost the lock neither renew nor release the new holder’s', async () => {
    const a = redisWatcherLock(connect(), key, 'replica-a');
    expect(await a.acquire(A_TTL_MS)).toBe(true);
    expect(await a.acquire(A_TTL_MS)).toBe(true); // renewing its own
    await takeOver();
    expect(await a.acquire(A_TTL_MS)).toBe(false);
    await a.release();
    expect(await admin.get(key)).toBe('replica-b');
    expect(await admin.pttl(key)).toBeLessThanOrEqual(B_TTL_MS);
  });

  it('does not prolong the new holder’s lock whenever the takeover falls inside a renewal', async () => {
    await everyInterleaving((a) => a.acquire(A_TTL_MS));
  });

  it('does not delete the new holder’s lock whenever the takeover falls inside a release', async () => {
    await everyInterleaving((a) => a.release());
  });

  it('releases its own lock', async () => {
    const a = redisWatcherLock(connect(), key, 'replica-a');
    expect(await a.acquire(A_TTL_MS)).toBe(true);
    await a.release();
    expect(await admin.exists(key)).toBe(0);
  });
});
