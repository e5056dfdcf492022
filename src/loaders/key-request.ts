/**
 * Key request loaders. Tyk's list filters only by `approved`; per-developer views filter the
 * once-per-request full list locally rather than reading each request.
 */
import DataLoader from 'dataloader';
import type { TykClient } from '../tyk/types.js';
import type { TykKeyRequest } from '../tyk/wire.js';
import { BATCHED, makeLoader, type LoaderSettings, nullIfNotFound, once, settledToValues } from './shared.js';

export interface KeyRequestLoaders {
  keyRequestById: DataLoader<string, TykKeyRequest | null, string>;
  /** Every key request of the org (approved and pending), read once per request with `p=-1`. */
  allKeyRequests(): Promise<TykKeyRequest[]>;
}

export function createKeyRequestLoaders(tyk: TykClient, signal: AbortSignal | undefined, settings: LoaderSettings = BATCHED): KeyRequestLoaders {
  const batched = settings.mode === 'batched';
  const all = once(async () => {
    const { data } = await tyk.listKeyRequests({ signal });
    if (batched) for (const request of data) keyRequestById.prime(request.id, request);
    return data;
  });
  const keyRequestById = makeLoader<string, TykKeyRequest | null>('keyRequestById', settings, async (ids) => {
    const known = batched ? all.peek() : undefined;
    if (known) {
      const byId = new Map(known.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }
    const results = await Promise.allSettled(ids.map((id) => nullIfNotFound(tyk.getKeyRequest(id, { signal }))));
    return settledToValues(results);
  });
  return { keyRequestById, allKeyRequests: () => all.get() };
}
