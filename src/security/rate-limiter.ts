/**
 * Fixed-window rate limiting: each bucket (`mutations:op:…`, `login-email:…`) counts what it
 * consumed in the current window and refuses past its limit until the window ends.
 *
 * - MemoryRateLimiter: one process; bounded (expired buckets are swept, and past `maxBuckets` the
 *   oldest are dropped, which can only make it more lenient, never wrong towards a caller).
 * - RedisRateLimiter: shared by every replica (one atomic script per consume). When Redis fails it
 *   falls back to a per-process limiter and logs that once: limits keep holding per replica rather
 *   than either refusing everything or letting everything through.
 * Bucket names never contain secrets or emails: callers pass fingerprints (src/principal.ts).
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface RateRule {
  /** Units allowed per window. */
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  /** When refused: how long until the window ends (ms); 0 when allowed. */
  retryAfterMs: number;
}

export interface RateLimiter {
  /** Takes `units` (default 1) from the bucket under `rule`. */
  consume(bucket: string, rule: RateRule, units?: number): Promise<RateDecision>;
  close?(): Promise<void>;
}

export interface MemoryRateLimiterOptions {
  /** Buckets tracked at most; default 100 000. */
  maxBuckets?: number;
  now?: () => number;
}

export class MemoryRateLimiter implements RateLimiter {
  readonly #windows = new Map<string, { used: number; endsAt: number }>();
  readonly #maxBuckets: number;
  readonly #now: () => number;
  #nextSweep = 0;

  constructor(options: MemoryRateLimiterOptions = {}) {
    this.#maxBuckets = options.maxBuckets ?? 100_000;
    this.#now = options.now ?? Date.now;
  }

  /** Buckets currently tracked (tests, metrics). */
  get size(): number {
    return this.#windows.size;
  }

  async consume(bucket: string, rule: RateRule, units = 1): Promise<RateDecision> {
    return this.consumeNow(bucket, rule, units);
  }

  /** The synchronous core, also the Redis limiter's fallback. */
  consumeNow(bucket: string, rule: RateRule, units = 1): RateDecision {
    const now = this.#now();
    this.#sweep(now);
    let window = this.#windows.get(bucket);
    if (!window || window.endsAt <= now) {
      window = { used: 0, endsAt: now + rule.windowMs };
      this.#windows.set(bucket, window);
    }
    window.used += units;
    return window.used <= rule.limit ? { allowed: true, retryAfterMs: 0 } : { allowed: false, retryAfterMs: window.endsAt - now };
  }

  #sweep(now: number) {
    if (now < this.#nextSweep && this.#windows.size < this.#maxBuckets) return;
    this.#nextSweep = now + 1_000;
    for (const [bucket, window] of this.#windows) if (window.endsAt <= now) this.#windows.delete(bucket);
    // Still full of live windows: drop the oldest entries (Map keeps insertion order).
    for (const bucket of this.#windows.keys()) {
      if (this.#windows.size < this.#maxBuckets) break;
      this.#windows.delete(bucket);
    }
  }
}

/** INCRBY the window's counter, starting its expiry on first use; returns [used, ms left]. */
const CONSUME_SCRIPT = `
local used = redis.call('INCRBY', KEYS[1], ARGV[1])
if used == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); left = tonumber(ARGV[2]) end
return { used, left }
`;

export interface RedisRateLimiterOptions {
  redis: Redis;
  /** Key prefix; default `portal-graph:rate`. */
  prefix?: string;
  logger?: Logger;
}

export class RedisRateLimiter implements RateLimiter {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #logger: Logger | undefined;
  readonly #fallback = new MemoryRateLimiter();
  #warned = false;

  constructor(options: RedisRateLimiterOptions) {
    this.#redis = options.redis;
    this.#prefix = options.prefix ?? 'portal-graph:rate';
    this.#logger = options.logger;
    this.#redis.defineCommand('portalGraphConsume', { numberOfKeys: 1, lua: CONSUME_SCRIPT });
  }

  async consume(bucket: string, rule: RateRule, units = 1): Promise<RateDecision> {
    try {
      const consume = (this.#redis as unknown as Record<string, (...args: unknown[]) => Promise<[number, number]>>)['portalGraphConsume']!;
      const [used, left] = await consume.call(this.#redis, `${this.#prefix}:${bucket}`, units, rule.windowMs);
      this.#warned = false;
      return used <= rule.limit ? { allowed: true, retryAfterMs: 0 } : { allowed: false, retryAfterMs: Math.max(1, left) };
    } catch (error) {
      if (!this.#warned) {
        this.#warned = true;
        this.#logger?.warn({ err: (error as Error).message }, 'rate limits: Redis unavailable, counting per process until it is back');
      }
      return this.#fallback.consumeNow(bucket, rule, units);
    }
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
  }
}
