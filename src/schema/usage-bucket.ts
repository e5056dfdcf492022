/**
 * `UsageBucket`: traffic of one or more keys in one hour, day or month, read from Tyk's analytics;
 * `UsageSummary`, the totals over a range; and the `usage(from, to, resolution, apiId)` arguments
 * `Key` and `Developer` share. The computation lives in src/domain/usage.ts.
 */
import { DEFAULT_USAGE_DAYS, latestHit, type UsageBucketShape, type UsageSummaryShape } from '../domain/usage.js';
import { builder, type SchemaArgBuilder } from './builder.js';

export { loadUsage, loadUsageSummary } from '../domain/usage.js';

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

export const UsageSummaryRef = builder.objectRef<UsageSummaryShape>('UsageSummary');
UsageSummaryRef.implement({
  description: 'Traffic totals over a range, summed over the keys asked for (whole UTC days of the range, as Tyk buckets its analytics).',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', description: 'Start of the range.', resolve: (s) => s.from }),
    to: t.field({ type: 'DateTime', description: 'End of the range.', resolve: (s) => s.to }),
    hits: t.exposeInt('hits', { description: 'Requests in the range.' }),
    success: t.exposeInt('success', { description: 'Requests answered without error.' }),
    error: t.exposeInt('error', { description: 'Requests answered with an error.' }),
  }),
});

/** The range arguments of `usageSummary`, shared by `Key.usageSummary` and `Developer.usageSummary`. */
export function usageSummaryArgs(arg: SchemaArgBuilder) {
  return {
    from: arg({ type: 'DateTime', description: `Start of the range; default ${DEFAULT_USAGE_DAYS - 1} days before \`to\`.` }),
    to: arg({ type: 'DateTime', description: 'End of the range; default now.' }),
    apiId: arg.string({ description: 'Only traffic to this Tyk API id.' }),
  };
}

/** The `usage` field's arguments, shared by `Key.usage` and `Developer.usage`. */
export function usageArgs(arg: SchemaArgBuilder) {
  return {
    ...usageSummaryArgs(arg),
    resolution: arg({ type: UsageResolutionEnum, description: 'Bucket width; default DAY.', defaultValue: 'day' }),
  };
}
