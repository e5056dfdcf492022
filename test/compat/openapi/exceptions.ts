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

/** Instance paths (JSON pointers into an answer) where the file's schema is wrong. */
export const WRONG_IN_THE_FILE: readonly { route: string; status: string; instancePath: RegExp; why: string }[] = [
  ...['POST /api/apis/oauth/:apiId', 'GET /api/apis/oauth/:apiId/:clientId'].map((route) => ({
    route,
    status: '200',
    instancePath: /^\/meta_data\//,
    why:
      'The file types OAuthClient.meta_data as a map of strings, yet its own NewClientRequest.meta_data is any JSON, and ' +
      'the Gateway the Dashboard stores clients in keeps and echoes it as interface{} (TykTechnologies/tyk gateway/api.go ' +
      '`NewClientRequest.MetaData`, `createOauthClient`): a client created with non-string metadata gets it back as sent.',
  })),
  {
    route: 'GET /api/apis/oauth/:apiId',
    status: '200',
    instancePath: /^\/apps\/\d+\/meta_data\//,
    why: 'The same OAuthClient.meta_data, inside the list (see above).',
  },
];
