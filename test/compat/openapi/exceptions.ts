/**
 * Where Tyk's OpenAPI file is known to be wrong or silent, and what the conformance check does
 * instead. Every entry says why; add one only with evidence from a real client or a recorded
 * Dashboard answer, never to make a failing check pass.
 */

/** Routes the file does not describe but whose answers it does: validated as that other route. */
export const SAME_SCHEMA_AS: Readonly<Record<string, { as: string; why: string }>> = {
  'GET /api/activity/keys/aggregate/:keys/:fromD/:fromM/:fromY/:toD/:toM/:toY': {
    as: 'GET /api/activity/keys/:key/:fromD/:fromM/:fromY/:toD/:toM/:toY',
    why:
      'The file lists only the single-key analytics route, yet names its 200 example `aggregateAnalytics` and ' +
      'its schema `AggregateAnalyticsData`; Tyk’s docs (snippets/portal-developer-analytics.mdx) document the ' +
      'aggregate route with the same {data, pages} rows, and Tyk’s reference portal and liip’s plugin read both alike.',
  },
};

/**
 * Answers the file does not list for a route it does describe, each checked against Tyk's
 * `{Status, Message, Meta}` envelope (`ApiResponse`) instead.
 */
export const UNLISTED_STATUSES: readonly { route: string; status: string; why: string }[] = [];

/**
 * Instance paths (JSON pointers into an answer) where the file's schema is wrong. Empty today:
 * every answer of every described route passes the file's schemas as written.
 */
export const WRONG_IN_THE_FILE: readonly { route: string; status: string; instancePath: RegExp; why: string }[] = [];
