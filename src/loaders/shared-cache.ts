/**
 * Cross-request sharing of data that rarely changes (the org's policies, catalogue and portal
 * configuration), so repeated queries skip those calls.
 *
 * - Keyed by principal: a SHA-256 of the caller's Dashboard credential. Nothing read with one
 *   credential is ever served to another, even of the same org (RBAC may differ).
 * - Entries live `ttlMs` (default 30 s), then the next request reads again. A failed read is not
 *   cached.
 * - The gateway's own writes to the catalogue and the configuration invalidate them for every
 *   credential (`invalidate`); only the TTL bounds staleness of changes made in Tyk's own UI.
 * - At most `maxPrincipals` (default 1 000) credentials are kept; the least recently used goes first.
 */
import { credentialKey } from './shared.js';

export type SharedName = 'policies' | 'catalogue' | 'portalConfiguration';

interface Entry {
  value: Promise<unknown>;
  expires: number;
}

export interface SharedCacheOptions {
  /** Time to live of an entry in ms; default 30 000. 0 disables sharing. */
  ttlMs?: number;
  /** Credentials kept at most; default 1 000. */
  maxPrincipals?: number;
  now?: () => number;
}

export class SharedCache {
  readonly ttlMs: number;
  readonly #maxPrincipals: number;
  readonly #now: () => number;
  readonly #byPrincipal = new Map<string, Map<SharedName, Entry>>();

  constructor(options: SharedCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.#maxPrincipals = options.maxPrincipals ?? 1_000;
    this.#now = options.now ?? Date.now;
  }

  /** The principal key of a credential (`credentialKey`): its SHA-256, so the cache never holds the secret. */
  static readonly principalOf = credentialKey;

  /** The cached value of `name` for `principal`, loading it when absent or expired. */
  get<T>(principal: string, name: SharedName, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load();
    let entries = this.#byPrincipal.get(principal);
    if (entries) {
      this.#byPrincipal.delete(principal); // re-insert: most recently used last
      this.#byPrincipal.set(principal, entries);
    } else {
      entries = new Map();
      this.#byPrincipal.set(principal, entries);
      if (this.#byPrincipal.size > this.#maxPrincipals) this.#byPrincipal.delete(this.#byPrincipal.keys().next().value as string);
    }
    const hit = entries.get(name);
    if (hit && hit.expires > this.#now()) return hit.value as Promise<T>;
    const value = load();
    const entry = { value, expires: this.#now() + this.ttlMs };
    entries.set(name, entry);
    value.catch(() => {
      if (entries.get(name) === entry) entries.delete(name);
    });
    return value;
  }

  /** Forgets `name` (or everything) for one principal, or for all when no principal is given. */
  invalidate(principal?: string, name?: SharedName): void {
    const targets = principal ? [this.#byPrincipal.get(principal)] : [...this.#byPrincipal.values()];
    for (const entries of targets) {
      if (!entries) continue;
      if (name) entries.delete(name);
      else entries.clear();
    }
  }
}
