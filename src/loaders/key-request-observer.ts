/**
 * Keeps a credential's shared key request index (key-request-index.ts) in step with what one
 * request's client reads and writes, whatever code made the call: a request filed, read by id or
 * updated is added to its developer's (approval changes nothing the index keeps), a decline or a
 * 404 removes it.
 */
import { TykNotFoundError } from '../tyk/errors.js';
import type { CallOptions, TykClient } from '../tyk/types.js';
import type { TykKeyRequestWrite } from '../tyk/wire.js';
import { rowOfKeyRequest, type KeyRequestIndexStore } from './key-request-index.js';

export function observeKeyRequests(tyk: TykClient, store: KeyRequestIndexStore, principal: string): TykClient {
  const observed: Partial<TykClient> = {
    async getKeyRequest(id: string, options?: CallOptions) {
      try {
        const request = await tyk.getKeyRequest(id, options);
        store.change(principal, (index) => index.add(rowOfKeyRequest(request)));
        return request;
      } catch (error) {
        if (error instanceof TykNotFoundError) store.change(principal, (index) => index.remove(id));
        throw error;
      }
    },
    async createKeyRequest(request: TykKeyRequestWrite, options?: CallOptions) {
      const id = await tyk.createKeyRequest(request, options);
      store.change(principal, (index) => index.add({ id, developerId: request.by_user }));
      return id;
    },
    async updateKeyRequest(id: string, request: Record<string, unknown>, options?: CallOptions) {
      await tyk.updateKeyRequest(id, request, options);
      const developerId = request['by_user'];
      if (typeof developerId === 'string') store.change(principal, (index) => index.add({ id, developerId }));
    },
    async deleteKeyRequest(id: string, options?: CallOptions) {
      await tyk.deleteKeyRequest(id, options);
      store.change(principal, (index) => index.remove(id));
    },
  };
  return Object.assign(Object.create(tyk) as TykClient, observed);
}
