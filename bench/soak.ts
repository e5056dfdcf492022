/**
 * `npm run bench:soak`: minutes of mixed traffic against the gateway and the embedded Dashboard in
 * one process, sampling memory and event-loop delay, to show neither grows. Prints one line per
 * sample window and a verdict line (growth from the first to the last windows); writes
 * bench/SOAK.md. SOAK_MINUTES (default 10), SOAK_CONCURRENCY (default 8).
 *
 * Mix per worker loop: overview query, a developer's detail page, the catalogue, and a write cycle
 * (create a developer, add a key, change its policies, reset its quota, revoke it, delete the
 * developer) so state does not pile up; SOAK_SUBSCRIBERS (default 100) graphql-ws subscribers
 * receive every key event throughout.
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createClient } from 'graphql-ws';
import { pino } from 'pino';
import WebSocket from 'ws';
import { createEmbeddedDashboard } from '../src/dashboard/index.js';
import { buildServer } from '../src/server.js';
import { closeTykPools } from '../src/tyk/client.js';

const MINUTES = Number(process.env['SOAK_MINUTES'] ?? 10);
const CONCURRENCY = Number(process.env['SOAK_CONCURRENCY'] ?? 8);
const WINDOW_MS = Math.min(30_000, (MINUTES * 60_000) / 10);

const OVERVIEW = '{ developers(first: 50) { edges { node { email keys { policies { name rate } usage { hits } } } } } }';
const DETAIL = 'query($id: ID!) { developer(id: $id) { email keys { alias quota { remaining } policies { name } usage { hits } } oauthClients { clientId } keyRequests { approved } } }';
const CATALOGUE = '{ catalogue { name policy { name rate } } }';
const CREATE = 'mutation($email: String!) { createDeveloper(input: { email: $email, password: "soak-password" }) { ... on DeveloperPayload { developer { id } } } }';
const ADD_KEY = 'mutation($d: ID!, $p: [ID!]!) { addKey(developerId: $d, policyIds: $p) { ... on IssuedKey { key { id } } } }';
const CHANGE = 'mutation($d: ID!, $k: ID!, $p: [ID!]!) { changeKeyPolicies(developerId: $d, keyId: $k, policyIds: $p) { __typename } }';
const RESET = 'mutation($d: ID!, $k: ID!) { resetKeyQuota(developerId: $d, keyId: $k) { __typename } }';
const REVOKE = 'mutation($d: ID!, $k: ID!) { revokeKey(developerId: $d, keyId: $k) { __typename } }';
const DELETE = 'mutation($id: ID!) { deleteDeveloper(id: $id) { __typename } }';

async function main() {
  const dashboard = createEmbeddedDashboard({ latencyMs: 2 });
  const dashboardUrl = await dashboard.start();
  // One credential drives the whole load: mutation rate limits would measure the limiter, not the gateway.
  const server = buildServer({ dashboardUrl, logger: pino({ level: 'silent' }), graphiql: false, rateLimit: false });
  const url = await server.start(0);
  const credential = dashboard.orgs[0]!.credential;
  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: credential }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 200));
    return body.data!;
  };
  const policies = ((await gql('{ policies(active: true) { id } }'))['policies'] as { id: string }[]).map((p) => p.id);
  const developerIds = ((await gql('{ developers(first: 100) { edges { node { id } } } }'))['developers'].edges as { node: { id: string } }[]).map((e) => e.node.id);

  // Live subscribers for the whole run: every write cycle's events reach them.
  const SUBSCRIBERS = Number(process.env['SOAK_SUBSCRIBERS'] ?? 100);
  let delivered = 0;
  const subscribers = await Promise.all(
    Array.from({ length: SUBSCRIBERS }, async () => {
      const client = createClient({ url: url.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: credential }, lazy: false });
      await new Promise<void>((resolve) => client.on('connected', () => resolve()));
      client.subscribe({ query: 'subscription { keyEvents { id type keyId } }' }, { next: () => void delivered++, error: () => undefined, complete: () => undefined });
      return client;
    }),
  );

  let operations = 0;
  let failures = 0;
  let serial = 0;
  const cycle = async (worker: number) => {
    await gql(OVERVIEW);
    await gql(DETAIL, { id: developerIds[(serial + worker) % developerIds.length] });
    await gql(CATALOGUE);
    const created = await gql(CREATE, { email: `soak-${worker}-${serial++}@example.com` });
    const id = created['createDeveloper'].developer.id as string;
    const key = (await gql(ADD_KEY, { d: id, p: [policies[0]] }))['addKey'].key.id as string;
    await gql(CHANGE, { d: id, k: key, p: [policies[1]] });
    await gql(RESET, { d: id, k: key });
    await gql(REVOKE, { d: id, k: key });
    await gql(DELETE, { id });
    operations += 9;
  };

  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const samples: { minute: number; heapMb: number; rssMb: number; loopP99Ms: number; opsPerSec: number }[] = [];
  const started = Date.now();
  const until = started + MINUTES * 60_000;
  let lastOps = 0;
  const sampler = setInterval(() => {
    global.gc?.();
    const memory = process.memoryUsage();
    const sample = {
      minute: (Date.now() - started) / 60_000,
      heapMb: memory.heapUsed / 1048576,
      rssMb: memory.rss / 1048576,
      loopP99Ms: delay.percentile(99) / 1e6,
      opsPerSec: ((operations - lastOps) * 1000) / WINDOW_MS,
    };
    lastOps = operations;
    delay.reset();
    samples.push(sample);
    process.stdout.write(
      `t=${sample.minute.toFixed(1).padStart(5)} min  heap ${sample.heapMb.toFixed(1).padStart(6)} MB  rss ${sample.rssMb.toFixed(0).padStart(4)} MB  loop p99 ${sample.loopP99Ms.toFixed(1).padStart(6)} ms  ${sample.opsPerSec.toFixed(0).padStart(5)} ops/s  failures ${failures}\n`,
    );
  }, WINDOW_MS);

  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (Date.now() < until) {
        try {
          await cycle(worker);
        } catch {
          failures++;
        }
      }
    }),
  );
  clearInterval(sampler);
  delay.disable();
  await Promise.all(subscribers.map((client) => client.dispose()));

  const third = Math.max(1, Math.floor(samples.length / 3));
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const early = samples.slice(0, third);
  const late = samples.slice(-third);
  const verdict = {
    heapGrowthMb: avg(late.map((s) => s.heapMb)) - avg(early.map((s) => s.heapMb)),
    rssGrowthMb: avg(late.map((s) => s.rssMb)) - avg(early.map((s) => s.rssMb)),
    loopP99EarlyMs: avg(early.map((s) => s.loopP99Ms)),
    loopP99LateMs: avg(late.map((s) => s.loopP99Ms)),
  };
  const summary = `soak ${MINUTES} min, concurrency ${CONCURRENCY}, ${SUBSCRIBERS} live subscribers (${delivered} events delivered): ${operations} operations, ${failures} failed cycles; heap growth ${verdict.heapGrowthMb.toFixed(1)} MB, rss growth ${verdict.rssGrowthMb.toFixed(1)} MB (last third vs first third); event-loop p99 ${verdict.loopP99EarlyMs.toFixed(1)} → ${verdict.loopP99LateMs.toFixed(1)} ms`;
  process.stdout.write(`\n${summary}\n`);
  const table = ['| minute | heap MB | rss MB | event-loop p99 ms | ops/s |', '|---|---|---|---|---|', ...samples.map((s) => `| ${s.minute.toFixed(1)} | ${s.heapMb.toFixed(1)} | ${s.rssMb.toFixed(0)} | ${s.loopP99Ms.toFixed(1)} | ${s.opsPerSec.toFixed(0)} |`)];
  writeFileSync(
    new URL('./SOAK.md', import.meta.url),
    `# Soak\n\nCommand: \`SOAK_MINUTES=${MINUTES} SOAK_CONCURRENCY=${CONCURRENCY} npm run bench:soak\` (gateway, embedded Dashboard and the subscriber clients in one process, 2 ms upstream latency).\n\n${summary}\n\n${table.join('\n')}\n`,
  );
  await server.stop();
  await closeTykPools();
  await dashboard.stop();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
