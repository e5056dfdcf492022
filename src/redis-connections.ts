/**
 * The process's Redis connections, one per role (so a replica holds exactly two):
 *
 * - `commands`: every plain command: event publishing and de-duplication claims (events/bus.ts),
 *   the change watcher's lock (events/change-watcher.ts), the shared rate limits
 *   (security/rate-limiter.ts) and the readiness PING (/readyz). It fails fast while Redis is down
 *   (no offline queue, one retry): each user has its fallback (memory de-duplication and rate
 *   limits, no polling, `redis: down`) instead of waiting.
 * - `subscriber`: the event bus's SUBSCRIBE connection (a subscribed connection can run nothing
 *   else); ioredis reconnects and re-subscribes it on its own.
 *
 * Both carry a client name (`CLIENT SETNAME`) `portal-graph/<role>/<host>/<pid>`, so `CLIENT LIST`
 * shows whose connection is which.
 */
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { expectedFailure } from './log-error.js';

export interface RedisConnections {
  commands: Redis;
  subscriber: Redis;
  /** Whether Redis answers PING on the commands connection within 1 s. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const PING_TIMEOUT_MS = 1_000;

/** The client name of a role's connection. */
export function connectionName(role: 'commands' | 'subscriber'): string {
  return `portal-graph/${role}/${hostname().replace(/[^A-Za-z0-9._-]/g, '_')}/${process.pid}`;
}

export function connectRedis(url: string, logger?: Logger): RedisConnections {
  const commands = new Redis(url, { connectionName: connectionName('commands'), maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 });
  const subscriber = new Redis(url, { connectionName: connectionName('subscriber') });
  // Errors are reported by the commands that fail (and each user's fallback); log each outage once per connection.
  for (const [role, client] of [['commands', commands], ['subscriber', subscriber]] as const) {
    let reported = false;
    client.on('error', (error: Error) => {
      if (!reported) logger?.warn({ role, ...expectedFailure(error, 'REDIS_UNAVAILABLE') }, 'redis connection error');
      reported = true;
    });
    client.on('ready', () => (reported = false));
  }
  return {
    commands,
    subscriber,
    async ping() {
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), PING_TIMEOUT_MS)));
        return (await Promise.race([commands.ping(), timeout])) === 'PONG';
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}
