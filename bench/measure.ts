/**
 * How the benchmarks measure one workload on one variant: its upstream cost on a cold cache (calls,
 * bytes, sequential rounds, from the Dashboard's request log) and repeated, then latency one query
 * at a time (p50, p99, this thread's CPU per query), then throughput and latency at a fixed
 * concurrency, sampling the process's peak RSS throughout. Shared by bench/run.ts and bench/scale.ts.
 */
import { performance } from 'node:perf_hooks';
import type { DashboardThread } from './dashboard-thread.js';
import { threadCpuSince } from './thread-cpu.js';

export interface MeasureSettings {
  /** Timed queries one at a time. */
  iterations: number;
  /** Untimed queries first, so every variant is measured with its code compiled. */
  warmup: number;
  /** How long the concurrent phase runs, in ms. */
  throughputMs: number;
  /** Queries in flight in the concurrent phase. */
  concurrency: number;
}

export const SETTINGS: MeasureSettings = {
  iterations: Number(process.env['BENCH_ITERATIONS'] ?? 30),
  warmup: Number(process.env['BENCH_WARMUP'] ?? 15),
  throughputMs: Number(process.env['BENCH_THROUGHPUT_MS'] ?? 2000),
  concurrency: Number(process.env['BENCH_CONCURRENCY'] ?? 8),
};

export interface Measurement {
  calls: number;
  /** Upstream body bytes of the cold query. */
  bytes: number;
  steadyCalls: number;
  rounds: number;
  p50: number;
  p99: number;
  /** This thread's CPU per query (see thread-cpu.ts). */
  busyMs: number;
  throughput: number;
  /** p50 of the queries of the concurrent phase. */
  p50Concurrent: number;
  peakRssMb: number;
}

export const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
export const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5);

export async function measure(run: () => Promise<unknown>, dashboard: DashboardThread, settings: MeasureSettings = SETTINGS): Promise<Measurement> {
  // First run on a cold cache: what one query costs upstream.
  await dashboard.clearLog();
  await run();
  const { count: calls, rounds, bytes } = await dashboard.logSummary();
  await dashboard.clearLog();
  await run();
  const { count: steadyCalls } = await dashboard.logSummary();
  for (let i = 0; i < settings.warmup; i++) await run();

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const times: number[] = [];
  const cpu = threadCpuSince();
  for (let i = 0; i < settings.iterations; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  const busyMs = cpu() / settings.iterations;
  times.sort((a, b) => a - b);

  const concurrent: number[] = [];
  const until = performance.now() + settings.throughputMs;
  await Promise.all(
    Array.from({ length: settings.concurrency }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        await run();
        concurrent.push(performance.now() - started);
      }
    }),
  );
  clearInterval(sampler);
  await dashboard.clearLog();
  return {
    calls,
    bytes,
    steadyCalls,
    rounds,
    p50: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    busyMs,
    throughput: (concurrent.length * 1000) / settings.throughputMs,
    p50Concurrent: median(concurrent),
    peakRssMb: peak / 1048576,
  };
}
