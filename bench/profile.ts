/**
 * `npm run bench:profile`: where the gateway's own time goes on one workload. The Dashboard runs on
 * its own thread; this thread runs the gateway and sends the query `PROFILE_QUERIES` times, one at a
 * time (the overview by default, `PROFILE_QUERY` to change it; `PROFILE_JIT=false` to run it on
 * graphql-js instead of graphql-jit; `PROFILE_LATENCY_MS` to add upstream latency), then prints
 * the gateway thread's busy time and CPU per query. Run under `node --cpu-prof` (the npm script
 * does) to get a .cpuprofile for Chrome DevTools.
 */
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { buildServer } from '../src/server.js';
import { closeTykPools } from '../src/tyk/client.js';
import { DashboardThread } from './dashboard-thread.js';
import { closeWorkloadPools, sendQuery } from './workloads.js';
import { THREAD_CPU_SOURCE, threadCpuSince } from './thread-cpu.js';

const QUERIES = Number(process.env['PROFILE_QUERIES'] ?? 200);
const DEVELOPERS = Number(process.env['PROFILE_DEVELOPERS'] ?? 100);
const QUERY = process.env['PROFILE_QUERY'] ?? `query Overview { developers(first: ${Math.min(DEVELOPERS, 100)}) { totalCount edges { node { email keys { policies { name rate } usage { hits } } } } } }`;

const dashboard = await DashboardThread.start(DEVELOPERS);
await dashboard.setLatency(Number(process.env['PROFILE_LATENCY_MS'] ?? 0));
const server = buildServer({ dashboardUrl: dashboard.url, logger: pino({ level: 'silent' }), graphiql: false, rateLimit: false, jit: process.env['PROFILE_JIT'] !== 'false' });
const url = await server.start(0);
const send = async () => {
  const body = await sendQuery(url, dashboard.credential, QUERY);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
};
for (let i = 0; i < 20; i++) await send();
const elu = performance.eventLoopUtilization();
const cpu = threadCpuSince();
const started = performance.now();
for (let i = 0; i < QUERIES; i++) await send();
const elapsed = performance.now() - started;
const busy = performance.eventLoopUtilization(elu);
const cpuMs = cpu();
process.stdout.write(`${QUERIES} queries (${DEVELOPERS} developers): ${(elapsed / QUERIES).toFixed(1)} ms each, gateway thread busy ${(busy.active / QUERIES).toFixed(1)} ms per query (event-loop utilisation ${(busy.utilization * 100).toFixed(0)} %), ${THREAD_CPU_SOURCE} ${(cpuMs / QUERIES).toFixed(1)} ms per query, heap ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB\n`);
await closeWorkloadPools();
await server.stop();
await closeTykPools();
await dashboard.stop();
