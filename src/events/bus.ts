/**
 * The key event bus: every source publishes here; subscriptions listen per organisation.
 *
 * - Deduplication by event id: a source publishing an id already seen within `dedupTtlMs`
 *   (default 10 min) is dropped. With Redis the claim is `SET <prefix>:event:<id> NX PX` shared by
 *   every replica, so the same issuance seen by a mutation on one replica and by the change watcher
 *   on another is delivered once.
 * - Fan-out: the replica that claimed an event hands it to its own listeners at once, in process,
 *   and publishes it on Redis channel `key-events:<prefix>:<orgId>` (JSON of the event) for the
 *   other replicas, which skip ids they have already delivered. One listener per organisation and
 *   subscription hub, not one per subscription: src/subscriptions/ fans out from there.
 * - While Redis is down (deliberate, and tested through a proxy that cuts the connections): an
 *   event is claimed in this replica's memory only and delivered at once to this replica's
 *   subscribers; it is not sent to the other replicas, neither then nor later: no command is issued
 *   while the publish connection is not ready (so ioredis's offline queue never replays one), and a
 *   claim that gets no answer within `claimTimeoutMs` counts as unanswered. So during an outage each
 *   replica's subscribers see the events caused on that replica, and two replicas may each deliver
 *   an event both saw. The one exception: a publish already written when the connection breaks is
 *   resent by ioredis on reconnection, so the other replicas may receive those few events late.
 *   ioredis reconnects and re-subscribes by itself; fan-out across replicas resumes with the next
 *   event. The outage is logged once when it starts and once when it ends (with the count of events
 *   that stayed on this replica).
 * - Developer access: `revokeDeveloper` reaches every replica's `onDeveloperRevoked` listeners
 *   (channel `<prefix>:developer-revoked`), so a deactivated developer's subscriptions end everywhere.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { expectedFailure } from '../log-error.js';
import { KEY_EVENT_TYPES, keyEventId, type KeyEvent, type KeyEventFeed, type KeyEventInput } from './key-event.js';

export interface KeyEventBusOptions {
  /** Publish and subscribe connections (a subscribing ioredis connection can do nothing else). */
  redis?: { publish: Redis; subscribe: Redis } | undefined;
  /** Prefix of the Redis keys and channels; default `portal-graph`. */
  keyPrefix?: string;
  /** How long an event id is remembered; default 600 000 ms. */
  dedupTtlMs?: number;
  /** How long a Redis claim may take before the event is delivered on this replica only; default 1 000 ms. */
  claimTimeoutMs?: number;
  logger?: Logger | undefined;
  now?: () => Date;
}

const MAX_REMEMBERED = 50_000;
const KNOWN_TYPES = new Set<string>(KEY_EVENT_TYPES);

/** Ids seen recently, each until its own expiry; the oldest are forgotten beyond MAX_REMEMBERED. */
class RecentIds {
  readonly #until = new Map<string, number>();
  constructor(readonly ttlMs: number) {}
  has(id: string, now: number): boolean {
    const until = this.#until.get(id);
    return until !== undefined && until > now;
  }
  add(id: string, now: number): void {
    this.#until.delete(id);
    this.#until.set(id, now + this.ttlMs);
    if (this.#until.size > MAX_REMEMBERED) this.#until.delete(this.#until.keys().next().value as string);
  }
}

/** A Redis message that is a key event (replicas of other versions may publish on the channel too). */
function eventFromMessage(message: string): KeyEvent | undefined {
  try {
    const value = JSON.parse(message) as Partial<KeyEvent> | null;
    if (!value || typeof value.id !== 'string' || typeof value.orgId !== 'string' || typeof value.developerId !== 'string') return undefined;
    if (typeof value.type !== 'string' || !KNOWN_TYPES.has(value.type)) return undefined;
    return { ...value, policyIds: Array.isArray(value.policyIds) ? value.policyIds : [] } as KeyEvent;
  } catch {
    return undefined;
  }
}

export class KeyEventBus implements KeyEventFeed {
  readonly #redis: KeyEventBusOptions['redis'];
  readonly #prefix: string;
  readonly #claimTimeoutMs: number;
  readonly #logger: Logger | undefined;
  readonly #now: () => Date;
  /** Ids a source of this replica reported (claimed or not). */
  readonly #reported: RecentIds;
  /** Ids handed to this replica's listeners. */
  readonly #delivered: RecentIds;
  /** Listeners per organisation, and the organisation of each Redis channel listened to. */
  readonly #listeners = new Map<string, Set<(event: KeyEvent) => void>>();
  readonly #orgOfChannel = new Map<string, string>();
  readonly #revokedListeners = new Set<(developerId: string) => void>();
  readonly #revokedChannel: string;
  /** Events that stayed on this replica since Redis became unavailable; undefined while it is up. */
  #outage: { since: number; events: number } | undefined;

  constructor(options: KeyEventBusOptions = {}) {
    this.#redis = options.redis;
    this.#prefix = options.keyPrefix ?? 'portal-graph';
    const ttlMs = options.dedupTtlMs ?? 600_000;
    this.#reported = new RecentIds(ttlMs);
    this.#delivered = new RecentIds(ttlMs);
    this.#claimTimeoutMs = options.claimTimeoutMs ?? 1_000;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
    this.#revokedChannel = `${this.#prefix}:developer-revoked`;
    this.#redis?.subscribe.on('message', (channel: string, message: string) => this.#onMessage(channel, message));
  }

  publish(input: KeyEventInput): void {
    const occurredAt = input.occurredAt ?? this.#now().toISOString();
    const event: KeyEvent = { ...input, occurredAt, id: input.id ?? keyEventId({ ...input, occurredAt }) };
    if (!event.orgId) {
      this.#logger?.warn({ code: 'EVENT_WITHOUT_ORG', eventId: event.id }, 'key event without organisation dropped');
      return;
    }
    const now = Date.now();
    if (this.#reported.has(event.id, now) || this.#delivered.has(event.id, now)) return;
    this.#reported.add(event.id, now);
    const redis = this.#redis;
    if (!redis) return this.#deliver(event);
    if (redis.publish.status !== 'ready') return this.#deliverDuringOutage(event, undefined);
    void this.#claim(redis.publish, event.id).then(
      (claimed) => {
        if (claimed === 'unanswered') return this.#deliverDuringOutage(event, undefined);
        // Not claimed: another replica reported it first, and its message reaches this one through Redis.
        if (!claimed) return;
        this.#deliver(event);
        this.#endOutage();
        redis.publish.publish(this.#channel(event.orgId), JSON.stringify(event)).catch((error: unknown) => this.#deliverDuringOutage(undefined, error));
      },
      (error: unknown) => this.#deliverDuringOutage(event, error),
    );
  }

  listen(orgId: string, listener: (event: KeyEvent) => void): () => void {
    let listeners = this.#listeners.get(orgId);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(orgId, listeners);
      const channel = this.#channel(orgId);
      this.#orgOfChannel.set(channel, orgId);
      this.#redis?.subscribe.subscribe(channel).catch((error: unknown) => this.#logRedisFailure('subscribe', error));
    }
    listeners.add(listener);
    const own = listeners;
    return () => {
      own.delete(listener);
      if (own.size > 0 || this.#listeners.get(orgId) !== own) return;
      this.#listeners.delete(orgId);
      const channel = this.#channel(orgId);
      this.#orgOfChannel.delete(channel);
      this.#redis?.subscribe.unsubscribe(channel).catch((error: unknown) => this.#logRedisFailure('unsubscribe', error));
    };
  }

  revokeDeveloper(developerId: string): void {
    this.#emitRevoked(developerId);
    const redis = this.#redis;
    if (redis?.publish.status === 'ready') {
      redis.publish.publish(this.#revokedChannel, JSON.stringify({ developerId })).catch((error: unknown) => this.#logRedisFailure('publish', error));
    }
  }

  onDeveloperRevoked(listener: (developerId: string) => void): () => void {
    if (this.#revokedListeners.size === 0) this.#redis?.subscribe.subscribe(this.#revokedChannel).catch((error: unknown) => this.#logRedisFailure('subscribe', error));
    this.#revokedListeners.add(listener);
    return () => {
      this.#revokedListeners.delete(listener);
      if (this.#revokedListeners.size === 0) this.#redis?.subscribe.unsubscribe(this.#revokedChannel).catch((error: unknown) => this.#logRedisFailure('unsubscribe', error));
    };
  }

  /** The channel of one organisation, under the prefix (so deployments can share a Redis). */
  #channel(orgId: string): string {
    return `key-events:${this.#prefix}:${orgId}`;
  }

  /** True when this replica claimed the id, false when another did, 'unanswered' when Redis did not answer in time. */
  #claim(redis: Redis, id: string): Promise<boolean | 'unanswered'> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve('unanswered'), this.#claimTimeoutMs);
      redis.set(`${this.#prefix}:event:${id}`, '1', 'PX', this.#reported.ttlMs, 'NX').then(
        (answer) => {
          clearTimeout(timer);
          resolve(answer === 'OK');
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  #deliver(event: KeyEvent): void {
    this.#delivered.add(event.id, Date.now());
    const listeners = this.#listeners.get(event.orgId);
    if (!listeners) return;
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#logger?.error({ err: error, eventId: event.id }, 'key event listener failed');
      }
    }
  }

  /** Redis could not take part: the event (if any) reaches this replica's subscribers only, now. */
  #deliverDuringOutage(event: KeyEvent | undefined, error: unknown): void {
    if (!this.#outage) {
      this.#outage = { since: Date.now(), events: 0 };
      this.#logger?.warn(
        error ? expectedFailure(error, 'REDIS_UNAVAILABLE') : { code: 'REDIS_UNAVAILABLE' },
        "key events: Redis unavailable; events reach this replica's subscribers only until it is back",
      );
    }
    if (!event) return;
    this.#outage.events += 1;
    this.#deliver(event);
  }

  #endOutage(): void {
    if (!this.#outage) return;
    this.#logger?.info(
      { code: 'REDIS_AVAILABLE', localOnlyEvents: this.#outage.events, outageMs: Date.now() - this.#outage.since },
      'key events: Redis is back; fan-out across replicas resumed',
    );
    this.#outage = undefined;
  }

  #onMessage(channel: string, message: string): void {
    if (channel === this.#revokedChannel) {
      const developerId = (() => {
        try {
          return (JSON.parse(message) as { developerId?: unknown }).developerId;
        } catch {
          return undefined;
        }
      })();
      if (typeof developerId === 'string') this.#emitRevoked(developerId);
      return;
    }
    const orgId = this.#orgOfChannel.get(channel);
    if (orgId === undefined) return;
    const event = eventFromMessage(message);
    if (!event || event.orgId !== orgId || this.#delivered.has(event.id, Date.now())) return;
    this.#deliver(event);
  }

  #emitRevoked(developerId: string): void {
    for (const listener of this.#revokedListeners) {
      try {
        listener(developerId);
      } catch (error) {
        this.#logger?.error({ err: error }, 'developer revocation listener failed');
      }
    }
  }

  #logRedisFailure(operation: string, error: unknown): void {
    this.#logger?.warn({ operation, ...expectedFailure(error, 'REDIS_UNAVAILABLE') }, 'key events: Redis command failed');
  }
}
