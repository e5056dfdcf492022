/**
 * Key sessions by id (the key hash Tyk shows in `developer.keys`).
 *
 * Tyk has no batch read for keys: each is `GET /api/keys/{hash}?hashed=1`. A batch runs them all
 * concurrently (one round); a key that is gone is null, a key whose read failed is an Error for that
 * key only.
 */
import DataLoader from 'dataloader';
import type { TykClient } from '../tyk/types.js';
import type { TykKeyData } from '../tyk/wire.js';
import { BATCHED, makeLoader, type LoaderSettings, nullIfNotFound, settledToValues } from './shared.js';

export type KeyLoader = DataLoader<string, TykKeyData | null, string>;

export function createKeyLoader(tyk: TykClient, signal: AbortSignal | undefined, settings: LoaderSettings = BATCHED): KeyLoader {
  return makeLoader<string, TykKeyData | null>('keyById', settings, async (ids) => {
    const results = await Promise.allSettled(
      ids.map((id) => nullIfNotFound(tyk.getKey(id, { hashed: true, signal }))),
    );
    return settledToValues(results);
  });
}
