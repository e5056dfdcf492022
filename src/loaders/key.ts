/**
 * Key sessions by id (the key hash Tyk shows in `developer.keys`).
 *
 * Tyk has no batch read for keys: each is `GET /api/keys/{hash}?hashed=1`. A batch runs them all
 * concurrently (one round); a key that is gone is null, a key whose read failed is an Error for that
 * key only. Another organisation's key is null too: Tyk answers its hash 400 "non-owned key" where
 * an unknown hash gets 404, and answering them differently would tell that the hash exists elsewhere.
 */
import DataLoader from 'dataloader';
import { TYK_MESSAGES } from '../tyk/contract.js';
import { TykBadRequestError } from '../tyk/errors.js';
import type { TykClient } from '../tyk/types.js';
import type { TykKeyData } from '../tyk/wire.js';
import { BATCHED, makeLoader, type LoaderSettings, nullIfNotFound, settledToValues } from './shared.js';

/** The key, or null when it does not exist in the caller's organisation (unknown, or another's). */
async function ownKeyOrNull(read: Promise<TykKeyData>): Promise<TykKeyData | null> {
  try {
    return await nullIfNotFound(read);
  } catch (error) {
    if (error instanceof TykBadRequestError && error.tykMessage === TYK_MESSAGES.nonOwnedKey) return null;
    throw error;
  }
}

export type KeyLoader = DataLoader<string, TykKeyData | null, string>;

export function createKeyLoader(tyk: TykClient, signal: AbortSignal | undefined, settings: LoaderSettings = BATCHED): KeyLoader {
  return makeLoader<string, TykKeyData | null>('keyById', settings, async (ids) => {
    const results = await Promise.allSettled(
      ids.map((id) => ownKeyOrNull(tyk.getKey(id, { hashed: true, signal }))),
    );
    return settledToValues(results);
  });
}
