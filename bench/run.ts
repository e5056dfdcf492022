/**
 * `npm run bench`: the gateway against the REST floor and against itself without loaders.
 *
 * For each workload (overview at 10/100/1000 developers, one developer's detail page, the catalogue
 * page) and each upstream latency (0 ms, 5 ms) it measures three variants over real HTTP against the
 * embedded Dashboard:
 *   - gateway: portal-graph as shipped (batching loaders, shared cache for rarely-changing data);
 *   - naive:   the same schema with loaders off (one call per field, no cache);
 *   - floor:   a hand-written script making the minimal REST calls with maximal concurrency.
 * It prints a table and writes bench/RESULTS.md. Numbers, not pass/fail: the call counts are pinned
 * by tests (test/gateway/overview.test.ts), timings are not.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { pino } from 'pino';
import { Pool } from 'undici';
import { createEmbeddedDashboard, type EmbeddedDashboard } from '../src/dashboard/index.js';
import { buildServer, type GatewayServer } from '../src/server.js';
import { closeTykPools } from '../src/tyk/client.js';

const ITERATIONS = Number(process.env['BENCH_ITERATIONS'] ?? 30);
const THROUGHPUT_MS = Number(process.env['BENCH_THROUGHPUT_MS'] ?? 2000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);

const OVERVIEW = `query Overview { developers(first: 100) { totalCount edges { node { email keys { policies { name rate } usage { hits } } } } } }`;
const DETAIL = `query Detail($id: ID!) { developer(id: $id) { email name keys { id alias quota { remaining } policies { name rate quotaMax } usage(resolution: DAY) { start hits error } } oauthClients { clientId policy { name } } keyRequests { id approved policies { name } } } }`;
const CATALOGUE = `query Catalogue { catalogue(shownOnly: true) { name shortDescription policy { name rate per quotaMax } } }`;

interface Workload {
  name: string;
  developers: number;
  query: string;
  variables?: (ctx: Setup) => Record<string, unknown>;
  floor: (ctx: Setup) => Promise<number>;
}

interface Setup {
  dashboard: EmbeddedDashboard;
  rest: RestFloor;
  detailId: string;
}

/** The minimal REST calls a hand-written frontend would make, as concurrently as the data allows. */
class RestFloor {
  readonly #pool: Pool;
  constructor(
    readonly url: string,
    readonly credential: string,
  ) {
    this.#pool = new Pool(url, { connections: 256 });
  }
  async get<T>(path: string): Promise<T> {
    const response = await this.#pool.request({ path, method: 'GET', headers: { authorization: this.credential } });
    return (await response.body.json()) as T;
  }
  close() {
    return this.#pool.close();
  }
}

type Dev = { id: string; email: string; keys: Record<string, string[]>; oauth_clients: Record<string, unknown[]> };
const range = () => {
  const to = new Date();
  const from = new Date(to.getTime() - 6 * 86_400_000);
  const d = (x: Date) => `${x.getUTCDate()}/${x.getUTCMonth() + 1}/${x.getUTCFullYear()}`;
  return `${d(from)}/${d(to)}?res=day&p=-1`;
};

async function floorOverview({ rest }: Setup): Promise<number> {
  const list = await rest.get<{ Data: Dev[] }>('/api/portal/developers?p=-1');
  const page = list.Data.slice(0, 100);
  const keys = page.flatMap((d) => Object.keys(d.keys));
  const policyIds = [...new Set(page.flatMap((d) => Object.values(d.keys).flat()))];
  await Promise.all([
    policyIds.length ? rest.get(`/api/portal/policies/search?policy_ids=${policyIds.join(',')}&p=-1`) : null,
    ...keys.map((k) => rest.get(`/api/activity/keys/${k}/${range()}`)),
  ]);
  return 2 + keys.length;
}

async function floorDetail({ rest, detailId }: Setup): Promise<number> {
  const [developer, requests] = await Promise.all([
    rest.get<Dev>(`/api/portal/developers/${detailId}`),
    rest.get<{ Data: { by_user: string; apply_policies: string[] }[] }>('/api/portal/requests?p=-1'),
  ]);
  const mine = requests.Data.filter((r) => r.by_user === detailId);
  const keys = Object.keys(developer.keys);
  const policyIds = [...new Set([...Object.values(developer.keys).flat(), ...Object.keys(developer.oauth_clients), ...mine.flatMap((r) => r.apply_policies)])];
  await Promise.all([
    rest.get(`/api/portal/policies/search?policy_ids=${policyIds.join(',')}&p=-1`),
    ...keys.map((k) => rest.get(`/api/keys/${k}?hashed=1`)),
    ...keys.map((k) => rest.get(`/api/activity/keys/${k}/${range()}`)),
  ]);
  return 3 + keys.length * 2;
}

async function floorCatalogue({ rest }: Setup): Promise<number> {
  const [catalogue] = await Promise.all([rest.get<{ apis: { policy_id: string; show: boolean }[] }>('/api/portal/catalogue')]);
  const ids = catalogue.apis.filter((a) => a.show).map((a) => a.policy_id);
  await rest.get(`/api/portal/policies/search?policy_ids=${ids.join(',')}&p=-1`);
  return 2;
}

const WORKLOADS: Workload[] = [
  { name: 'overview, 10 developers', developers: 10, query: OVERVIEW, floor: floorOverview },
  { name: 'overview, 100 developers', developers: 100, query: OVERVIEW, floor: floorOverview },
  { name: 'overview, 1,000 developers', developers: 1000, query: OVERVIEW, floor: floorOverview },
  { name: 'developer detail page', developers: 100, query: DETAIL, variables: (s) => ({ id: s.detailId }), floor: floorDetail },
  { name: 'catalogue page', developers: 100, query: CATALOGUE, floor: floorCatalogue },
];

interface Result {
  workload: string;
  latencyMs: number;
  variant: 'gateway' | 'naive' | 'floor';
  calls: number;
  steadyCalls: number;
  rounds: number;
  p50: number;
  p99: number;
  throughput: number;
  peakRssMb: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function measure(run: () => Promise<unknown>, dashboard: EmbeddedDashboard) {
  // First run on a cold cache: what one query costs upstream.
  dashboard.requestLog.clear();
  await run();
  const calls = dashboard.requestLog.count();
  const rounds = dashboard.requestLog.rounds();
  dashboard.requestLog.clear();
  await run();
  const steadyCalls = dashboard.requestLog.count();

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);

  let done = 0;
  const until = performance.now() + THROUGHPUT_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        await run();
        done++;
      }
    }),
  );
  clearInterval(sampler);
  dashboard.requestLog.clear();
  return { calls, steadyCalls, rounds, p50: quantile(times, 0.5), p99: quantile(times, 0.99), throughput: (done * 1000) / THROUGHPUT_MS, peakRssMb: peak / 1048576 };
}

async function graphql(url: string, credential: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: credential }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(`query failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
  return body;
}

async function main() {
  const results: Result[] = [];
  const logger = pino({ level: 'silent' });
  const sizes = [...new Set(WORKLOADS.map((w) => w.developers))];
  for (const size of sizes) {
    const dashboard = createEmbeddedDashboard({ demoSize: { developers: [size, 30] } });
    const dashboardUrl = await dashboard.start();
    const credential = dashboard.orgs[0]!.credential;
    const rest = new RestFloor(dashboardUrl, credential);
    const developers = (await rest.get<{ Data: Dev[] }>('/api/portal/developers?p=-1')).Data;
    const detailId = [...developers].sort((a, b) => Object.keys(b.keys).length - Object.keys(a.keys).length)[0]!.id;
    const setup: Setup = { dashboard, rest, detailId };
    for (const workload of WORKLOADS.filter((w) => w.developers === size)) {
      for (const latencyMs of [0, 5]) {
        dashboard.setLatency(latencyMs);
        for (const variant of ['floor', 'gateway', 'naive'] as const) {
          // A fresh gateway per measurement, so "calls" is a cold cache's cost.
          let server: GatewayServer | undefined;
          let run: () => Promise<unknown>;
          if (variant === 'floor') {
            run = () => workload.floor(setup);
          } else {
            server = buildServer({ dashboardUrl, logger, graphiql: false, loaderMode: variant === 'naive' ? 'naive' : 'batched', sharedCacheTtlMs: variant === 'naive' ? 0 : 30_000 });
            const url = await server.start(0);
            run = () => graphql(url, credential, workload.query, workload.variables?.(setup));
          }
          const m = await measure(run, dashboard);
          await server?.stop();
          results.push({ workload: workload.name, latencyMs, variant, ...m });
          process.stdout.write(
            `${workload.name.padEnd(28)} ${String(latencyMs).padStart(2)}ms ${variant.padEnd(8)} calls ${String(m.calls).padStart(4)} (then ${String(m.steadyCalls).padStart(4)}) rounds ${m.rounds}  p50 ${m.p50.toFixed(1).padStart(7)}ms  p99 ${m.p99.toFixed(1).padStart(7)}ms  ${m.throughput.toFixed(0).padStart(5)} q/s  rss ${m.peakRssMb.toFixed(0)} MB\n`,
          );
        }
      }
    }
    await rest.close();
    await closeTykPools();
    await dashboard.stop();
  }
  writeFileSync(new URL('./RESULTS.md', import.meta.url), report(results));
  process.stdout.write('\nwrote bench/RESULTS.md\n');
}

function report(results: Result[]): string {
  const lines = [
    '# Benchmark results',
    '',
    `Command: \`npm run bench\` (BENCH_ITERATIONS=${ITERATIONS}, BENCH_THROUGHPUT_MS=${THROUGHPUT_MS}, BENCH_CONCURRENCY=${CONCURRENCY}).`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}.`,
    'Gateway, embedded Dashboard and the floor script share one process (one core does the work of all three), so absolute',
    'latencies include the Dashboard’s own work; compare variants within a row group.',
    '',
    '- **calls**: upstream calls of one query on a cold cache; **then**: of the same query repeated (the gateway shares policies,',
    '  catalogue and portal configuration across one credential’s requests for 30 s). **rounds**: sequential upstream rounds,',
    '  read from the Dashboard’s request log; shown at 5 ms only (at 0 ms calls rarely overlap, so the log cannot tell rounds apart).',
    '- **overhead**: gateway p50 minus floor p50 — time the gateway adds to the best hand-written fan-out.',
    '- Throughput: queries per second at concurrency ' + CONCURRENCY + '. Peak RSS: the whole bench process during that measurement.',
    '',
  ];
  for (const workload of [...new Set(results.map((r) => r.workload))]) {
    lines.push(`## ${workload}`, '', '| upstream latency | variant | calls | then | rounds | p50 ms | p99 ms | q/s | peak RSS MB | overhead ms |', '|---|---|---|---|---|---|---|---|---|---|');
    for (const latency of [0, 5]) {
      const rows = results.filter((r) => r.workload === workload && r.latencyMs === latency);
      const floor = rows.find((r) => r.variant === 'floor')!;
      for (const r of rows) {
        const overhead = r.variant === 'floor' ? '' : (r.p50 - floor.p50).toFixed(1);
        lines.push(`| ${latency} ms | ${r.variant} | ${r.calls} | ${r.steadyCalls} | ${latency > 0 ? r.rounds : '–'} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.throughput.toFixed(0)} | ${r.peakRssMb.toFixed(0)} | ${overhead} |`);
      }
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
