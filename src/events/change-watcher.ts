/**
 * The change watcher: polls the Dashboard and turns differences into key events, so keys issued or
 * revoked outside the gateway (in Tyk's own UI) still reach subscribers.
 *
 * Each poll reads, per watched credential, every developer (one streamed `p=-1` call: the list is
 * handed over developer by developer as it arrives, so however large the organisation only a
 * compact snapshot of key → developer and policies is kept, never the list) and the pending key
 * requests (`approved=false`, streamed the same way). It compares them with the previous poll: a
 * new key → KEY_ISSUED, a key gone → KEY_REVOKED, other policies → KEY_POLICIES_CHANGED, a new
 * pending request → KEY_REQUEST_SUBMITTED; a pending request gone is read by id (one call each):
 * approved → KEY_REQUEST_APPROVED, gone → KEY_REQUEST_DECLINED. A request filed and approved
 * between two polls is never pending in one: its key still arrives as KEY_ISSUED. The first poll
 * is the baseline and reports nothing. Event ids equal those of the other sources, so what a
 * mutation already reported is not delivered twice.
 *
 * Cost per poll and organisation: 2 calls plus one per pending request that disappeared; bytes ≈
 * the developer list (≈ 630 bytes a developer in the demo data: 31 MB at 50 000 developers) plus
 * the pending requests. Memory: the snapshot (≈ 100 bytes a key) twice while comparing.
 * Organisations are polled `concurrency` at a time (default 2). When it watches with a credential
 * that has a shared developer index, each poll rebuilds that index from the developers it read.
 *
 * Only one replica polls at a time when a lock is given (Redis `SET NX PX`, renewed each poll).
 */
import type { Logger } from 'pino';
import type { DeveloperIndexStore } from '../loaders/developer-index.js';
import { rowOf, type DeveloperRow } from '../loaders/developer-rows.js';
import { mapBounded, nullIfNotFound } from '../loaders/shared.js';
import type { TykClient } from '../tyk/types.js';
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
  /** Time between the end of one poll and the start of the next, in ms; default 10 000. */
  intervalMs?: number;
  lock?: WatcherLock | undefined;
  logger?: Logger | undefined;
  /** Organisations polled at once; default 2. */
  concurrency?: number;
  /**
   * The shared developer index, and the principal of each client's credential (same order as
   * `clients`): a poll rebuilds the index of a principal that has one. Default none.
   */
  developerIndex?: { store: DeveloperIndexStore; principals: readonly string[] } | undefined;
  /** Told after every poll of one organisation; default none. */
  onPoll?: ((report: PollReport) => void) | undefined;
}

/** What one poll of one organisation read and found. */
export interface PollReport {
  /** Index of the organisation's client in `clients`. */
  client: number;
  developers: number;
  keys: number;
  pendingRequests: number;
  /** Upstream calls the poll made. */
  calls: number;
  events: number;
  durationMs: number;
  /** The failure's message when the poll failed (the previous snapshot is kept). */
  error?: string;
}

interface PendingRequest {
  orgId: string;
  developerId: string;
  policyIds: string[];
}

/**
 * Keys as `developerId \u0000 orgId \u0000 policy,policy` (in Tyk's order), and pending key requests:
 * what the watcher keeps of an organisation between polls.
 */
export interface Snapshot {
  keys: Map<string, string>;
  requests: Map<string, PendingRequest>;
}

const SEPARATOR = '\u0000';
const encodeKey = (developerId: string, orgId: string, policies: readonly string[]) => `${developerId}${SEPARATOR}${orgId}${SEPARATOR}${policies.join(',')}`;
const samePolicies = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();
function decodeKey(value: string) {
  const [developerId = '', orgId = '', policies = ''] = value.split(SEPARATOR);
  return { developerId, orgId, policyIds: policies ? policies.split(',') : [] };
}

/**
 * The events that turn `before` into `after`, but for pending requests that disappeared: whether
 * those were approved or declined takes a read (see `vanishedRequests`).
 */
export function diff(before: Snapshot, after: Snapshot): KeyEventInput[] {
  const events: KeyEventInput[] = [];
  const base = { source: 'watcher' as const };
  for (const [keyId, now] of after.keys) {
    const was = before.keys.get(keyId);
    if (was === now) continue;
    const key = decodeKey(now);
    if (was === undefined) events.push({ ...base, type: 'KEY_ISSUED', ...key, keyId });
    else if (!samePolicies(decodeKey(was).policyIds, key.policyIds)) events.push({ ...base, type: 'KEY_POLICIES_CHANGED', ...key, keyId });
  }
  for (const [keyId, was] of before.keys) {
    if (!after.keys.has(keyId)) events.push({ ...base, type: 'KEY_REVOKED', ...decodeKey(was), keyId });
  }
  for (const [id, now] of after.requests) if (!before.requests.has(id)) events.push(requestEvent('KEY_REQUEST_SUBMITTED', id, now));
  return events;
}

/** Pending requests of `before` that `after` no longer lists. */
export function vanishedRequests(before: Snapshot, after: Snapshot): [string, PendingRequest][] {
  return [...before.requests].filter(([id]) => !after.requests.has(id));
}

function requestEvent(type: KeyEventInput['type'], id: string, request: PendingRequest): KeyEventInput {
  return { source: 'watcher', type, orgId: request.orgId, developerId: request.developerId, keyRequestId: id, policyIds: request.policyIds };
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
    const clients = this.#options.clients;
    await mapBounded(clients.map((_, i) => i), this.#options.concurrency ?? 2, (i) => this.#pollOne(i));
  }

  async #pollOne(i: number): Promise<void> {
    const client = this.#options.clients[i]!;
    const started = performance.now();
    const report: PollReport = { client: i, developers: 0, keys: 0, pendingRequests: 0, calls: 2, events: 0, durationMs: 0 };
    try {
      const principal = this.#options.developerIndex?.principals[i];
      const store = principal ? this.#options.developerIndex?.store : undefined;
      const rows: DeveloperRow[] | undefined = principal && store?.has(principal) ? [] : undefined;
      const now: Snapshot = { keys: new Map(), requests: new Map() };
      await Promise.all([
        client.streamDevelopers((developer, index) => {
          report.developers++;
          for (const keyId in developer.keys) now.keys.set(keyId, encodeKey(developer.id, developer.org_id, developer.keys[keyId]!));
          rows?.push(rowOf(developer, index));
        }),
        client.streamKeyRequests(
          (r) => {
            if (!r.approved) now.requests.set(r.id, { orgId: r.org_id, developerId: r.by_user, policyIds: r.apply_policies });
          },
          { approved: false },
        ),
      ]);
      report.keys = now.keys.size;
      report.pendingRequests = now.requests.size;
      if (rows && principal) store!.keep(principal, rows);
      const before = this.#previous.get(client);
      const events = before ? diff(before, now) : [];
      if (before) {
        const vanished = vanishedRequests(before, now);
        report.calls += vanished.length;
        const outcomes = await mapBounded(vanished, 8, ([id]) => nullIfNotFound(client.getKeyRequest(id)));
        vanished.forEach(([id, pending], j) => {
          const outcome = outcomes[j];
          if (outcome instanceof Error) now.requests.set(id, pending); // unknown: ask again next poll
          else if (outcome == null) events.push(requestEvent('KEY_REQUEST_DECLINED', id, pending));
          else if (outcome.approved) events.push(requestEvent('KEY_REQUEST_APPROVED', id, pending));
          else now.requests.set(id, pending);
        });
      }
      this.#previous.set(client, now);
      report.events = events.length;
      for (const event of events) this.#options.events.publish(event);
    } catch (error) {
      report.error = error instanceof Error ? error.message : String(error);
      this.#options.logger?.warn({ err: error }, 'change watcher poll failed');
    } finally {
      report.durationMs = performance.now() - started;
      this.#options.onPoll?.(report);
    }
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
