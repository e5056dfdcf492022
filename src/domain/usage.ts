/**
 * Chart-ready usage from Tyk's analytics: ranges checked and defaulted (the last 7 days by day, as
 * Tyk's developer dashboard shows), Tyk's rows (one per bucket and status code, only where there
 * was traffic) merged into one bucket per hour, day or month of the whole range with zeros where
 * there was none, and totals over a range.
 */
import type { GatewayContext } from '../context.js';
import { badUserInput } from '../errors.js';
import type { UsageResolution } from '../tyk/contract.js';
import type { TykUsageRow } from '../tyk/wire.js';

export interface UsageBucketShape {
  start: Date;
  resolution: UsageResolution;
  hits: number;
  success: number;
  error: number;
  /**
   * Tyk's `last_hit` of every row merged into the bucket. The latest is worked out only when the
   * `lastHit` field is asked for: parsing a date per row was over half the cost of the merge.
   */
  lastHits: string[];
}

export interface UsageSummaryShape {
  from: Date;
  to: Date;
  hits: number;
  success: number;
  error: number;
}

const DAY_MS = 86_400_000;
/** Tyk's developer dashboard shows the last 7 days by day; so does `usage` by default. */
export const DEFAULT_USAGE_DAYS = 7;
/** Longest range one `usage` field may ask for, to bound upstream work (and the buckets answered: 367 days, 745 hours). */
export const MAX_USAGE_DAYS = 366;
/** Hourly buckets are limited to a month, as the embedded and real Dashboards keep hourly data. */
export const MAX_HOURLY_DAYS = 31;

export interface UsageArgs {
  from?: Date | null;
  to?: Date | null;
  resolution?: UsageResolution | null;
  apiId?: string | null;
}

/** Validates and fills in the defaults of a usage range. */
export function usageRange(args: UsageArgs, now: Date) {
  const to = args.to ?? now;
  const from = args.from ?? new Date(to.getTime() - (DEFAULT_USAGE_DAYS - 1) * DAY_MS);
  const resolution = args.resolution ?? 'day';
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  if (days < 0) throw badUserInput('usage: `from` must not be after `to`.', 'from');
  if (days > MAX_USAGE_DAYS) throw badUserInput(`usage: the range may span at most ${MAX_USAGE_DAYS} days.`, 'from');
  if (resolution === 'hour' && days > MAX_HOURLY_DAYS) {
    throw badUserInput(`usage: HOUR resolution may span at most ${MAX_HOURLY_DAYS} days.`, 'resolution');
  }
  return { from, to, resolution, apiId: args.apiId ?? undefined };
}

function bucketStart(row: TykUsageRow, resolution: UsageResolution): number {
  const { year, month, day, hour } = row.id;
  if (resolution === 'month') return Date.UTC(year, month - 1, 1);
  if (resolution === 'day') return Date.UTC(year, month - 1, day);
  return Date.UTC(year, month - 1, day, hour);
}

function floorTo(date: Date, resolution: UsageResolution): number {
  if (resolution === 'month') return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  if (resolution === 'day') return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours());
}

/** The start of the bucket after the one starting at `start`. */
function nextStart(start: number, resolution: UsageResolution): number {
  if (resolution === 'hour') return start + 3_600_000;
  if (resolution === 'day') return start + DAY_MS;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/**
 * Tyk's rows merged into one bucket per hour, day or month from the bucket holding `from` to the
 * one holding `to`, in order, zeros where no row fell (a key without traffic: all zeros).
 */
export function toBuckets(rows: TykUsageRow[], range: { from: Date; to: Date; resolution: UsageResolution }): UsageBucketShape[] {
  const first = floorTo(range.from, range.resolution);
  const last = range.to.getTime();
  const buckets: UsageBucketShape[] = [];
  const byStart = new Map<number, UsageBucketShape>();
  for (let start = first; start <= last; start = nextStart(start, range.resolution)) {
    const bucket = { start: new Date(start), resolution: range.resolution, hits: 0, success: 0, error: 0, lastHits: [] as string[] };
    buckets.push(bucket);
    byStart.set(start, bucket);
  }
  for (const row of rows) {
    const bucket = byStart.get(bucketStart(row, range.resolution));
    if (!bucket) continue; // outside the range (or an unreadable date)
    bucket.hits += row.hits;
    bucket.success += row.success;
    bucket.error += row.error;
    if (row.last_hit) bucket.lastHits.push(row.last_hit);
  }
  return buckets;
}

/** The latest of Tyk's `last_hit` times that parse as dates; null when none does. */
export function latestHit(lastHits: readonly string[]): Date | null {
  let latest: number | undefined;
  for (const text of lastHits) {
    const at = Date.parse(text);
    if (!Number.isNaN(at) && (latest === undefined || at > latest)) latest = at;
  }
  return latest === undefined ? null : new Date(latest);
}

/** Usage of a key set through the request's usage loader (no call for an empty set: all zeros). */
export async function loadUsage(ctx: GatewayContext, keyIds: readonly string[], args: UsageArgs): Promise<UsageBucketShape[]> {
  const range = usageRange(args, ctx.now());
  if (keyIds.length === 0) return toBuckets([], range);
  const rows = await ctx.loaders.usage.load({ keyIds, ...range });
  return toBuckets(rows, range);
}

/**
 * Totals of a key set over a range, from daily buckets (Tyk's analytics are bucketed: the days the
 * range touches count whole). Shares the usage loader, so `usage` and `usageSummary` over the same
 * range cost one call.
 */
export async function loadUsageSummary(ctx: GatewayContext, keyIds: readonly string[], args: Omit<UsageArgs, 'resolution'>): Promise<UsageSummaryShape> {
  const range = usageRange({ ...args, resolution: 'day' }, ctx.now());
  const buckets = await loadUsage(ctx, keyIds, range);
  const total = { from: range.from, to: range.to, hits: 0, success: 0, error: 0 };
  for (const b of buckets) {
    total.hits += b.hits;
    total.success += b.success;
    total.error += b.error;
  }
  return total;
}
