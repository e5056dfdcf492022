/**
 * `UsageBucket`: traffic of one or more keys in one hour, day or month, read from Tyk's analytics.
 * `usageField` adds the same `usage(from, to, resolution, apiId)` field to `Key` and `Developer`.
 */
import { badUserInput } from '../errors.js';
import type { UsageResolution } from '../tyk/contract.js';
import type { TykUsageRow } from '../tyk/wire.js';
import type { GatewayContext } from '../context.js';
import { builder, type SchemaArgBuilder } from './builder.js';

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

export const UsageResolutionEnum = builder.enumType('UsageResolution', {
  description: 'Width of a usage bucket.',
  values: {
    HOUR: { value: 'hour', description: 'One bucket per hour.' },
    DAY: { value: 'day', description: 'One bucket per day (UTC).' },
    MONTH: { value: 'month', description: 'One bucket per calendar month (UTC).' },
  } as const,
});

export const UsageBucketRef = builder.objectRef<UsageBucketShape>('UsageBucket');
UsageBucketRef.implement({
  description: 'Traffic in one time bucket, summed over the keys asked for.',
  fields: (t) => ({
    start: t.field({ type: 'DateTime', description: 'Start of the bucket (UTC).', resolve: (b) => b.start }),
    resolution: t.field({ type: UsageResolutionEnum, description: 'Width of the bucket.', resolve: (b) => b.resolution }),
    hits: t.exposeInt('hits', { description: 'Requests in the bucket.' }),
    success: t.exposeInt('success', { description: 'Requests answered without error.' }),
    error: t.exposeInt('error', { description: 'Requests answered with an error.' }),
    lastHit: t.field({ type: 'DateTime', nullable: true, description: 'Time of the last request in the bucket.', resolve: (b) => latestHit(b.lastHits) }),
  }),
});

const DAY_MS = 86_400_000;
/** Tyk's developer dashboard shows the last 7 days by day; so does `usage` by default. */
export const DEFAULT_USAGE_DAYS = 7;
/** Longest range one `usage` field may ask for, to bound upstream work. */
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

/** Merges Tyk's rows (one per bucket and status code) into sorted buckets inside [from, to]. */
export function toBuckets(rows: TykUsageRow[], range: { from: Date; to: Date; resolution: UsageResolution }): UsageBucketShape[] {
  const first = floorTo(range.from, range.resolution);
  const last = range.to.getTime();
  const buckets = new Map<number, UsageBucketShape>();
  for (const row of rows) {
    const start = bucketStart(row, range.resolution);
    if (Number.isNaN(start) || start < first || start > last) continue;
    let bucket = buckets.get(start);
    if (!bucket) buckets.set(start, (bucket = { start: new Date(start), resolution: range.resolution, hits: 0, success: 0, error: 0, lastHits: [] }));
    bucket.hits += row.hits;
    bucket.success += row.success;
    bucket.error += row.error;
    if (row.last_hit) bucket.lastHits.push(row.last_hit);
  }
  return [...buckets.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
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

/** Loads usage for a key set through the request's usage loader. */
export async function loadUsage(ctx: GatewayContext, keyIds: readonly string[], args: UsageArgs): Promise<UsageBucketShape[]> {
  const range = usageRange(args, ctx.now());
  if (keyIds.length === 0) return [];
  const rows = await ctx.loaders.usage.load({ keyIds, ...range });
  return toBuckets(rows, range);
}

/** The `usage` field's arguments, shared by `Key.usage` and `Developer.usage`. */
export function usageArgs(arg: SchemaArgBuilder) {
  return {
    from: arg({ type: 'DateTime', description: `Start of the range; default ${DEFAULT_USAGE_DAYS - 1} days before \`to\`.` }),
    to: arg({ type: 'DateTime', description: 'End of the range; default now.' }),
    resolution: arg({ type: UsageResolutionEnum, description: 'Bucket width; default DAY.', defaultValue: 'day' }),
    apiId: arg.string({ description: 'Only traffic to this Tyk API id.' }),
  };
}
