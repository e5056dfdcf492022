/**
 * Key analytics (contract §8): aggregate over a comma list of keys (trailing comma tolerated) and
 * per key, dates as D/M/YYYY segments padded or not, `res` hour/day/month, `api_id` filter.
 */
import { TYK_MESSAGES, USAGE_RESOLUTIONS } from '../../tyk/contract.js';
import { badRequest, ok, type Route, type RouteContext } from '../http.js';
import { usageRows, type Resolution } from '../usage.js';

const DATE = ['fromD', 'fromM', 'fromY', 'toD', 'toM', 'toY'];

function dateParam(ctx: RouteContext, prefix: 'from' | 'to'): Date | undefined {
  const parts = ['D', 'M', 'Y'].map((part) => ctx.params[`${prefix}${part}`] ?? '');
  // Zero-padded (RUBY's %d/%m/%Y) or not (PHP's j/n/Y); nothing else.
  if (!parts.every((part) => /^\d{1,4}$/.test(part))) return undefined;
  const [d, m, y] = parts.map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  return date.getUTCDate() === d && date.getUTCMonth() === m! - 1 ? date : undefined;
}

/** Key ids are hashes (hex) or raw keys (base64); anything else cannot have been issued. */
const KEY_ID = /^[A-Za-z0-9+=_-]+$/;

/**
 * The answer with no rows: `{"data": [], "pages": 0}` by default, so a client that sums `data` (Tyk's
 * own reference portal `.reduce`s it) works for a developer with no keys or no traffic; `"data":
 * null` when the Dashboard is set to (OAS `AggregateAnalyticsData.data` is nullable, and liip's
 * wp-tyk-dev-portal tests say a key with no traffic gets `null`).
 */
function noRows(ctx: RouteContext) {
  return ok({ data: ctx.store.emptyAnalytics === 'null' ? null : [], pages: 0 });
}

/**
 * `res` when given; without it the aggregate route answers by day, the single-key route one row
 * per API (see usage.ts `Resolution`).
 */
function resolutionOf(ctx: RouteContext, single: boolean): Resolution | undefined {
  const res = ctx.query.get('res');
  if (res === null || res === '') return single ? 'api' : 'day';
  return (USAGE_RESOLUTIONS as readonly string[]).includes(res) ? (res as Resolution) : undefined;
}

function answer(ctx: RouteContext, keyList: string, single: boolean) {
  // `,` and `,,` (Tyk's reference portal sends `subscriptions.values.join(',') + ','`, so a developer
  // with no keys asks for just `,`) name no key: no rows, not an error.
  const hashes = keyList.split(',').map((k) => k.trim()).filter(Boolean);
  const from = dateParam(ctx, 'from');
  const to = dateParam(ctx, 'to');
  const res = resolutionOf(ctx, single);
  // Tyk answers every unreadable part of this route with the same message.
  if (!hashes.every((h) => KEY_ID.test(h)) || !from || !to || !res) return badRequest(TYK_MESSAGES.analyticsKeyDecode);
  const keys = hashes.flatMap((hash) => {
    // Another org's keys (and unknown ones) contribute nothing.
    const session = ctx.org.keys.get(hash);
    return session ? [{ hash, session }] : [];
  });
  if (keys.length === 0) return noRows(ctx);
  const apiId = ctx.query.get('api_id') || undefined;
  const data = usageRows({ keys, from, to, resolution: res, now: ctx.store.now(), apiId });
  return data.length === 0 ? noRows(ctx) : ok({ data, pages: 0 });
}

const dates = DATE.map((p) => `:${p}`).join('/');

export const analyticsRoutes: Route[] = [
  { method: 'GET', template: `/api/activity/keys/aggregate/:keys/${dates}`, handler: (ctx) => answer(ctx, ctx.params['keys'] ?? '', false) },
  { method: 'GET', template: `/api/activity/keys/:key/${dates}`, handler: (ctx) => answer(ctx, ctx.params['key'] ?? '', true) },
];
