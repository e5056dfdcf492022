/**
 * `npm run bench:scale`: how the README's overview, a search, key requests and the change watcher cost as the
 * organisation grows (BENCH_SCALE_SIZES, default 250, 5,000 and 50,000 developers), against the
 * hand-written floor that reads only the pages it needs. For every size: upstream calls, bytes and
 * rounds of one cold query, p50/p99 one at a time, p50 and throughput at concurrency 8, peak RSS;
 * the search's first (index-building) and later cost; the same for a developer's key requests, and
 * the key request list's first page; one watcher poll's calls, bytes, time and
 * memory; and how long `npm start` takes to be ready with that many demo developers. The Dashboard
 * runs on its own thread (bench/dashboard-thread.ts). Writes bench/SCALE.md. Numbers, not
 * pass/fail: tests pin the calls and bytes (test/scale/large-org.test.ts).
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { readyLineOf } from '../src/banner.js';
import { ChangeWatcher, type PollReport } from '../src/events/change-watcher.js';
import type { KeyEventFeed } from '../src/events/key-event.js';
import { buildServer } from '../src/server.js';
import { closeTykPools, createTykClient } from '../src/tyk/client.js';
import { TYK_PAGE_SIZE } from '../src/tyk/contract.js';
import { DashboardThread } from './dashboard-thread.js';
import { measure, median, SETTINGS, type Measurement } from './measure.js';
import { closeWorkloadPools, floorOverviewOf, RestFloor, sendQuery } from './workloads.js';

const SIZES = (process.env['BENCH_SCALE_SIZES'] ?? '250,5000,50000').split(',').map(Number);
const LATENCY_MS = Number(process.env['BENCH_LATENCY_MS'] ?? 5);
const ROUNDS = Math.max(1, Number(process.env['BENCH_ROUNDS'] ?? 3));
/** The README's example query. */
const OVERVIEW = `query DeveloperOverview { developers(first: 50) { totalCount edges { node { email keys { policies { name rate } usage { hits } } } } } }`;
const SEARCH = `query Search { developers(first: 20, search: "hopper", orderBy: { field: LAST_LOGIN, direction: DESC }) { totalCount edges { node { email name lastLoginDate } } } }`;
/** A developer's key requests (Tyk cannot filter them by developer): the portal's "my requests". */
const DEVELOPER_REQUESTS = `query DeveloperRequests($id: ID!) { developer(id: $id) { keyRequests { id approved policies { name } } } }`;
/** The organisation's key request list, first page with its total. */
const REQUEST_LIST = `query RequestList { keyRequests(first: 20) { totalCount edges { node { id approved } } } }`;

type Row = Measurement & { variant: string };
interface SizeResult {
  developers: number;
  startup: { ms: number; cpuMs: number | undefined } | undefined;
  dashboardRssMb: number;
  /** Key requests in the organisation. */
  requests: number;
  overview: { gateway: Row; floor: Row; developersAndKeysBytes: number };
  search: FirstThenSteady;
  developerRequests: FirstThenSteady;
  requestList: FirstThenSteady;
  watcher: { first: PollReport & { bytes: number }; second: PollReport & { bytes: number }; rssGrowthMb: number };
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(bytes < 1048576 ? 3 : 1);
const log = (text: string) => process.stdout.write(`${text}\n`);

/** One variant's rounds as one row: median timings, highest peak RSS; calls and bytes must agree. */
function medianRow(variant: string, rounds: Measurement[]): Row {
  const of = (pick: (m: Measurement) => number) => median(rounds.map(pick));
  return { ...rounds[0]!, variant, p50: of((m) => m.p50), p99: of((m) => m.p99), busyMs: of((m) => m.busyMs), throughput: of((m) => m.throughput), p50Concurrent: of((m) => m.p50Concurrent), rounds: of((m) => m.rounds), peakRssMb: Math.max(...rounds.map((m) => m.peakRssMb)) };
}

async function gateway(dashboardUrl: string) {
  const server = buildServer({ dashboardUrl, logger: pino({ level: 'silent' }), graphiql: false, rateLimit: false });
  return { server, url: await server.start(0) };
}

async function query(url: string, credential: string, text: string, variables?: Record<string, unknown>) {
  const body = await sendQuery(url, credential, text, variables);
  if (body.errors) throw new Error(`query failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
}

interface FirstThenSteady {
  first: { calls: number; bytes: number; ms: number };
  steady: Row;
}

/**
 * A query's first run on a fresh gateway (what it reads when nothing is shared yet: a streamed list,
 * which may become an index) and its later runs (`ROUNDS` measurements).
 */
async function firstThenSteady(dashboard: DashboardThread, text: string, variables?: Record<string, unknown>): Promise<FirstThenSteady> {
  const { server, url } = await gateway(dashboard.url);
  await dashboard.clearLog();
  const started = performance.now();
  await query(url, dashboard.credential, text, variables);
  const ms = performance.now() - started;
  const summary = await dashboard.logSummary();
  const rounds: Measurement[] = [];
  for (let round = 1; round <= ROUNDS; round++) rounds.push(await measure(() => query(url, dashboard.credential, text, variables), dashboard));
  await server.stop();
  return { first: { calls: summary.count, bytes: summary.bytes, ms }, steady: medianRow('gateway', rounds) };
}

/** CPU ms a process has used (Linux `/proc/<pid>/stat` utime + stime, 100 ticks a second); undefined elsewhere. */
function processCpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * `npm start` with this many demo developers: its ready time (its own "ready in" line, wall clock
 * since the process started) and the CPU it had used by then, which a shared machine blurs far less.
 */
function startup(developers: number): Promise<{ ms: number; cpuMs: number | undefined } | undefined> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORTAL_GRAPH_DEMO_DEVELOPERS: String(developers), PORTAL_GRAPH_PORT: '0', PORTAL_GRAPH_LOG_LEVEL: 'error', PORTAL_GRAPH_WATCH_INTERVAL_MS: '10000' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // The ready line (a JSON log line here, stdout being a pipe; written whatever the level but `silent`).
      const ready = out.split('\n').map(readyLineOf).find((line) => line !== undefined);
      if (ready) {
        clearTimeout(timer);
        const cpuMs = processCpuMs(child.pid);
        child.kill('SIGTERM');
        resolve({ ms: ready.readyMs, cpuMs });
      }
    });
    child.on('exit', () => resolve(undefined));
  });
}

async function sweep(developers: number): Promise<SizeResult> {
  const started = await startup(developers);
  log(`${developers} developers: npm start ready in ${started?.ms ?? '?'} ms (${started?.cpuMs ?? '?'} ms CPU)`);
  const before = process.memoryUsage().rss;
  const dashboard = await DashboardThread.start(developers);
  const dashboardRssMb = (process.memoryUsage().rss - before) / 1048576;
  const rest = new RestFloor(dashboard.url, dashboard.credential);
  await dashboard.setLatency(LATENCY_MS);

  // The 50 developers and their keys alone (no total): the yardstick of the bytes target.
  await dashboard.clearLog();
  await floorOverviewOf(rest, 50, { total: false });
  const developersAndKeysBytes = (await dashboard.logSummary()).bytes;

  const rounds: Record<'gateway' | 'floor', Measurement[]> = { gateway: [], floor: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const variant of ['floor', 'gateway'] as const) {
      let stop: (() => Promise<void>) | undefined;
      let run: () => Promise<unknown>;
      if (variant === 'floor') run = () => floorOverviewOf(rest, 50);
      else {
        const { server, url } = await gateway(dashboard.url);
        stop = () => server.stop();
        run = () => query(url, dashboard.credential, OVERVIEW);
      }
      const m = await measure(run, dashboard);
      await stop?.();
      rounds[variant].push(m);
      log(`${developers} overview ${variant.padEnd(7)} #${round} calls ${m.calls} bytes ${mb(m.bytes)} MB rounds ${m.rounds} p50 ${m.p50.toFixed(1)} p99 ${m.p99.toFixed(1)} p50@${SETTINGS.concurrency} ${m.p50Concurrent.toFixed(1)} ms ${m.throughput.toFixed(0)} q/s rss ${m.peakRssMb.toFixed(0)} MB`);
    }
  }

  // Search: the first query reads the organisation (and, above 1 000 developers, keeps it as the index).
  const search = await firstThenSteady(dashboard, SEARCH);
  log(`${developers} search first ${search.first.calls} calls ${mb(search.first.bytes)} MB ${search.first.ms.toFixed(0)} ms; then ${search.steady.calls} calls p50 ${search.steady.p50.toFixed(1)} ms`);
  // Key requests: a developer's (the last request's developer, deep in the list) and the list's first page.
  const lastPage = Math.max(1, (await rest.get<{ Pages: number }>('/api/portal/requests?p=1')).Pages);
  const last = (await rest.get<{ Data: { by_user: string }[] }>(`/api/portal/requests?p=${lastPage}`)).Data;
  const requests = (lastPage - 1) * TYK_PAGE_SIZE + last.length;
  const deep = last.at(-1)!.by_user;
  const developerRequests = await firstThenSteady(dashboard, DEVELOPER_REQUESTS, { id: deep });
  const requestList = await firstThenSteady(dashboard, REQUEST_LIST);
  log(`${developers} developer's key requests first ${developerRequests.first.calls} calls ${mb(developerRequests.first.bytes)} MB ${developerRequests.first.ms.toFixed(0)} ms; then ${developerRequests.steady.calls} calls p50 ${developerRequests.steady.p50.toFixed(1)} ms; request list ${requestList.steady.calls} calls p50 ${requestList.steady.p50.toFixed(1)} ms`);

  // Watcher: the baseline poll and the next one.
  await dashboard.setLatency(0);
  const reports: PollReport[] = [];
  const feed = { publish: () => undefined, subscribe: () => { throw new Error('unused'); } } as unknown as KeyEventFeed;
  const watcher = new ChangeWatcher({ clients: [createTykClient({ baseUrl: dashboard.url, credential: dashboard.credential })], events: feed, onPoll: (r) => reports.push(r) });
  const polls: (PollReport & { bytes: number })[] = [];
  let peak = process.memoryUsage().rss;
  const rssBefore = peak;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  for (let i = 0; i < 2; i++) {
    await dashboard.clearLog();
    await watcher.poll();
    polls.push({ ...reports.at(-1)!, bytes: (await dashboard.logSummary()).bytes });
  }
  clearInterval(sampler);
  log(`${developers} watcher poll: ${polls[1]!.calls} calls ${mb(polls[1]!.bytes)} MB ${polls[1]!.durationMs.toFixed(0)} ms (baseline ${polls[0]!.durationMs.toFixed(0)} ms), rss +${((peak - rssBefore) / 1048576).toFixed(0)} MB`);

  await rest.close();
  await closeWorkloadPools();
  await closeTykPools();
  await dashboard.stop();
  return {
    developers,
    startup: started,
    dashboardRssMb,
    requests,
    overview: { gateway: medianRow('gateway', rounds.gateway), floor: medianRow('floor', rounds.floor), developersAndKeysBytes },
    search,
    developerRequests,
    requestList,
    watcher: { first: polls[0]!, second: polls[1]!, rssGrowthMb: (peak - rssBefore) / 1048576 },
  };
}

/** The 1-minute load average when the sweep started (a value above the core count: the machine was shared). */
const LOAD_AT_START = loadavg()[0]!;

function report(results: SizeResult[]): string {
  const smallest = results[0]!;
  const largest = results.at(-1)!;
  const g = (r: SizeResult) => r.overview.gateway;
  const lines = [
    '# Organisation size sweep',
    '',
    `Command: \`npm run bench:scale\` (BENCH_SCALE_SIZES=${SIZES.join(',')}, BENCH_ROUNDS=${ROUNDS}, BENCH_LATENCY_MS=${LATENCY_MS}, BENCH_ITERATIONS=${SETTINGS.iterations}, BENCH_WARMUP=${SETTINGS.warmup}, BENCH_THROUGHPUT_MS=${SETTINGS.throughputMs}, BENCH_CONCURRENCY=${SETTINGS.concurrency}).`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}.`,
    'The embedded Dashboard runs on its own thread with the demo data sized by PORTAL_GRAPH_DEMO_DEVELOPERS; the gateway and the',
    `floor run on the main thread, taking turns, ${ROUNDS} rounds; timings are medians, peak RSS the highest (whole process, Dashboard thread included).`,
    `Load average (1 min) at the start ${LOAD_AT_START.toFixed(1)}, at the end ${loadavg()[0]!.toFixed(1)}, on ${cpus().length} cores: above ${cpus().length} the machine was shared with other work and timings are inflated; compare ratios within one run.`,
    '',
    '## Against the targets (the README overview, `developers(first: 50)` with `totalCount`, keys, policies, usage)',
    '',
    '| developers | works | calls gateway / floor | upstream bytes gateway / floor | bytes ÷ its 50 developers and keys | gateway p50 ÷ its p50 at ' + smallest.developers + ' | p50 gateway ÷ floor |',
    '|---|---|---|---|---|---|---|',
    ...results.map((r) => `| ${r.developers.toLocaleString('en')} | yes | ${g(r).calls} / ${r.overview.floor.calls} | ${mb(g(r).bytes)} / ${mb(r.overview.floor.bytes)} MB | ${(g(r).bytes / r.overview.developersAndKeysBytes).toFixed(2)}× | ${(g(r).p50 / g(smallest).p50).toFixed(2)}× | ${(g(r).p50 / r.overview.floor.p50).toFixed(2)}× |`),
    '',
    `Targets at ${largest.developers.toLocaleString('en')}: the overview works; at most 2× the bytes of its 50 developers and their keys (${(g(largest).bytes / largest.overview.developersAndKeysBytes).toFixed(2)}×); p50 within 1.5× of the ${smallest.developers}-developer p50 (${(g(largest).p50 / g(smallest).p50).toFixed(2)}×).`,
    'Before this change the overview read the whole list (`p=-1`): 0.31 MB at 250 developers, 3.3 MB at 5,000, and failed over the 5 MiB body cap at 50,000.',
    '',
    '## Overview',
    '',
    `| developers | variant | calls | then | rounds | bytes MB | p50 ms | p99 ms | p50 ms @${SETTINGS.concurrency} | q/s @${SETTINGS.concurrency} | busy ms | peak RSS MB |`,
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.flatMap((r) => [r.overview.floor, r.overview.gateway].map((m) => `| ${r.developers.toLocaleString('en')} | ${m.variant} | ${m.calls} | ${m.steadyCalls} | ${m.rounds} | ${mb(m.bytes)} | ${m.p50.toFixed(1)} | ${m.p99.toFixed(1)} | ${m.p50Concurrent.toFixed(1)} | ${m.throughput.toFixed(0)} | ${m.busyMs.toFixed(1)} | ${m.peakRssMb.toFixed(0)} |`)),
    '',
    '- **floor**: a hand-written script reading the developer pages that hold the 50 developers at once, then together the last page (for the',
    '  total), one policy search and one usage call per key (`floorOverviewOf` in bench/workloads.ts). **then**: calls of the same query repeated.',
    `- Upstream latency ${LATENCY_MS} ms per call. Bytes: response bodies of one cold query, from the Dashboard's request log.`,
    '',
    '## Search and sort (`developers(first: 20, search: "hopper", orderBy: {field: LAST_LOGIN, direction: DESC})`)',
    '',
    '| developers | first query: calls | bytes MB | ms | later queries: calls | p50 ms | p99 ms |',
    '|---|---|---|---|---|---|---|',
    ...results.map((r) => `| ${r.developers.toLocaleString('en')} | ${r.search.first.calls} | ${mb(r.search.first.bytes)} | ${r.search.first.ms.toFixed(0)} | ${r.search.steady.calls} | ${r.search.steady.p50.toFixed(1)} | ${r.search.steady.p99.toFixed(1)} |`),
    '',
    '- The first query reads every developer in one streamed call; above 1,000 developers its rows become the credential’s shared index,',
    '  so later queries read only the page’s developers by id (20 calls); at or below 1,000 every query reads the list again (1 call).',
    '',
    '## Key requests (`developer(id) { keyRequests { id approved policies { name } } }` for the developer of the last request; `keyRequests(first: 20) { totalCount … }`)',
    '',
    '| developers | requests | a developer’s, first query: calls | bytes MB | ms | later queries: calls | bytes MB | p50 ms | p99 ms | the list’s first page: calls | bytes MB | p50 ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.developers.toLocaleString('en')} | ${r.requests.toLocaleString('en')} | ${r.developerRequests.first.calls} | ${mb(r.developerRequests.first.bytes)} | ${r.developerRequests.first.ms.toFixed(0)} | ${r.developerRequests.steady.calls} | ${mb(r.developerRequests.steady.bytes)} | ${r.developerRequests.steady.p50.toFixed(1)} | ${r.developerRequests.steady.p99.toFixed(1)} | ${r.requestList.steady.calls} | ${mb(r.requestList.steady.bytes)} | ${r.requestList.steady.p50.toFixed(1)} |`,
    ),
    '',
    '- A developer’s requests: Tyk cannot filter requests by developer, so the first query streams every request (Tyk embeds the developer',
    '  in each); above 1,000 requests that pass becomes the credential’s key request index, and later queries read that developer’s requests',
    '  by id; at or below 1,000 every query streams the list again. The list’s first page reads Tyk’s pages 1–2 and the last one (the total).',
    '',
    '## Change watcher poll',
    '',
    '| developers | keys | calls | bytes MB | baseline poll ms | next poll ms | RSS growth during both MB |',
    '|---|---|---|---|---|---|---|',
    ...results.map((r) => `| ${r.developers.toLocaleString('en')} | ${r.watcher.second.keys} | ${r.watcher.second.calls} | ${mb(r.watcher.second.bytes)} | ${r.watcher.first.durationMs.toFixed(0)} | ${r.watcher.second.durationMs.toFixed(0)} | ${r.watcher.rssGrowthMb.toFixed(0)} |`),
    '',
    '## Start-up and memory',
    '',
    '| developers | `npm start` ready in ms | CPU used by then ms | Dashboard thread RSS MB (demo data) |',
    '|---|---|---|---|',
    ...results.map((r) => `| ${r.developers.toLocaleString('en')} | ${r.startup?.ms ?? '?'} | ${r.startup?.cpuMs ?? '?'} | ${r.dashboardRssMb.toFixed(0)} |`),
    '',
    '- Ready time is wall clock from the process start (module loading included) to listening; the CPU column is what the process had',
    '  used by then (its threads together): on a quiet machine the ready time is about that, on a shared one the wall clock stretches.',
    '',
  ];
  return `${lines.join('\n')}\n`;
}

async function main() {
  const results: SizeResult[] = [];
  for (const size of SIZES) results.push(await sweep(size));
  writeFileSync(new URL('./SCALE.md', import.meta.url), report(results));
  log('\nwrote bench/SCALE.md');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
