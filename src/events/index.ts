/**
 * Wires the event sources together for one process: the bus (through Redis when configured) and
 * the change watcher (with a Redis lock when configured). `stop()` stops the watcher; the Redis
 * connections belong to the caller (redis-connections.ts), which closes them.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { RedisConnections } from '../redis-connections.js';
import { DeveloperIndexStore } from '../loaders/developer-index.js';
import { createTykClient } from '../tyk/client.js';
import { KeyEventBus } from './bus.js';
import { ChangeWatcher, redisWatcherLock } from './change-watcher.js';

export interface EventOptions {
  logger: Logger;
  /** The process's Redis connections (commands and subscriber); none → in memory, no lock. */
  redis?: Pick<RedisConnections, 'commands' | 'subscriber'> | undefined;
  /** Prefix of Redis keys and channels; default `portal-graph`. */
  redisPrefix?: string;
  dashboardUrl: string;
  /** Credentials the change watcher polls with (one per organisation); none → no watcher. */
  watchCredentials: string[];
  /** Poll interval in ms; 0 → no watcher. */
  watchIntervalMs: number;
  /** The gateway's shared developer index: each poll rebuilds the index of a watched credential that has one. */
  developerIndex?: DeveloperIndexStore;
}

export interface Events {
  bus: KeyEventBus;
  watcher: ChangeWatcher | undefined;
  stop(): Promise<void>;
}

export function startEvents(options: EventOptions): Events {
  const prefix = options.redisPrefix ?? 'portal-graph';
  const redis = options.redis ? { publish: options.redis.commands, subscribe: options.redis.subscriber } : undefined;
  const bus = new KeyEventBus({ redis, keyPrefix: prefix, logger: options.logger });
  const watcher =
    options.watchIntervalMs > 0 && options.watchCredentials.length > 0
      ? new ChangeWatcher({
          clients: options.watchCredentials.map((credential) => createTykClient({ baseUrl: options.dashboardUrl, credential })),
          events: bus,
          intervalMs: options.watchIntervalMs,
          lock: redis ? redisWatcherLock(redis.publish, `${prefix}:watcher-lock`, randomUUID()) : undefined,
          logger: options.logger,
          developerIndex: options.developerIndex && { store: options.developerIndex, principals: options.watchCredentials.map((c) => DeveloperIndexStore.principalOf(c)) },
          onPoll: (report) => options.logger.debug({ poll: report }, 'change watcher poll'),
        })
      : undefined;
  watcher?.start();
  return {
    bus,
    watcher,
    async stop() {
      await watcher?.stop();
    },
  };
}
