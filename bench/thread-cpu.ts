/**
 * CPU time of the calling thread, for "how much work did this thread do" figures that a busy
 * machine does not blur: Linux reports each thread's on-CPU nanoseconds in
 * `/proc/thread-self/schedstat`. Elsewhere it falls back to event-loop busy time, which also counts
 * time the thread was runnable but not running.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

function schedstatMs(): number | undefined {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/** What the figures are: `thread CPU` (schedstat) or `event-loop busy` (the fallback). */
export const THREAD_CPU_SOURCE = schedstatMs() === undefined ? 'event-loop busy' : 'thread CPU';

/** Starts a measurement; the returned function gives the thread's CPU ms since then. */
export function threadCpuSince(): () => number {
  const start = schedstatMs();
  if (start !== undefined) return () => (schedstatMs() as number) - start;
  const elu = performance.eventLoopUtilization();
  return () => performance.eventLoopUtilization(elu).active;
}
