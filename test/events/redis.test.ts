/**
 * Two gateway replicas sharing the machine's Redis: an event caused on one reaches subscribers on
 * the other, exactly once, also after Redis drops the subscriber connections.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedDashboard, type EmbeddedDashboard } from '../../src/dashboard/index.js';
import { KeyEventBus } from '../../src/events/bus.js';
import { buildServer, type GatewayServer } from '../../src/server.js';
import { AddKeyDocument, CreateDeveloperDocument, PoliciesDocument } from '../generated/graphql.js';
import { wsSubscribe } from '../support/subscribers.js';
import { print } from 'graphql';

const REDIS_URL = process.env['REDIS_URL'];
if (!REDIS_URL) console.warn('[skipped] cross-replica subscription tests: set REDIS_URL (e.g. redis://127.0.0.1:6379) to run them.');

describe.skipIf(!REDIS_URL)('across replicas through Redis', () => {
  const prefix = `portal-graph-test-${randomUUID()}`;
  const connections: Redis[] = [];
  let dashboard: EmbeddedDashboard;
  let replicas: { server: GatewayServer; url: string; bus: KeyEventBus }[];
  let credential: string;
  let policyId: string;

  const redis = () => {
    const client = new Redis(REDIS_URL!);
    client.on('error', () => undefined);
    connections.push(client);
    return client;
  };

  beforeAll(async () => {
    dashboard = createEmbeddedDashboard();
    const dashboardUrl = await dashboard.start();
    credential = dashboard.orgs[0]!.credential;
    replicas = await Promise.all(
      [0, 1].map(async () => {
        const bus = new KeyEventBus({ redis: { publish: redis(), subscribe: redis() }, keyPrefix: prefix });
        const server = buildServer({ dashboardUrl, logger: pino({ level: 'silent' }), graphiql: false, events: bus });
        return { server, url: await server.start(0), bus };
      }),
    );
    policyId = (await gql(replicas[0]!.url, print(PoliciesDocument), { active: true }) as { policies: { id: string }[] }).policies[0]!.id;
  });
  afterAll(async () => {
    for (const r of replicas ?? []) await r.server.stop();
    await dashboard?.stop();
    const cleanup = redis();
    const keys = await cleanup.keys(`${prefix}:*`);
    if (keys.length) await cleanup.del(...keys);
    for (const c of connections) c.disconnect();
  });

  async function gql(url: string, query: string, variables?: Record<string, unknown>) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: credential }, body: JSON.stringify({ query, variables }) });
    return ((await response.json()) as { data: Record<string, unknown> }).data;
  }
  const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

  async function issueOn(url: string) {
    const created = (await gql(url, print(CreateDeveloperDocument), { input: { email: `replica-${randomUUID()}@example.com`, password: 'long-enough' } })) as {
      createDeveloper: { developer: { id: string } };
    };
    const developerId = created.createDeveloper.developer.id;
    const issued = (await gql(url, print(AddKeyDocument), { developerId, policyIds: [policyId] })) as { addKey: { key: { id: string } } };
    return { developerId, keyId: issued.addKey.key.id };
  }

  it('delivers to a subscriber on replica B a key issued through replica A', async () => {
    const subscriber = await wsSubscribe(replicas[1]!.url, credential, 'subscription { keyIssued { id source keyId developerId } }');
    await settle();
    const { keyId } = await issueOn(replicas[0]!.url);
    const message = (await subscriber.next()) as { data: { keyIssued: { keyId: string } } };
    expect(message.data.keyIssued.keyId).toBe(keyId);
    await subscriber.close();
  });

  it('delivers once when both replicas report the same happening', async () => {
    const subscriber = await wsSubscribe(replicas[0]!.url, credential, 'subscription { keyEvents { id type keyId } }');
    await settle();
    const event = { type: 'KEY_REVOKED' as const, source: 'watcher' as const, orgId: dashboard.orgs[0]!.orgId, developerId: 'aaaaaaaaaaaaaaaaaaaaaaaa', keyId: `k${Date.now()}`, policyIds: [] };
    replicas[0]!.bus.publish(event);
    replicas[1]!.bus.publish(event);
    const message = (await subscriber.next()) as { data: { keyEvents: { keyId: string } } };
    expect(message.data.keyEvents.keyId).toBe(event.keyId);
    await settle(600);
    expect(subscriber.received).toHaveLength(1);
    await subscriber.close();
  });

  it('keeps delivering after Redis drops the subscriber connections, without duplicates', async () => {
    const subscriber = await wsSubscribe(replicas[1]!.url, credential, 'subscription { keyIssued { keyId } }');
    await settle();
    const admin = redis();
    await admin.client('KILL', 'TYPE', 'pubsub');
    await settle(1_500); // ioredis reconnects and re-subscribes
    const { keyId } = await issueOn(replicas[0]!.url);
    const message = (await subscriber.next(8_000)) as { data: { keyIssued: { keyId: string } } };
    expect(message.data.keyIssued.keyId).toBe(keyId);
    await settle(600);
    expect(subscriber.received).toHaveLength(1);
    await subscriber.close();
  });
});

describe.skipIf(!REDIS_URL)('the change watcher across replicas', () => {
  it('polls from one replica at a time under the Redis lock, and another takes over when it stops', async () => {
    const { ChangeWatcher, redisWatcherLock } = await import('../../src/events/change-watcher.js');
    const dashboard = createEmbeddedDashboard({ demoSize: { developers: [5, 2] } });
    await dashboard.start();
    const lockKey = `portal-graph-test-${randomUUID()}:watcher-lock`;
    const clients = [new Redis(REDIS_URL!), new Redis(REDIS_URL!)];
    const bus = new KeyEventBus();
    const { createTykClient } = await import('../../src/tyk/client.js');
    const tyk = createTykClient({ baseUrl: dashboard.url, credential: dashboard.orgs[0]!.credential });
    const [a, b] = clients.map((redis, i) => new ChangeWatcher({ clients: [tyk], events: bus, intervalMs: 1_000, lock: redisWatcherLock(redis, lockKey, `replica-${i}`) }));
    try {
      dashboard.requestLog.clear();
      await a!.poll();
      await b!.poll();
      await a!.poll();
      await b!.poll();
      // Each poll of the lock holder reads developers and key requests: 2 polls × 2 calls.
      expect(dashboard.requestLog.count()).toBe(4);
      expect(await clients[0]!.get(lockKey)).toBe('replica-0');
      await a!.stop();
      dashboard.requestLog.clear();
      await b!.poll();
      expect(dashboard.requestLog.count()).toBe(2);
      expect(await clients[0]!.get(lockKey)).toBe('replica-1');
    } finally {
      await b!.stop();
      await clients[0]!.del(lockKey);
      for (const c of clients) c.disconnect();
      await dashboard.stop();
    }
  });
});
