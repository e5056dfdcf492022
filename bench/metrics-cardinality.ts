/**
 * `npm run bench:metrics`: what callers inventing operation names cost the gateway. Sends
 * `query <unique name> { __typename }` with N distinct names (N = 0, 1 000, 5 000, 10 000; override
 * with METRICS_SIZES=0,1000) to a fresh gateway each time, then prints the /metrics page size, the
 * number of `portal_graph_operations_total` series and the process's RSS and heap after a GC.
 * Run it with `--expose-gc` (the npm script does). No upstream call is made: `__typename` needs none.
 */
import { pino } from 'pino';
import { request } from 'undici';
import { createEmbeddedDashboard } from '../src/dashboard/index.js';
import { buildServer } from '../src/server.js';

const SIZES = (process.env['METRICS_SIZES'] ?? '0,1000,5000,10000').split(',').map(Number);
const CONCURRENCY = 16;
const gc = (globalThis as { gc?: () => void }).gc;

const dashboard = createEmbeddedDashboard();
const dashboardUrl = await dashboard.start();
console.log('distinct names | /metrics bytes | operation series | RSS MB | heap used MB');
for (const size of SIZES) {
  const server = buildServer({ dashboardUrl, logger: pino({ level: 'silent' }), rateLimit: false });
  const url = await server.start(0);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < size) {
        const i = next++;
        const answer = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `query Invented${i} { __typename }` }) });
        await answer.body.dump();
      }
    }),
  );
  const text = await (await request(`${new URL(url).origin}/metrics`)).body.text();
  const series = text.split('\n').filter((line) => line.startsWith('portal_graph_operations_total{')).length;
  gc?.();
  const memory = process.memoryUsage();
  console.log(`${String(size).padStart(14)} | ${String(text.length).padStart(14)} | ${String(series).padStart(16)} | ${(memory.rss / 2 ** 20).toFixed(0).padStart(6)} | ${(memory.heapUsed / 2 ** 20).toFixed(0).padStart(12)}`);
  await server.stop();
}
await dashboard.stop();
process.exit(0);
