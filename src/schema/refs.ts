/**
 * Object refs (name + backing shape) of the types that refer to each other. Each type's fields are
 * implemented in its own file; declaring the refs here lets those files import one another's refs
 * without import cycles.
 */
import type { KeyShape } from '../domain/keys.js';
import type { TykCatalogueEntry, TykDeveloper, TykDeveloperOAuthClient, TykKeyRequest, TykPolicy } from '../tyk/wire.js';
import { builder } from './builder.js';

export type { KeyShape } from '../domain/keys.js';

/** A developer's OAuth client with where it sits in `developer.oauth_clients`. */
export interface OAuthClientShape {
  client: TykDeveloperOAuthClient;
  policyId: string;
  developerId: string;
}

export const DeveloperRef = builder.objectRef<TykDeveloper>('Developer');
export const KeyRef = builder.objectRef<KeyShape>('Key');
export const PolicyRef = builder.objectRef<TykPolicy>('Policy');
export const CatalogueEntryRef = builder.objectRef<TykCatalogueEntry>('CatalogueEntry');
export const KeyRequestRef = builder.objectRef<TykKeyRequest>('KeyRequest');
export const OAuthClientRef = builder.objectRef<OAuthClientShape>('OAuthClient');
