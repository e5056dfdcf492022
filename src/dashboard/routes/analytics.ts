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

function answer(ctx: RouteContext, keyList: string) {
  const hashes = keyList.split(',').map((k) => k.trim()).filter(Boolean);
  const from = dateParam(ctx, 'from');
  const to = dateParam(ctx, 'to');
  const res = (ctx.query.get('res') ?? 'day') as Resolution;
  const decodable = hashes.length > 0 && hashes.every((h) => KEY_ID.test(h));
  // Tyk answers every unreadable part of this route with the same message.
  if (!decodable || !from || !to || !USAGE_RESOLUTIONS.includes(res)) return badRequest(TYK_MESSAGES.analyticsKeyDecode);
  const keys = hashes.flatMap((hash) => {
    // Another org's keys (and unknown ones) contribute nothing.
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
