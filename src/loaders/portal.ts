/**
 * The org's catalogue and portal configuration: one object each, read at most once per request.
 */
import type { TykClient } from '../tyk/types.js';
import type { TykCatalogue, TykCatalogueEntry, TykPortalConfiguration } from '../tyk/wire.js';
import { nullIfNotFound, once } from './shared.js';

export interface PortalLoaders {
  /** The catalogue, or null when the org has none yet. */
  catalogue(): Promise<TykCatalogue | null>;
  /** The catalogue entry that publishes a policy, or null. */
  catalogueEntryByPolicyId(policyId: string): Promise<TykCatalogueEntry | null>;
  /** The portal configuration, or null when the org has none yet. */
  portalConfiguration(): Promise<TykPortalConfiguration | null>;
}

export function createPortalLoaders(tyk: TykClient, signal: AbortSignal | undefined): PortalLoaders {
  const catalogue = once(() => nullIfNotFound(tyk.getCatalogue({ signal })));
  const configuration = once(() => nullIfNotFound(tyk.getPortalConfiguration({ signal })));
  return {
    catalogue: () => catalogue.get(),
    async catalogueEntryByPolicyId(policyId) {
      const cat = await catalogue.get();
      return cat?.apis.find((entry) => entry.policy_id === policyId) ?? null;
    },
    portalConfiguration: () => configuration.get(),
  };
}
