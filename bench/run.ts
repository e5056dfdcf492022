/**
 * `npm run bench`: the gateway against the REST floor and against itself without loaders.
 *
 * For each workload (overview at 10/100/1000 developers, one developer's detail page, the catalogue
 * page) and each upstream latency (0 ms, 5 ms) it measures four variants over real HTTP against the
 * embedded Dashboard:
 *   - gateway: portal-graph as shipped (batching loaders, shared cache for rarely-changing data,
 *              queries compiled by graphql-jit);
 *   - no-jit:  the same, executed by graphql-js (PORTAL_GRAPH_JIT=false), to show what the JIT buys;
 *   - naive:   the same schema with loaders off (one call per field, no cache);
 *   - floor:   a hand-written script making the minimal REST calls with maximal concurrency.
 * The Dashboard runs on its own thread (bench/dashboard-thread.ts). It prints a line per measurement
 * and writes bench/RESULTS.md. Numbers, not pass/fail: the call counts are pinned by tests
 * (test/gateway/overview.test.ts, test/gateway/bench-workloads.test.ts), timings are not.
 * `BENCH_ONLY='detail'` runs only the workloads whose name contains the text; `BENCH_ROUNDS` (default 3)
 * sets how often each cell is measured (the tables show medians).
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { pino } from 'pino';
import { buildServer, type GatewayServer } from '../src/server.js';
import { closeTykPools } from '../src/tyk/client.js';
import { DashboardThread } from './dashboard-thread.js';
import { measure, median, SETTINGS, type Measurement } from './measure.js';
import { THREAD_CPU_SOURCE } from './thread-cpu.js';
import { closeWorkloadPools, detailDeveloperId, RestFloor, sendWorkload, WORKLOADS, type Setup, type Workload } from './workloads.js';

const { iterations: ITERATIONS, throughputMs: THROUGHPUT_MS, concurrency: CONCURRENCY, warmup: WARMUP } = SETTINGS;
/** Only workloads whose name contains this text (e.g. `BENCH_ONLY='100 developers'`); default all. */
const ONLY = process.env['BENCH_ONLY'] ?? '';
/**
 * Repetitions of every (workload, latency) cell, the variants taking turns within each: a shared
 * 2-core machine drifts by 15–50 % from one minute to the next, and a variant measured only once,
 * after another, takes that drift for its own. The tables show each figure's median.
 */
const ROUNDS = Math.max(1, Number(process.env['BENCH_ROUNDS'] ?? 3));

const SELECTED = WORKLOADS.filter((w) => w.name.includes(ONLY));

const VARIANTS = ['floor', 'gateway', 'no-jit', 'naive'] as const;
type Variant = (typeof VARIANTS)[number];

/** One measurement (see measure.ts; busy: the gateway's own CPU per query, or the floor script's) of one cell. */
type Result = Measurement & { workload: string; latencyMs: number; variant: Variant };

/**
 * One variant's repetitions as one row: the median of every timing, the highest peak memory, and
 * the call counts, which must not differ between repetitions (they would mean a bug, not noise).
 */
function medianOf(repetitions: Result[]): Result {
  const first = repetitions[0]!;
  for (const r of repetitions) {
    if (r.calls !== first.calls || r.steadyCalls !== first.steadyCalls) {
      throw new Error(`${first.workload} ${first.variant}: upstream calls differ between repetitions (${r.calls}/${r.steadyCalls} vs ${first.calls}/${first.steadyCalls})`);
    }
  }
  const of = (pick: (r: Result) => number) => median(repetitions.map(pick));
  return {
    ...first,
    rounds: of((r) => r.rounds),
    p50: of((r) => r.p50),
    p99: of((r) => r.p99),
    busyMs: of((r) => r.busyMs),
    throughput: of((r) => r.throughput),
    peakRssMb: Math.max(...repetitions.map((r) => r.peakRssMb)),
  };
}

/** Runs a workload's query; a query that fails would make every number meaningless, so it throws. */
async function runWorkload(url: string, credential: string, workload: Workload, setup: Setup) {
  const body = await sendWorkload(url, credential, workload, setup);
  if (body.errors) throw new Error(`query failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
  return body;
}

async function main() {
  const results: Result[] = [];
  const logger = pino({ level: 'silent' });
  const sizes = [...new Set(SELECTED.map((w) => w.developers))];
  for (const size of sizes) {
    const dashboard = await DashboardThread.start(size);
    const { url: dashboardUrl, credential } = dashboard;
    const rest = new RestFloor(dashboardUrl, credential);
    const setup: Setup = { rest, detailId: await detailDeveloperId(rest) };
    for (const workload of SELECTED.filter((w) => w.developers === size)) {
      for (const latencyMs of [0, 5]) {
        await dashboard.setLatency(latencyMs);
        const cell: Result[] = [];
        for (let round = 1; round <= ROUNDS; round++) {
          for (const variant of VARIANTS) {
            // A fresh gateway per measurement, so "calls" is a cold cache's cost.
            let server: GatewayServer | undefined;
            let run: () => Promise<unknown>;
            if (variant === 'floor') {
              run = () => workload.floor(setup);
            } else {
              const naive = variant === 'naive';
              server = buildServer({ dashboardUrl, logger, graphiql: false, loaderMode: naive ? 'naive' : 'batched', sharedCacheTtlMs: naive ? 0 : 30_000, jit: variant !== 'no-jit' });
              const url = await server.start(0);
              run = () => runWorkload(url, credential, workload, setup);
            }
            const m = await measure(run, dashboard);
            await server?.stop();
            cell.push({ workload: workload.name, latencyMs, variant, ...m });
            process.stdout.write(
              `${workload.name.padEnd(28)} ${String(latencyMs).padStart(2)}ms ${variant.padEnd(8)} #${round} calls ${String(m.calls).padStart(4)} (then ${String(m.steadyCalls).padStart(4)}) rounds ${m.rounds}  p50 ${m.p50.toFixed(1).padStart(7)}ms  p99 ${m.p99.toFixed(1).padStart(7)}ms  busy ${m.busyMs.toFixed(1).padStart(6)}ms  ${m.throughput.toFixed(0).padStart(5)} q/s  rss ${m.peakRssMb.toFixed(0)} MB\n`,
            );
          }
        }
        for (const variant of VARIANTS) results.push(medianOf(cell.filter((r) => r.variant === variant)));
      }
    }
    await rest.close();
    await closeWorkloadPools();
    await closeTykPools();
    await dashboard.stop();
  }
  writeFileSync(new URL('./RESULTS.md', import.meta.url), report(results));
  process.stdout.write('\nwrote bench/RESULTS.md\n');
}

function report(results: Result[]): string {
  const at = (workload: string, latency: number, variant: Result['variant']) =>
    results.find((r) => r.workload === workload && r.latencyMs === latency && r.variant === variant)!;
  const workloads = [...new Set(results.map((r) => r.workload))];
  const lines = [
    '# Benchmark results',
    '',
    `Command: \`npm run bench\` (BENCH_ROUNDS=${ROUNDS}, BENCH_ITERATIONS=${ITERATIONS}, BENCH_WARMUP=${WARMUP}, BENCH_THROUGHPUT_MS=${THROUGHPUT_MS}, BENCH_CONCURRENCY=${CONCURRENCY}).`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}.`,
    'The embedded Dashboard runs on its own thread (the second core), as a real Dashboard runs on its own machine; the',
    'gateway and the floor script run on the main thread, one variant at a time. Every cell was measured',
    `${ROUNDS} times, the variants taking turns; each figure is the median of those ${ROUNDS} (peak RSS: the highest).`,
    '',
    '## Against the targets (5 ms upstream latency)',
    '',
    '| workload | calls gateway / floor | p50 gateway / floor | q/s gateway / naive |',
    '|---|---|---|---|',
    ...workloads.map((w) => {
      const [g, f, n] = [at(w, 5, 'gateway'), at(w, 5, 'floor'), at(w, 5, 'naive')];
      return `| ${w} | ${g.calls} / ${f.calls} (then ${g.steadyCalls}) | ${(g.p50 / f.p50).toFixed(2)}× | ${(g.throughput / n.throughput).toFixed(1)}× |`;
    }),
    '',
    '- **calls**: upstream calls of one query on a cold cache; **then**: of the same query repeated (the gateway shares policies,',
    '  catalogue and portal configuration across one credential’s requests for 30 s). **rounds**: sequential upstream rounds,',
    '  read from the Dashboard’s request log; shown at 5 ms only (at 0 ms calls rarely overlap, so the log cannot tell rounds apart).',
    `- **busy**: main-thread CPU per query while queries run one at a time (${THREAD_CPU_SOURCE}): for the gateway its own work`,
    '  (parsing, validating, resolving, serialising, plus the benchmark client’s small share), for the floor the script’s.',
    '- **overhead**: gateway p50 minus floor p50: time the gateway adds to the best hand-written fan-out.',
    '- **no-jit**: the gateway with queries executed by graphql-js instead of graphql-jit (`PORTAL_GRAPH_JIT=false`); **naive**: the',
    '  same schema without loaders or shared cache (one upstream call per field).',
    '- Throughput: queries per second at concurrency ' + CONCURRENCY + '. Peak RSS: the whole bench process (both threads) during that measurement.',
    '- Organisation size (250 / 5,000 / 50,000 developers, upstream bytes, against the floor that reads only the pages it needs): `npm run bench:scale`, [SCALE.md](SCALE.md).',
    '',
  ];
  for (const workload of workloads) {
    lines.push(`## ${workload}`, '', '| upstream latency | variant | calls | then | rounds | p50 ms | p99 ms | busy ms | q/s | peak RSS MB | overhead ms |', '|---|---|---|---|---|---|---|---|---|---|---|');
    for (const latency of [0, 5]) {
      const floor = at(workload, latency, 'floor');
      for (const r of results.filter((x) => x.workload === workload && x.latencyMs === latency)) {
        const overhead = r.variant === 'floor' ? '' : (r.p50 - floor.p50).toFixed(1);
        lines.push(`| ${latency} ms | ${r.variant} | ${r.calls} | ${r.steadyCalls} | ${latency > 0 ? r.rounds : '–'} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.busyMs.toFixed(1)} | ${r.throughput.toFixed(0)} | ${r.peakRssMb.toFixed(0)} | ${overhead} |`);
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
