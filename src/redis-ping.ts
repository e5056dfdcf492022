/**
 * A Redis health check for /readyz: PING over one lazily connected ioredis client, 1 s at most.
 */
import { Redis } from 'ioredis';

export function redisPing(url: string): { ping: () => Promise<boolean>; close: () => Promise<void> } {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 1_000, enableOfflineQueue: false });
  client.on('error', () => undefined); // reported by ping(), not thrown
  return {
    async ping() {
      try {
        if (client.status === 'wait' || client.status === 'end') await client.connect();
        const answer = await Promise.race([client.ping(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1_000))]);
        return answer === 'PONG';
      } catch {
        return false;
      }
    },
    close: async () => {
      client.disconnect();
    },
  };
}
