/**
 * `usageSummary(from, to)` on `Key` and `Developer`: the totals a portal dashboard shows beside its
 * chart, from the same usage loader as `usage` (one upstream call for both over the same range).
 */
import { builder } from './builder.js';
import { DeveloperRef, KeyRef } from './refs.js';
import { loadUsageSummary, UsageSummaryRef, usageSummaryArgs } from './usage-bucket.js';

builder.objectField(KeyRef, 'usageSummary', (t) =>
  t.field({
    type: UsageSummaryRef,
    nullable: true,
    description: 'Hits, successes and errors of this key over a range; by default the last 7 days.',
    args: usageSummaryArgs(t.arg),
    resolve: (key, args, ctx) => loadUsageSummary(ctx, [key.id], args),
  }),
);

builder.objectField(DeveloperRef, 'usageSummary', (t) =>
  t.field({
    type: UsageSummaryRef,
    nullable: true,
    description: 'Hits, successes and errors over all the developer’s keys over a range (one upstream call); by default the last 7 days.',
    args: usageSummaryArgs(t.arg),
    resolve: (developer, args, ctx) => loadUsageSummary(ctx, Object.keys(developer.keys), args),
  }),
);
