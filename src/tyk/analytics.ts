/**
 * Key analytics (contract §8): aggregate over several keys and per key, by hour, day or month.
 * Dates are whole UTC days sent as `D/M/YYYY` path segments, the key list with Tyk's trailing comma
 * (both via contract.ts); `p=-1` asks for every row.
 */
import { TYK_PAGE_ALL, USAGE_RESOLUTIONS } from './contract.js';
import { TykInvalidInputError } from './errors.js';
import type { TykHttp } from './http.js';
import { dateParams, endpoint, type Param, type RouteTemplate } from './path.js';
import type { UsageQuery } from './types.js';
import { TykUsageList, type TykUsageRow } from './wire.js';

const AGGREGATE = 'GET /api/activity/keys/aggregate/:keys/:fromD/:fromM/:fromY/:toD/:toM/:toY';
const SINGLE = 'GET /api/activity/keys/:key/:fromD/:fromM/:fromY/:toD/:toM/:toY';

/** `keys` is a fresh object holding the key parameter; the date parameters are added to it. */
async function usage(http: TykHttp, route: RouteTemplate, keys: Record<string, Param>, query: UsageQuery): Promise<TykUsageRow[]> {
  if (!(USAGE_RESOLUTIONS as readonly string[]).includes(query.resolution)) {
    throw new TykInvalidInputError(`${route}: res must be one of ${USAGE_RESOLUTIONS.join(', ')}.`, route);
  }
  // Object.assign, not object spread: hundreds of these per overview, and three spreads into one
  // literal took V8's slow path (most of this function's time in a profile).
  const params = Object.assign(keys, dateParams('from', query.from), dateParams('to', query.to));
  const search = { p: TYK_PAGE_ALL, res: query.resolution, api_id: query.apiId === undefined ? undefined : (['apiId', query.apiId] as const) };
  const { method, path } = endpoint(route, params, search);
  const result = await http.json({ method, route, path, signal: query.signal }, TykUsageList);
  return result.data;
}

/** One call whatever the number of keys; no keys → no call and no rows. */
export async function getAggregateKeyUsage(http: TykHttp, keyIds: readonly string[], query: UsageQuery): Promise<TykUsageRow[]> {
  if (keyIds.length === 0) return [];
  return usage(http, AGGREGATE, { keys: ['keyList', keyIds] }, query);
}

export async function getKeyUsage(http: TykHttp, keyId: string, query: UsageQuery): Promise<TykUsageRow[]> {
  return usage(http, SINGLE, { key: ['keyId', keyId] }, query);
}
