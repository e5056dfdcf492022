/**
 * Wires the event sources together for one process: the bus (through Redis when configured) and
 * the change watcher (with a Redis lock when configured). `stop()` closes what it opened.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { expectedFailure } from '../log-error.js';
import { createTykClient } from '../tyk/client.js';
import { KeyEventBus } from './bus.js';
import { ChangeWatcher, redisWatcherLock } from './change-watcher.js';

export interface EventOptions {
  logger: Logger;
  redisUrl?: string | undefined;
  /** Prefix of Redis keys and channels; default `portal-graph`. */
  redisPrefix?: string;
  dashboardUrl: string;
  /** Credentials the change watcher polls with (one per organisation); none → no watcher. */
  watchCredentials: string[];
  /** Poll interval in ms; 0 → no watcher. */
  watchIntervalMs: number;
}

export interface Events {
  bus: KeyEventBus;
  watcher: ChangeWatcher | undefined;
  stop(): Promise<void>;
}

export function startEvents(options: EventOptions): Events {
  const prefix = options.redisPrefix ?? 'portal-graph';
  const redis = options.redisUrl
    ? { publish: new Redis(options.redisUrl, { keyPrefix: undefined }), subscribe: new Redis(options.redisUrl) }
    : undefined;
  // An unreachable Redis is an expected condition: one line with its code per failed attempt, no stack.
  for (const client of Object.values(redis ?? {})) client.on('error', (error: Error) => options.logger.warn(expectedFailure(error, 'REDIS_UNAVAILABLE'), 'redis connection error'));
  const bus = new KeyEventBus({ redis, keyPrefix: prefix, logger: options.logger });
  const watcher =
    options.watchIntervalMs > 0 && options.watchCredentials.length > 0
      ? new ChangeWatcher({
          clients: options.watchCredentials.map((credential) => createTykClient({ baseUrl: options.dashboardUrl, credential })),
          events: bus,
          intervalMs: options.watchIntervalMs,
          lock: redis ? redisWatcherLock(redis.publish, `${prefix}:watcher-lock`, randomUUID()) : undefined,
          logger: options.logger,
        })
      : undefined;
  watcher?.start();
  return {
    bus,
    watcher,
    async stop() {
      await watcher?.stop();
      redis?.publish.disconnect();
      redis?.subscribe.disconnect();
    },
  };
}
