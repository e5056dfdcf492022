/**
 * The key event bus: every source publishes here; subscriptions listen per organisation.
 *
 * - Fan-out: Yoga's pub/sub on channel `key-events:<prefix>:<orgId>`, in memory by default, through Redis
 *   (`@graphql-yoga/redis-event-target`) when Redis clients are given, so a subscriber on one
 *   replica receives an event caused on another.
 * - Deduplication by event id before fan-out: a source publishing an id already seen within
 *   `dedupTtlMs` (default 10 min) is dropped. With Redis the claim is `SET … NX EX` shared by every
 *   replica, so the same issuance seen by the gateway's mutation on one replica and the change
 *   watcher on another is delivered once.
 * - While Redis is down: claims fail open to the local memory (no duplicates from this replica),
 *   and publishes are lost for every subscriber, local ones included; ioredis reconnects and
 *   re-subscribes by itself, and delivery resumes with the next event. Events published during the
 *   outage are not replayed (the change watcher's next poll re-derives key issuance and revocation
 *   from Dashboard state, but only for changes it has not seen yet).
 */
import { setMaxListeners } from 'node:events';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { keyEventId, type KeyEvent, type KeyEventFeed, type KeyEventInput } from './key-event.js';

export interface KeyEventBusOptions {
  /** Publish and subscribe connections (a subscribing ioredis connection can do nothing else). */
  redis?: { publish: Redis; subscribe: Redis } | undefined;
  /** Prefix of the Redis keys used for deduplication; default `portal-graph`. */
  keyPrefix?: string;
  /** How long an event id is remembered; default 600 000 ms. */
  dedupTtlMs?: number;
  logger?: Logger | undefined;
  now?: () => Date;
}

type Channels = { 'key-events': [orgId: string, event: KeyEvent] };

const MAX_REMEMBERED = 50_000;

/** An in-memory EventTarget without Node's 10-listener warning: one listener per subscription is normal. */
function unboundedEventTarget() {
  const target = new EventTarget();
  setMaxListeners(0, target);
  return target as never; // a plain EventTarget is what createPubSub builds by default
}

/**
 * The publish side handed to the Redis event target, which drops the promise of PUBLISH: a failed
 * one (Redis down) would be an unhandled rejection and end the process. Logged here instead.
 */
function publishing(redis: Redis, logger: Logger | undefined): Redis {
  return {
    publish: (channel: string, message: string) =>
      redis.publish(channel, message).catch((error: unknown) => {
        logger?.warn({ err: (error as Error).message }, 'key event not published: Redis unavailable');
        return 0;
      }),
  } as unknown as Redis;
}

export class KeyEventBus implements KeyEventFeed {
  readonly #pubsub;
  readonly #redis: KeyEventBusOptions['redis'];
  readonly #prefix: string;
  readonly #ttlMs: number;
  readonly #logger: Logger | undefined;
  readonly #now: () => Date;
  readonly #seen = new Map<string, number>();

  constructor(options: KeyEventBusOptions = {}) {
    this.#redis = options.redis;
    this.#prefix = options.keyPrefix ?? 'portal-graph';
    this.#ttlMs = options.dedupTtlMs ?? 600_000;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
    this.#pubsub = createPubSub<Channels>({
      eventTarget: options.redis
        ? createRedisEventTarget({ publishClient: publishing(options.redis.publish, options.logger), subscribeClient: options.redis.subscribe })
        : unboundedEventTarget(),
    });
  }

  publish(input: KeyEventInput): void {
    const occurredAt = input.occurredAt ?? this.#now().toISOString();
    const event: KeyEvent = { ...input, occurredAt, id: input.id ?? keyEventId({ ...input, occurredAt }) };
    if (!event.orgId) {
      this.#logger?.warn({ eventId: event.id }, 'key event without organisation dropped');
      return;
    }
    void this.#claim(event.id).then(
      (first) => {
        if (first) this.#pubsub.publish('key-events', this.#channel(event.orgId), event);
      },
      (error: unknown) => this.#logger?.error({ err: error, eventId: event.id }, 'key event not published'),
    );
  }

  subscribe(orgId: string): AsyncIterableIterator<KeyEvent> {
    return this.#pubsub.subscribe('key-events', this.#channel(orgId)) as AsyncIterableIterator<KeyEvent>;
  }

  /** The channel of one organisation, under the prefix (so deployments can share a Redis). */
  #channel(orgId: string): string {
    return `${this.#prefix}:${orgId}`;
  }

  /** True the first time an id is seen (here, or by any replica when Redis is shared). */
  async #claim(id: string): Promise<boolean> {
    const now = Date.now();
    const until = this.#seen.get(id);
    if (until !== undefined && until > now) return false;
    this.#seen.set(id, now + this.#ttlMs);
    if (this.#seen.size > MAX_REMEMBERED) this.#seen.delete(this.#seen.keys().next().value as string);
    if (!this.#redis) return true;
    try {
      const claimed = await this.#redis.publish.set(`${this.#prefix}:event:${id}`, '1', 'PX', this.#ttlMs, 'NX');
      return claimed === 'OK';
    } catch (error) {
      // Redis unavailable: this replica's memory still keeps it from repeating itself.
      this.#logger?.warn({ err: error, eventId: id }, 'event de-duplication fell back to memory');
      return true;
    }
  }
}
