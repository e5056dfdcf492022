/**
 * Key analytics (contract §8): aggregate over several keys and per key, by hour, day or month.
 */
import { analyticsDateSegments, analyticsKeyList } from './contract.js';
import type { TykHttp } from './http.js';
import { queryString, segment } from './path.js';
import type { UsageQuery } from './types.js';
import { TykUsageList, type TykUsageRow } from './wire.js';

function rangeAndQuery(query: UsageQuery): string {
  const params = queryString({ res: query.resolution, p: -1, api_id: query.apiId && decodeURIComponent(segment(query.apiId, 'apiId')) });
  return `${analyticsDateSegments(query.from)}/${analyticsDateSegments(query.to)}${params}`;
}

export async function getAggregateKeyUsage(http: TykHttp, keyIds: readonly string[], query: UsageQuery): Promise<TykUsageRow[]> {
  const keys = analyticsKeyList(keyIds.map((id) => segment(id, 'keyId')));
  const result = await http.json(
    {
      method: 'GET',
      route: 'GET /api/activity/keys/aggregate/:keys/:fromD/:fromM/:fromY/:toD/:toM/:toY',
      path: `/api/activity/keys/aggregate/${keys}/${rangeAndQuery(query)}`,
      signal: query.signal,
    },
    TykUsageList,
  );
  return result.data;
}

export async function getKeyUsage(http: TykHttp, keyId: string, query: UsageQuery): Promise<TykUsageRow[]> {
  const result = await http.json(
    {
      method: 'GET',
      route: 'GET /api/activity/keys/:key/:fromD/:fromM/:fromY/:toD/:toM/:toY',
      path: `/api/activity/keys/${segment(keyId, 'keyId')}/${rangeAndQuery(query)}`,
      signal: query.signal,
    },
    TykUsageList,
  );
  return result.data;
}
