/**
 * Usage analytics by (key set, range, resolution, API).
 *
 * Tyk's analytics answer per time bucket, summed over the keys asked for: a per-key breakdown needs
 * one call per key, and a developer's total needs one aggregate call over all its keys. Identical
 * requests in one GraphQL request share a call; distinct ones run concurrently in one round.
 */
import DataLoader from 'dataloader';
import type { UsageResolution } from '../tyk/contract.js';
import type { TykClient } from '../tyk/types.js';
import type { TykUsageRow } from '../tyk/wire.js';
import { BATCHED, makeLoader, type LoaderSettings, settledToValues } from './shared.js';

export interface UsageRequest {
  /** Key ids (hashes); one id → the single-key route, several → the aggregate route. */
  keyIds: readonly string[];
  from: Date;
  to: Date;
  resolution: UsageResolution;
  apiId?: string | undefined;
}

export type UsageLoader = DataLoader<UsageRequest, TykUsageRow[], string>;

/** The key set once, in order; one key (every Key.usage field) needs no de-duplication or sorting. */
function keySet(keyIds: readonly string[]): readonly string[] {
  return keyIds.length === 1 ? keyIds : [...new Set(keyIds)].sort();
}

/** Equal for requests Tyk answers alike: the same key set (in any order, repeats ignored), range, resolution and API. */
export function usageCacheKey(request: UsageRequest): string {
  const keys = keySet(request.keyIds).join(',');
  return `${keys}|${request.from.getTime()}|${request.to.getTime()}|${request.resolution}|${request.apiId ?? ''}`;
}

export function createUsageLoader(tyk: TykClient, signal: AbortSignal | undefined, settings: LoaderSettings = BATCHED): UsageLoader {
  return makeLoader<UsageRequest, TykUsageRow[]>(
    'usage',
    settings,
    async (requests) => {
      const results = await Promise.allSettled(
        requests.map((request) => {
          const keyIds = keySet(request.keyIds);
          if (keyIds.length === 0) return Promise.resolve([]);
          const query = { from: request.from, to: request.to, resolution: request.resolution, apiId: request.apiId, signal };
          return keyIds.length === 1
            ? tyk.getKeyUsage(keyIds[0] as string, query)
            : tyk.getAggregateKeyUsage(keyIds, query);
        }),
      );
      return settledToValues(results);
    },
    { cacheKeyFn: usageCacheKey },
  );
}
