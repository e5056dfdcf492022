/**
 * Keeps the shared developer index in step with what one request's client reads and writes,
 * whatever code made the call (loaders, mutations, the domain layer): a developer read by id, by
 * email or on a list page refreshes its row; a 404 or a delete removes it; a create or an update
 * marks the id stale in every credential's index (each reads it again with its own credential).
 */
import { TykNotFoundError } from '../tyk/errors.js';
import type { CallOptions, PageOptions, TykClient } from '../tyk/types.js';
import type { TykDeveloperWrite } from '../tyk/wire.js';
import type { DeveloperIndexStore } from './developer-index.js';

export function observeDevelopers(tyk: TykClient, store: DeveloperIndexStore, principal: string): TykClient {
  // Every other method is the client's own (looked up through the prototype, whatever the client is).
  const observed: Partial<TykClient> = {
    async getDeveloper(id: string, options?: CallOptions) {
      try {
        const developer = await tyk.getDeveloper(id, options);
        store.observe(principal, developer);
        return developer;
      } catch (error) {
        if (error instanceof TykNotFoundError) store.removed(principal, id);
        throw error;
      }
    },
    async getDeveloperByEmail(email: string, options?: CallOptions) {
      const developer = await tyk.getDeveloperByEmail(email, options);
      store.observe(principal, developer);
      return developer;
    },
    async listDevelopers(options?: PageOptions) {
      const page = await tyk.listDevelopers(options);
      for (const developer of page.data) store.observe(principal, developer);
      return page;
    },
    async createDeveloper(developer: TykDeveloperWrite, options?: CallOptions) {
      const id = await tyk.createDeveloper(developer, options);
      store.written(id);
      return id;
    },
    async updateDeveloper(id: string, developer: TykDeveloperWrite, options?: CallOptions) {
      try {
        await tyk.updateDeveloper(id, developer, options);
      } finally {
        // Also when the outcome is unknown: reading it again costs one call, a stale row a wrong answer.
        store.written(id);
      }
    },
    async deleteDeveloper(id: string, options?: CallOptions) {
      try {
        await tyk.deleteDeveloper(id, options);
        store.removed(principal, id);
        store.written(id, principal);
      } catch (error) {
        store.written(id);
        throw error;
      }
    },
  };
  return Object.assign(Object.create(tyk) as TykClient, observed);
}
