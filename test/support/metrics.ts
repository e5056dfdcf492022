/**
 * Reads the gateway's /metrics as a scraper would, and waits for a series to reach a value.
 */
import { expect } from 'vitest';

/** The value of one series (`name` or `name{labels}` as printed), undefined when it is absent. */
export async function metric(url: string, series: string): Promise<number | undefined> {
  const text = await fetch(`${new URL(url).origin}/metrics`).then((r) => r.text());
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Waits (bounded) until the series equals `value`. */
export async function metricReaches(url: string, series: string, value: number, timeoutMs = 10_000): Promise<void> {
  await expect.poll(() => metric(url, series), { timeout: timeoutMs, interval: 20 }).toBe(value);
}
