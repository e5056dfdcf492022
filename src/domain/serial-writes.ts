/**
 * One writer at a time per object: the read-merge-write of an organisation's catalogue or portal
 * configuration (Tyk has no PATCH and no conditional write) runs under a lock, so two gateway
 * requests — on this replica or, through a shared store (Redis), on any — never merge onto the
 * same copy and overwrite each other. In-process writers queue behind one another; across
 * replicas the lock is a SET NX with a lifetime, waited for up to `waitMs`.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { ConcurrentChangeError } from '../errors.js';
import type { ExpiringStore } from '../security/expiring-store.js';

export interface SerialWritesOptions {
  /** Longest a write waits for the lock; default 5 000 ms, then ConcurrentChangeError. */
  waitMs?: number;
  /** Lifetime of a lock, so a crashed holder frees it; default 15 000 ms (the request deadline). */
  holdMs?: number;
  logger?: Logger;
}

export class SerialWrites {
  readonly #store: ExpiringStore;
  readonly #o: Required<Omit<SerialWritesOptions, 'logger'>> & Pick<SerialWritesOptions, 'logger'>;
  readonly #local = new Map<string, Promise<unknown>>();

  constructor(store: ExpiringStore, options: SerialWritesOptions = {}) {
    this.#store = store;
    this.#o = { waitMs: 5_000, holdMs: 15_000, ...options };
  }

  /** Runs `write` holding the lock `key`. */
  async run<T>(key: string, write: () => Promise<T>): Promise<T> {
    // Writers of this process queue up first: only one of them asks the shared store at a time.
    const previous = this.#local.get(key) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(() => this.#holding(key, write));
    this.#local.set(key, mine);
    try {
      return await mine;
    } finally {
      if (this.#local.get(key) === mine) this.#local.delete(key);
    }
  }

  async #holding<T>(key: string, write: () => Promise<T>): Promise<T> {
    const lock = `lock:${key}`;
    const token = randomBytes(12).toString('base64url');
    const deadline = Date.now() + this.#o.waitMs;
    let shared = true;
    for (;;) {
      try {
        if (await this.#store.claim(lock, token, this.#o.holdMs)) break;
      } catch (error) {
        // The shared store is down: writers of this replica are still serialised; others may race.
        this.#o.logger?.warn({ err: (error as Error).message, lock: key }, 'write lock: the shared store is unavailable, locking on this replica only');
        shared = false;
        break;
      }
      if (Date.now() > deadline) throw new ConcurrentChangeError('Another change to this object is being written; nothing was written. Try again.');
      await sleep(25);
    }
    try {
      return await write();
    } finally {
      if (shared) await this.#store.release(lock, token).catch(() => undefined);
    }
  }
}
