/**
 * What a Redis outage does to subscriptions, measured: two gateway replicas reach the machine's
 * Redis through a TCP proxy the test cuts and restores. During the outage an event reaches the
 * subscribers of the replica that saw it at once, and no other replica; after it, nothing of the
 * outage is replayed late, fan-out across replicas resumes with the next event, and the outage is
 * logged as one line with a code when it starts and one when it ends, without a stack.
 */
import { randomUUID } from 'node:crypto';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedDashboard, DEMO_ORGS, type EmbeddedDashboard } from '../../src/dashboard/index.js';
import { KeyEventBus } from '../../src/events/bus.js';
import { buildServer, type GatewayServer } from '../../src/server.js';
import { metricReaches } from '../support/metrics.js';
import { wsSubscribe, type Collector } from '../support/subscribers.js';

const REDIS_URL = process.env['REDIS_URL'];
const ACME = DEMO_ORGS[0]!;

/** A TCP proxy to Redis that can refuse and drop every connection, as an outage would. */
class CuttableProxy {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #down = false;
  port = 0;
  constructor(target: URL) {
    this.#server = createServer((client) => {
      if (this.#down) return client.destroy();
      const upstream = createConnection(Number(target.port || 6379), target.hostname);
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => this.#sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }
  async start() {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.#server.address() as { port: number }).port;
  }
  cut() {
    this.#down = true;
    for (const s of this.#sockets) s.destroy();
  }
  restore() {
    this.#down = false;
  }
  async stop() {
    this.cut();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}

describe.skipIf(!REDIS_URL)('a Redis outage', () => {
  const prefix = `portal-graph-test-${randomUUID()}`;
  const proxy = new CuttableProxy(new URL(REDIS_URL ?? 'redis://127.0.0.1:6379'));
  const connections: Redis[] = [];
  const logs: string[] = [];
  let dashboard: EmbeddedDashboard;
  let replicas: { server: GatewayServer; url: string; bus: KeyEventBus; redis: Redis[] }[];

  const connect = () => {
    const client = new Redis({ host: '127.0.0.1', port: proxy.port, retryStrategy: () => 100, lazyConnect: false });
    client.on('error', () => undefined);
    connections.push(client);
    return client;
  };

  beforeAll(async () => {
    await proxy.start();
    dashboard = createEmbeddedDashboard();
    const dashboardUrl = await dashboard.start();
    replicas = await Promise.all(
      ['a', 'b'].map(async (name) => {
        const redis = [connect(), connect()];
        const logger = pino({ level: 'info', base: { replica: name } }, { write: (line: string) => logs.push(line) });
        const bus = new KeyEventBus({ redis: { publish: redis[0]!, subscribe: redis[1]! }, keyPrefix: prefix, logger, claimTimeoutMs: 300 });
        const server = buildServer({ dashboardUrl, logger, graphiql: false, events: bus });
        return { server, url: await server.start(0), bus, redis };
      }),
    );
  });
  afterAll(async () => {
    for (const r of replicas ?? []) await r.server.stop();
    await dashboard?.stop();
    for (const c of connections) c.disconnect();
    await proxy.stop();
    const cleanup = new Redis(REDIS_URL!);
    const keys = await cleanup.keys(`${prefix}:*`);
    if (keys.length) await cleanup.del(...keys);
    cleanup.disconnect();
  });

  const statuses = () => replicas.flatMap((r) => r.redis.map((c) => c.status));
  let n = 0;
  const event = (label: string) => ({ type: 'KEY_ISSUED' as const, source: 'watcher' as const, orgId: ACME.orgId, developerId: 'aaaaaaaaaaaaaaaaaaaaaaaa', keyId: `${label}-${n++}`, policyIds: [] });
  const keyIds = (c: Collector) => c.received.map((m) => (m as { data: { keyEvents: { keyId: string } } }).data.keyEvents.keyId);

  /** Publishes marker events on `from` until `to` receives one (subscriptions through Redis take a moment). */
  async function fanOutWorks(from: KeyEventBus, to: Collector): Promise<string> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const marker = event('marker');
      from.publish(marker);
      try {
        await expect.poll(() => keyIds(to).includes(marker.keyId), { timeout: 200, interval: 10 }).toBe(true);
        return marker.keyId;
      } catch {
        // not yet
      }
    }
    throw new Error('fan-out through Redis never worked');
  }

  it('keeps each replica’s events on that replica while Redis is down, replays nothing late, and resumes after', async () => {
    const [a, b] = replicas;
    const onA = await wsSubscribe(a!.url, ACME.credential, 'subscription { keyEvents { keyId } }');
    const onB = await wsSubscribe(b!.url, ACME.credential, 'subscription { keyEvents { keyId } }');
    await metricReaches(a!.url, 'portal_graph_subscriptions', 1);
    await metricReaches(b!.url, 'portal_graph_subscriptions', 1);
    await fanOutWorks(a!.bus, onB);
    await fanOutWorks(b!.bus, onA);

    proxy.cut();
    await expect.poll(() => statuses().every((s) => s !== 'ready'), { timeout: 10_000 }).toBe(true);
    const duringOnA = Array.from({ length: 6 }, () => event('outage-a'));
    const duringOnB = Array.from({ length: 3 }, () => event('outage-b'));
    for (const e of duringOnA) a!.bus.publish(e);
    for (const e of duringOnB) b!.bus.publish(e);
    // Delivered at once on the replica that saw them, while Redis is still down.
    await expect.poll(() => duringOnA.every((e) => keyIds(onA).includes(e.keyId)), { timeout: 5_000 }).toBe(true);
    await expect.poll(() => duringOnB.every((e) => keyIds(onB).includes(e.keyId)), { timeout: 5_000 }).toBe(true);
    expect(statuses().every((s) => s !== 'ready')).toBe(true);

    proxy.restore();
    await expect.poll(() => statuses().every((s) => s === 'ready'), { timeout: 15_000 }).toBe(true);
    // Redis delivers in order on each connection: once a marker published after the outage has
    // arrived, anything replayed from it would have arrived before.
    await fanOutWorks(a!.bus, onB);
    await fanOutWorks(b!.bus, onA);
    expect(keyIds(onB).filter((id) => id.startsWith('outage-a'))).toEqual([]);
    expect(keyIds(onA).filter((id) => id.startsWith('outage-b'))).toEqual([]);
    for (const c of [onA, onB]) expect(new Set(keyIds(c)).size).toBe(keyIds(c).length);

    // One line when the outage was noticed, one when Redis was back; codes, no stacks.
    const outage = logs.filter((l) => l.includes('REDIS_UNAVAILABLE'));
    const back = logs.filter((l) => l.includes('REDIS_AVAILABLE'));
    expect(outage).toHaveLength(2); // one per replica
    expect(back).toHaveLength(2);
    expect(JSON.parse(back.find((l) => l.includes('"replica":"a"'))!)).toMatchObject({ code: 'REDIS_AVAILABLE', localOnlyEvents: 6 });
    expect(logs.join('')).not.toMatch(/\\n\s+at |"stack"/);
    await onA.close();
    await onB.close();
  }, 60_000);
});
