/**
 * All loaders of one GraphQL request. Created per request: caches never outlive the request, so
 * nothing read with one credential is served to another.
 */
import type { TykClient } from '../tyk/types.js';
import { createDeveloperLoaders, type DeveloperLoaders } from './developer.js';
import { createKeyLoader, type KeyLoader } from './key.js';
import { createKeyRequestLoaders, type KeyRequestLoaders } from './key-request.js';
import { createPolicyLoaders, type PolicyLoaders } from './policy.js';
import { createPortalLoaders, type PortalLoaders } from './portal.js';
import { createUsageLoader, type UsageLoader } from './usage.js';

export interface Loaders extends DeveloperLoaders, PolicyLoaders, KeyRequestLoaders, PortalLoaders {
  keyById: KeyLoader;
  usage: UsageLoader;
}

export function createLoaders(tyk: TykClient, signal?: AbortSignal): Loaders {
  return {
    ...createDeveloperLoaders(tyk, signal),
    ...createPolicyLoaders(tyk, signal),
    ...createKeyRequestLoaders(tyk, signal),
    ...createPortalLoaders(tyk, signal),
    keyById: createKeyLoader(tyk, signal),
    usage: createUsageLoader(tyk, signal),
  };
}
