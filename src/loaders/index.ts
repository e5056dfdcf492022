/**
 * All loaders of one GraphQL request. Created per request: caches never outlive the request, so
 * nothing read with one credential is served to another.
 */
import type { TykClient } from '../tyk/types.js';
import { BATCHED, type LoaderSettings, type Shared } from './shared.js';
import { createDeveloperLoaders, type DeveloperLoaders, type DeveloperSharing } from './developer.js';
import { createKeyLoader, type KeyLoader } from './key.js';
import { createKeyRequestLoaders, type KeyRequestLoaders, type KeyRequestSharing } from './key-request.js';
import { createPolicyLoaders, type PolicyLoaders } from './policy.js';
import { createPortalLoaders, type PortalLoaders } from './portal.js';
import { createUsageLoader, type UsageLoader } from './usage.js';

export type { LoaderMode, LoaderSettings, Shared } from './shared.js';
export { credentialKey } from './shared.js';
export type { DeveloperSharing } from './developer.js';
export type { KeyRequestSharing } from './key-request.js';
export { SharedCache } from './shared-cache.js';
export { DeveloperIndexStore, type DeveloperIndexOptions, type DeveloperIndexStats } from './developer-index.js';
export { KeyRequestIndexStore, type KeyRequestIndexOptions, type KeyRequestIndexStats } from './key-request-index.js';
export { observeKeyRequests } from './key-request-observer.js';
export { observeDevelopers } from './developer-observer.js';

export interface Loaders extends DeveloperLoaders, PolicyLoaders, KeyRequestLoaders, PortalLoaders {
  keyById: KeyLoader;
  usage: UsageLoader;
}

/**
 * Builds one request's loaders; `settings.mode: 'naive'` (benchmarks only) disables batching and caching;
 * `shared` lets policies, the catalogue and the portal configuration outlive the request;
 * `developers` is the shared developer index (and page count hint) of the request's credential,
 * `keyRequests` its shared key request index.
 */
export function createLoaders(
  tyk: TykClient,
  signal?: AbortSignal,
  settings: LoaderSettings = BATCHED,
  shared?: Shared,
  developers?: DeveloperSharing,
  keyRequests?: KeyRequestSharing,
): Loaders {
  const sharing = settings.mode === 'batched' ? shared : undefined;
  return {
    ...createDeveloperLoaders(tyk, signal, { settings, sharing: settings.mode === 'batched' ? developers : undefined }),
    ...createPolicyLoaders(tyk, signal, settings, sharing),
    ...createKeyRequestLoaders(tyk, signal, settings, settings.mode === 'batched' ? keyRequests : undefined),
    ...createPortalLoaders(tyk, signal, sharing),
    keyById: createKeyLoader(tyk, signal, settings),
    usage: createUsageLoader(tyk, signal, settings),
  };
}
