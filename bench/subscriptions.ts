/**
 * `npm run bench:subscriptions`: 1 000 and 5 000 concurrent graphql-ws subscribers (one WebSocket
 * each) on one gateway process; latency from a mutation's response to each delivery (p50/p99), and
 * memory per idle subscription. Gateway, embedded Dashboard and the clients share the process, so
 * the memory figure includes the client side of each socket. Writes bench/SUBSCRIPTIONS.md.
 */
import { writeFileSync } from 'node:fs';
import { createClient, type Client } from 'graphql-ws';
import { pino } from 'pino';
import WebSocket from 'ws';
import { createEmbeddedDashboard } from '../src/dashboard/index.js';
import { buildServer } from '../src/server.js';
import { closeTykPools } from '../src/tyk/client.js';

const SIZES = (process.env['BENCH_SUBSCRIBERS'] ?? '1000,5000').split(',').map(Number);
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 10);

const gcMb = () => {
  global.gc?.();
  global.gc?.();
  return process.memoryUsage().heapUsed / 1048576;
};
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function run(size: number) {
  const dashboard = createEmbeddedDashboard();
  const dashboardUrl = await dashboard.start();
  // Thousands of mutations from one credential trigger the events: rate limits off.
  const server = buildServer({ dashboardUrl, logger: pino({ level: 'silent' }), graphiql: false, websocket: { maxOperationsPerConnection: 5 }, rateLimit: false });
  const url = await server.start(0);
  const credential = dashboard.orgs[0]!.credential;
  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: credential }, body: JSON.stringify({ query, variables }) });
    return ((await response.json()) as { data: Record<string, any> }).data;
  };
  const policyId = (await gql('{ policies(active: true) { id } }'))['policies'][0].id as string;
  const developerId = (await gql('mutation { createDeveloper(input: { email: "bench-subscriber@example.com", password: "long-enough" }) { ... on DeveloperPayload { developer { id } } } }'))['createDeveloper'].developer.id as string;

  const before = gcMb();
  // Arrival times per key id: an event may beat the mutation's HTTP response.
  const arrivals = new Map<string, number[]>();
  const clients: Client[] = [];
  let established = 0;
  for (let i = 0; i < size; i++) {
    const client = createClient({ url: url.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: credential }, lazy: false, retryAttempts: 0 });
    clients.push(client);
    await new Promise<void>((resolve) => {
      client.on('connected', () => resolve());
    });
    client.subscribe(
      { query: 'subscription { keyIssued { keyId } }' },
      {
        next: (value) => {
          const keyId = (value.data as { keyIssued: { keyId: string } }).keyIssued.keyId;
          const times = arrivals.get(keyId) ?? [];
          times.push(performance.now());
          arrivals.set(keyId, times);
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    established++;
  }
  await new Promise((r) => setTimeout(r, 2_000)); // every subscription resolves its organisation
  const perSubscriptionKb = ((gcMb() - before) * 1024) / established;

  const issued: string[] = [];
  const responded: number[] = [];
  const sent: number[] = [];
  for (let e = 0; e < EVENTS; e++) {
    sent.push(performance.now());
    const data = await gql('mutation($d: ID!, $p: [ID!]!) { addKey(developerId: $d, policyIds: $p) { ... on IssuedKey { key { id } } } }', { d: developerId, p: [policyId] });
    responded.push(performance.now());
    issued.push(data['addKey'].key.id as string);
    const deadline = Date.now() + 10_000;
    while ((arrivals.get(issued[e]!)?.length ?? 0) < size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  }
  const latencies = issued.flatMap((keyId, e) => (arrivals.get(keyId) ?? []).map((t) => t - responded[e]!)).sort((a, b) => a - b);
  const fromRequest = issued.flatMap((keyId, e) => (arrivals.get(keyId) ?? []).map((t) => t - sent[e]!)).sort((a, b) => a - b);
  const delivered = issued.reduce((n, keyId) => n + (arrivals.get(keyId)?.length ?? 0), 0);
  const result = {
    size,
    delivered,
    expected: size * EVENTS,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: latencies.at(-1) ?? NaN,
    requestP50: quantile(fromRequest, 0.5),
    requestP99: quantile(fromRequest, 0.99),
    perSubscriptionKb,
  };
  process.stdout.write(
    `${size} subscribers: delivered ${delivered}/${size * EVENTS}; mutation response → delivery p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, max ${result.max.toFixed(1)} ms; mutation sent → delivery p50 ${result.requestP50.toFixed(1)} ms, p99 ${result.requestP99.toFixed(1)} ms; ${perSubscriptionKb.toFixed(1)} KB heap per idle subscription (server + client side)\n`,
  );
  await Promise.all(clients.map((c) => c.dispose()));
  await server.stop({ graceMs: 1_000 });
  await closeTykPools();
  await dashboard.stop();
  return result;
}

async function main() {
  const results = [];
  for (const size of SIZES) results.push(await run(size));
  const lines = [
    '# Subscription benchmark',
    '',
    `Command: \`npm run bench:subscriptions\` (BENCH_SUBSCRIBERS=${SIZES.join(',')}, BENCH_EVENTS=${EVENTS}); one process holds the gateway, the embedded Dashboard and every client WebSocket.`,
    '',
    '| subscribers | delivered | response → delivery p50 ms | p99 ms | max ms | request sent → delivery p50 ms | p99 ms | heap KB per idle subscription |',
    '|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.size} | ${r.delivered}/${r.expected} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.requestP50.toFixed(1)} | ${r.requestP99.toFixed(1)} | ${r.perSubscriptionKb.toFixed(1)} |`,
    ),
    '',
    'Response → delivery runs from the moment the `addKey` mutation’s HTTP response arrives to each subscriber’s `next` message; it is negative when the event beats the response (the gateway publishes the event as soon as the new key is known, before it writes the mutation’s response). Request sent → delivery includes the mutation itself.',
    '',
  ];
  writeFileSync(new URL('./SUBSCRIPTIONS.md', import.meta.url), lines.join('\n'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
