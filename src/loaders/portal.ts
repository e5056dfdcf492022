/**
 * The org's catalogue and portal configuration: one object each, read at most once per request, and
 * shared across requests of the same credential for the shared cache's TTL when one is given.
 */
import type { TykClient } from '../tyk/types.js';
import type { TykCatalogue, TykCatalogueEntry, TykPortalConfiguration } from '../tyk/wire.js';
import { nullIfNotFound, once, type Shared } from './shared.js';

export interface PortalLoaders {
  /** The catalogue, or null when the org has none yet. */
  catalogue(): Promise<TykCatalogue | null>;
  /** The catalogue entry that publishes a policy, or null. */
  catalogueEntryByPolicyId(policyId: string): Promise<TykCatalogueEntry | null>;
  /** The portal configuration, or null when the org has none yet. */
  portalConfiguration(): Promise<TykPortalConfiguration | null>;
  /**
   * Forgets the catalogue or the configuration after the gateway wrote it: in this request, and in
   * the shared cache for every credential (developers and anonymous visitors read it through the
   * service credential's entry), so the next read asks the Dashboard.
   */
  forget(name: 'catalogue' | 'portalConfiguration'): void;
}

export function createPortalLoaders(tyk: TykClient, signal: AbortSignal | undefined, shared?: Shared): PortalLoaders {
  const readCatalogue = () => nullIfNotFound(tyk.getCatalogue({ signal }));
  const readConfiguration = () => nullIfNotFound(tyk.getPortalConfiguration({ signal }));
  const catalogueOnce = () => once(() => (shared ? shared.cache.get(shared.principal, 'catalogue', readCatalogue) : readCatalogue()));
  const configurationOnce = () =>
    once(() => (shared ? shared.cache.get(shared.principal, 'portalConfiguration', readConfiguration) : readConfiguration()));
  let catalogue = catalogueOnce();
  let configuration = configurationOnce();
  return {
    forget(name) {
      shared?.cache.invalidate(undefined, name);
      if (name === 'catalogue') catalogue = catalogueOnce();
      else configuration = configurationOnce();
    },
    catalogue: () => catalogue.get(),
    async catalogueEntryByPolicyId(policyId) {
      const cat = await catalogue.get();
      return cat?.apis.find((entry) => entry.policy_id === policyId) ?? null;
    },
    portalConfiguration: () => configuration.get(),
  };
}
