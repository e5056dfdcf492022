/**
 * Key analytics (contract §8): aggregate over a comma list of keys (trailing comma tolerated) and
 * per key, dates as D/M/YYYY segments padded or not, `res` hour/day/month, `api_id` filter.
 */
import { TYK_MESSAGES } from '../../tyk/contract.js';
import { badRequest, ok, type Route, type RouteContext } from '../http.js';
import { usageRows, type Resolution } from '../usage.js';

const DATE = ['fromD', 'fromM', 'fromY', 'toD', 'toM', 'toY'];

function dateParam(ctx: RouteContext, prefix: 'from' | 'to'): Date | undefined {
  const [d, m, y] = ['D', 'M', 'Y'].map((part) => Number(ctx.params[`${prefix}${part}`]));
  if (!Number.isInteger(d) || !Number.isInteger(m) || !Number.isInteger(y)) return undefined;
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  return date.getUTCDate() === d && date.getUTCMonth() === m! - 1 ? date : undefined;
}

function answer(ctx: RouteContext, keyList: string) {
  const hashes = keyList.split(',').map((k) => k.trim()).filter(Boolean);
  const from = dateParam(ctx, 'from');
  const to = dateParam(ctx, 'to');
  const res = (ctx.query.get('res') ?? 'day') as Resolution;
  if (hashes.length === 0 || !from || !to || !['hour', 'day', 'month'].includes(res)) return badRequest(TYK_MESSAGES.analyticsKeyDecode);
  const keys = hashes.flatMap((hash) => {
    const session = ctx.org.keys.get(hash);
    return session ? [{ hash, session }] : [];
  });
  const apiId = ctx.query.get('api_id') || undefined;
  return ok({ data: usageRows({ keys, from, to, resolution: res, now: ctx.store.now(), apiId }), pages: 0 });
}

const dates = DATE.map((p) => `:${p}`).join('/');

export const analyticsRoutes: Route[] = [
  { method: 'GET', template: `/api/activity/keys/aggregate/:keys/${dates}`, handler: (ctx) => answer(ctx, ctx.params['keys'] ?? '') },
  { method: 'GET', template: `/api/activity/keys/:key/${dates}`, handler: (ctx) => answer(ctx, ctx.params['key'] ?? '') },
];
