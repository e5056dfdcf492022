/**
 * A small key-value store whose entries expire: what password-reset tokens, revoked sessions and
 * write locks are kept in. In memory for one process, or in Redis so that every replica sees the
 * same entries (`take` is atomic there: GETDEL, so a value can be taken once across all replicas;
 * `claim` is SET NX, so one replica at a time holds a lock).
 *
 * The Redis store does not hide failures: a caller that can do without Redis (revoked sessions,
 * also kept locally) catches them, one that cannot (reset tokens, which must work on every
 * replica) reports them.
 */
import type { Redis } from 'ioredis';

export interface ExpiringStore {
  /** Stores `value` under `key` for `ttlMs`. */
  put(key: string, value: string, ttlMs: number): Promise<void>;
  /** The value, if present and not expired. */
  get(key: string): Promise<string | undefined>;
  /** The value, removed at once: a second `take` of the same key gets nothing. */
  take(key: string): Promise<string | undefined>;
  /** Stores `value` only when `key` is free; true when it did. */
  claim(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Removes `key` only while it still holds `value` (a lock released by its holder only). */
  release(key: string, value: string): Promise<void>;
  close?(): Promise<void>;
}

export interface MemoryStoreOptions {
  /** Entries kept at most (the oldest go first); default 100 000. */
  maxEntries?: number;
  now?: () => number;
}

export class MemoryExpiringStore implements ExpiringStore {
  readonly #entries = new Map<string, { value: string; expires: number }>();
  readonly #maxEntries: number;
  readonly #now: () => number;
  #nextSweep = 0;

  constructor(options: MemoryStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 100_000;
    this.#now = options.now ?? Date.now;
  }

  /** Entries currently kept (tests). */
  get size(): number {
    return this.#entries.size;
  }

  async put(key: string, value: string, ttlMs: number): Promise<void> {
    this.putNow(key, value, ttlMs);
  }

  async get(key: string): Promise<string | undefined> {
    return this.getNow(key);
  }

  async take(key: string): Promise<string | undefined> {
    const value = this.getNow(key);
    this.#entries.delete(key);
    return value;
  }

  async claim(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.getNow(key) !== undefined) return false;
    this.putNow(key, value, ttlMs);
    return true;
  }

  async release(key: string, value: string): Promise<void> {
    if (this.getNow(key) === value) this.#entries.delete(key);
  }

  /** Synchronous put, for callers that keep a local copy beside Redis. */
  putNow(key: string, value: string, ttlMs: number): void {
    const now = this.#now();
    this.#sweep(now);
    this.#entries.delete(key);
    this.#entries.set(key, { value, expires: now + ttlMs });
  }

  getNow(key: string): string | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  #sweep(now: number) {
    if (now < this.#nextSweep && this.#entries.size < this.#maxEntries) return;
    this.#nextSweep = now + 1_000;
    for (const [key, entry] of this.#entries) if (entry.expires <= now) this.#entries.delete(key);
    for (const key of this.#entries.keys()) {
      if (this.#entries.size < this.#maxEntries) break;
      this.#entries.delete(key);
    }
  }
}

export interface RedisStoreOptions {
  redis: Redis;
  /** Key prefix; default `portal-graph`. */
  prefix?: string;
}

export class RedisExpiringStore implements ExpiringStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(options: RedisStoreOptions) {
    this.#redis = options.redis;
    this.#prefix = options.prefix ?? 'portal-graph';
  }

  async put(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#redis.set(`${this.#prefix}:${key}`, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.#redis.get(`${this.#prefix}:${key}`)) ?? undefined;
  }

  async take(key: string): Promise<string | undefined> {
    return (await this.#redis.getdel(`${this.#prefix}:${key}`)) ?? undefined;
  }

  async claim(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.#redis.set(`${this.#prefix}:${key}`, value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
  }

  async release(key: string, value: string): Promise<void> {
    await this.#redis.eval(RELEASE_SCRIPT, 1, `${this.#prefix}:${key}`, value);
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
  }
}

/** Deletes the key only while it holds the caller's value. */
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
