/**
 * Small pieces every loader shares: batch scheduling, 404 → null, and once-per-request memos.
 */
import { createHash } from 'node:crypto';
import DataLoader, { type BatchLoadFn, type Options } from 'dataloader';
import { TykNotFoundError } from '../tyk/errors.js';
import type { SharedCache } from './shared-cache.js';

/**
 * The key a credential's shared data (cache entries, developer and key request indexes) is kept
 * under: its SHA-256, so no store holds the secret. Computed once per request (context.ts).
 */
export function credentialKey(credential: string): string {
  return createHash('sha256').update(credential).digest('hex');
}

/** The cross-request cache and the principal (credential hash) this request reads it as. */
export interface Shared {
  cache: SharedCache;
  principal: string;
}

/**
 * Batches are dispatched on `setImmediate`, after every promise job of the current turn has run, so
 * all the fields GraphQL resolves from one parent list land in one batch even when resolvers await.
 */
export function batchOptions<K, V>(mode: LoaderMode, extra: Options<K, V, string> = {}): Options<K, V, string> {
  if (mode === 'naive') return { ...extra, batch: false, cache: false };
  return { batchScheduleFn: (dispatch) => setImmediate(dispatch), ...extra };
}

/**
 * `batched` (the default) batches and de-duplicates per request. `naive` turns both off, one call
 * per field, as a resolver without loaders would: it exists only so benchmarks can show the
 * difference.
 */
export type LoaderMode = 'batched' | 'naive';

/** How a request's loaders behave, and who hears of their batches (metrics). */
export interface LoaderSettings {
  mode: LoaderMode;
  /** Told the size of every batch a loader dispatches. */
  onBatch?: ((loader: string, size: number) => void) | undefined;
}

export const BATCHED: LoaderSettings = { mode: 'batched' };

/** A DataLoader named `name`, scheduled per `settings`, reporting each batch's size. */
export function makeLoader<K, V>(
  name: string,
  settings: LoaderSettings,
  batch: BatchLoadFn<K, V>,
  extra: Options<K, V, string> = {},
): DataLoader<K, V, string> {
  const observe = settings.onBatch;
  const observed: BatchLoadFn<K, V> = observe ? (keys) => (observe(name, keys.length), batch(keys)) : batch;
  return new DataLoader<K, V, string>(observed, batchOptions(settings.mode, extra));
}

/** Resolves to null when the upstream says the object does not exist; other failures stay errors. */
export async function nullIfNotFound<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof TykNotFoundError) return null;
    throw error;
  }
}

/**
 * Runs `load` at most once per request and shares the promise; a failure is not cached, so a later
 * field in the same request may try again.
 */
export function once<T>(load: () => Promise<T>): { get(): Promise<T>; peek(): T | undefined } {
  let pending: Promise<T> | undefined;
  let value: T | undefined;
  return {
    get() {
      pending ??= load().then(
        (result) => {
          value = result;
          return result;
        },
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
    peek: () => value,
  };
}

/** Turns each settled result into a value or an Error, so one failing key never rejects its batch. */
export function settledToValues<V>(results: PromiseSettledResult<V>[]): (V | Error)[] {
  return results.map((r) =>
    r.status === 'fulfilled' ? r.value : r.reason instanceof Error ? r.reason : new Error(String(r.reason)),
  );
}

/**
 * `fn` over `items` with at most `limit` calls in flight, in order; each result a value or an Error
 * (one failing item never rejects the rest), as a DataLoader batch answers.
 */
export async function mapBounded<T, V>(items: readonly T[], limit: number, fn: (item: T) => Promise<V>): Promise<(V | Error)[]> {
  const results = new Array<V | Error>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!);
      } catch (error) {
        results[i] = error instanceof Error ? error : new Error(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
