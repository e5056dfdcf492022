/**
 * Sessions ended before their expiry by `logout`: their token ids, kept until the token would
 * have expired anyway. Shared through the given store (Redis on several replicas) and always also
 * kept in this process, so a logout still holds on this replica while Redis is down.
 */
import type { Logger } from 'pino';
import { MemoryExpiringStore, type ExpiringStore } from './expiring-store.js';

export class SessionRevocations {
  readonly #shared: ExpiringStore;
  readonly #local = new MemoryExpiringStore();
  readonly #logger: Logger | undefined;
  readonly #now: () => number;

  constructor(shared: ExpiringStore, options: { logger?: Logger; now?: () => number } = {}) {
    this.#shared = shared;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
  }

  /** Ends the session `tokenId` (which expires at `expiresAt` anyway). */
  async revoke(tokenId: string, expiresAt: Date): Promise<void> {
    const ttlMs = Math.max(1, expiresAt.getTime() - this.#now());
    this.#local.putNow(key(tokenId), '1', ttlMs);
    try {
      await this.#shared.put(key(tokenId), '1', ttlMs);
    } catch (error) {
      this.#logger?.warn({ err: (error as Error).message }, 'logout recorded on this replica only: the shared store is unavailable');
    }
  }

  /** Whether the session was ended by `logout` (here, or on any replica while the store answers). */
  async isRevoked(tokenId: string): Promise<boolean> {
    if (!tokenId) return false;
    if (this.#local.getNow(key(tokenId))) return true;
    try {
      return (await this.#shared.get(key(tokenId))) !== undefined;
    } catch {
      return false; // the store is down: only this replica's logouts are known
    }
  }
}

const key = (tokenId: string) => `revoked-session:${tokenId}`;
