/**
 * The change watcher: polls the Dashboard and turns differences into key events, so keys issued or
 * revoked outside the gateway (in Tyk's own UI) still reach subscribers.
 *
 * Each poll reads, per watched credential, the developers (`keys`) and the key requests, both with
 * `p=-1`, and compares them with the previous poll: a new key → KEY_ISSUED, a key gone → KEY_REVOKED,
 * other policies → KEY_POLICIES_CHANGED, a new pending request → KEY_REQUEST_SUBMITTED, a request
 * now approved → KEY_REQUEST_APPROVED, a pending request gone → KEY_REQUEST_DECLINED. The first poll
 * is the baseline and reports nothing. Event ids equal those of the other sources, so what a
 * mutation already reported is not delivered twice.
 *
 * Only one replica polls at a time when a lock is given (Redis `SET NX PX`, renewed each poll).
 */
import type { Logger } from 'pino';
import type { TykClient } from '../tyk/types.js';
import type { TykDeveloper, TykKeyRequest } from '../tyk/wire.js';
import type { KeyEventFeed, KeyEventInput } from './key-event.js';

export interface WatcherLock {
  /** Takes or renews the lock for `ttlMs`; true when this replica holds it. */
  acquire(ttlMs: number): Promise<boolean>;
  release(): Promise<void>;
}

export interface ChangeWatcherOptions {
  /** One client per watched organisation (a service credential each). */
  clients: TykClient[];
  events: KeyEventFeed;
  /** Time between polls in ms; default 10 000. */
  intervalMs?: number;
  lock?: WatcherLock | undefined;
  logger?: Logger | undefined;
}

interface Snapshot {
  keys: Map<string, { developerId: string; orgId: string; policies: string[] }>;
  requests: Map<string, TykKeyRequest>;
}

function snapshot(developers: TykDeveloper[], requests: TykKeyRequest[]): Snapshot {
  const keys = new Map<string, { developerId: string; orgId: string; policies: string[] }>();
  for (const d of developers) for (const [keyId, policies] of Object.entries(d.keys)) keys.set(keyId, { developerId: d.id, orgId: d.org_id, policies });
  return { keys, requests: new Map(requests.map((r) => [r.id, r])) };
}

/** The events that turn `before` into `after`. */
export function diff(before: Snapshot, after: Snapshot): KeyEventInput[] {
  const events: KeyEventInput[] = [];
  const base = { source: 'watcher' as const };
  for (const [keyId, now] of after.keys) {
    const was = before.keys.get(keyId);
    if (!was) events.push({ ...base, type: 'KEY_ISSUED', orgId: now.orgId, developerId: now.developerId, keyId, policyIds: now.policies });
    else if ([...was.policies].sort().join() !== [...now.policies].sort().join()) {
      events.push({ ...base, type: 'KEY_POLICIES_CHANGED', orgId: now.orgId, developerId: now.developerId, keyId, policyIds: now.policies });
    }
  }
  for (const [keyId, was] of before.keys) {
    if (!after.keys.has(keyId)) events.push({ ...base, type: 'KEY_REVOKED', orgId: was.orgId, developerId: was.developerId, keyId, policyIds: was.policies });
  }
  const request = (type: KeyEventInput['type'], r: TykKeyRequest): KeyEventInput => ({
    ...base,
    type,
    orgId: r.org_id,
    developerId: r.by_user,
    keyRequestId: r.id,
    policyIds: r.apply_policies,
  });
  for (const [id, now] of after.requests) {
    const was = before.requests.get(id);
    if (!was && !now.approved) events.push(request('KEY_REQUEST_SUBMITTED', now));
    if (now.approved && (!was || !was.approved)) events.push(request('KEY_REQUEST_APPROVED', now));
  }
  for (const [id, was] of before.requests) if (!after.requests.has(id) && !was.approved) events.push(request('KEY_REQUEST_DECLINED', was));
  return events;
}

export class ChangeWatcher {
  readonly #options: ChangeWatcherOptions;
  readonly #previous = new Map<TykClient, Snapshot>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(options: ChangeWatcherOptions) {
    this.#options = options;
  }

  start(): void {
    const interval = this.#options.intervalMs ?? 10_000;
    const tick = () => {
      this.#running = this.poll().finally(() => {
        this.#running = undefined;
        if (this.#timer) this.#timer = setTimeout(tick, interval);
      });
    };
    this.#timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
    await this.#options.lock?.release().catch(() => undefined);
  }

  /** One poll of every watched organisation (when this replica holds the lock). */
  async poll(): Promise<void> {
    const interval = this.#options.intervalMs ?? 10_000;
    if (this.#options.lock && !(await this.#options.lock.acquire(interval * 3).catch(() => false))) {
      // Another replica polls; forget our baseline so taking over later starts clean.
      this.#previous.clear();
      return;
    }
    await Promise.all(
      this.#options.clients.map(async (client) => {
        try {
          const [developers, requests] = await Promise.all([client.listDevelopers(), client.listKeyRequests()]);
          const now = snapshot(developers.data, requests.data);
          const before = this.#previous.get(client);
          this.#previous.set(client, now);
          if (before) for (const event of diff(before, now)) this.#options.events.publish(event);
        } catch (error) {
          this.#options.logger?.warn({ err: error }, 'change watcher poll failed');
        }
      }),
    );
  }
}

/** Prolongs the lock only if this replica still holds it (KEYS[1] lock, ARGV[1] replica id, ARGV[2] ttl ms). */
const RENEW_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
/** Deletes the lock only if this replica still holds it (KEYS[1] lock, ARGV[1] replica id). */
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

type LockCommands = {
  portalGraphLockRenew(key: string, replicaId: string, ttlMs: number): Promise<number>;
  portalGraphLockRelease(key: string, replicaId: string): Promise<number>;
};

/**
 * A Redis lock for the watcher: taken with `SET key replica NX PX ttl`; renewed and released by
 * compare-and-set scripts, so a replica whose lock expired (and was taken by another) can neither
 * prolong nor delete the other's.
 */
export function redisWatcherLock(redis: import('ioredis').Redis, key: string, replicaId: string): WatcherLock {
  redis.defineCommand('portalGraphLockRenew', { numberOfKeys: 1, lua: RENEW_SCRIPT });
  redis.defineCommand('portalGraphLockRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
  const scripts = redis as unknown as LockCommands;
  return {
    async acquire(ttlMs) {
      if ((await redis.set(key, replicaId, 'PX', ttlMs, 'NX')) === 'OK') return true;
      return (await scripts.portalGraphLockRenew(key, replicaId, ttlMs)) === 1;
    },
    async release() {
      await scripts.portalGraphLockRelease(key, replicaId);
    },
  };
}
