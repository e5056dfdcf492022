/**
 * `OAuthClient`: an OAuth client a developer registered for a policy (Tyk's
 * `developer.oauth_clients[policyId][]`), and the mutations that delete it or revoke its tokens.
 * The client secret is never a field: the gateway reads it only to revoke tokens.
 */
import { deleteOAuthClient, revokeOAuthClientTokens } from '../domain/oauth-clients.js';
import type { TykDeveloper } from '../tyk/wire.js';
import { builder, type SchemaArgBuilder } from './builder.js';
import { MUTATION_ERRORS, runMutation } from './error.js';
import { DeveloperRef, OAuthClientRef, PolicyRef } from './refs.js';
import { tykTime } from './scalars.js';

OAuthClientRef.implement({
  description: 'An OAuth client registered by a developer for one policy. Its secret is shown only to the developer who owns it.',
  authScopes: (c) => ({ operator: true, self: c.developerId }),
  fields: (t) => ({
    secret: t.string({
      nullable: true,
      // Only the owning developer, in its own session: never operators, never another developer.
      authScopes: (c) => ({ self: c.developerId }),
      description: 'The client secret. Visible only to the developer who owns the client, through `viewer`; an error for everyone else.',
      resolve: (c) => c.client.secret,
    }),
    clientId: t.id({ description: 'OAuth client id.', resolve: (c) => c.client.client_id }),
    redirectUri: t.string({ description: 'Redirect URI(s), comma-separated as Tyk stores them.', resolve: (c) => c.client.redirect_uri }),
    description: t.string({ description: 'Application description given by the developer.', resolve: (c) => c.client.app_description }),
    useCase: t.string({ description: 'Intended use given by the developer.', resolve: (c) => c.client.use_case }),
    dateCreated: t.field({ type: 'DateTime', nullable: true, description: 'When the client was registered.', resolve: (c) => tykTime(c.client.date_created) }),
    policy: t.field({
      type: PolicyRef,
      nullable: true,
      description: 'The policy the client was registered for.',
      resolve: (c, _args, ctx) => ctx.loaders.policyById.load(c.policyId),
    }),
    developer: t.field({
      type: DeveloperRef,
      nullable: true,
      description: 'The developer who owns the client.',
      resolve: (c, _args, ctx) => ctx.loaders.developerById.load(c.developerId),
    }),
  }),
});

const clientArgs = (arg: SchemaArgBuilder) => ({
  developerId: arg.id({ required: true, description: 'Id of the developer who owns the client.' }),
  clientId: arg.id({ required: true, description: 'OAuth client id.' }),
});

const DeleteOAuthClientPayloadRef = builder.objectRef<{ clientId: string; developer: TykDeveloper }>('DeleteOAuthClientPayload');
DeleteOAuthClientPayloadRef.implement({
  description: 'A deleted OAuth client.',
  fields: (t) => ({
    deletedClientId: t.id({ description: 'Id of the deleted client.', resolve: (p) => p.clientId }),
    developer: t.field({ type: DeveloperRef, description: 'The developer after the deletion.', resolve: (p) => p.developer }),
  }),
});

const RevokeTokensPayloadRef = builder.objectRef<{ clientId: string }>('RevokeOAuthClientTokensPayload');
RevokeTokensPayloadRef.implement({
  description: 'All tokens of an OAuth client were revoked.',
  fields: (t) => ({ clientId: t.id({ description: 'Id of the client whose tokens were revoked.', resolve: (p) => p.clientId }) }),
});

builder.mutationFields((t) => ({
  deleteOAuthClient: t.field({
    type: DeleteOAuthClientPayloadRef,
    authScopes: { operator: true },
    description: 'Deletes a developer’s OAuth client (its tokens stop working).',
    errors: { types: MUTATION_ERRORS, union: { name: 'DeleteOAuthClientResult', description: 'The deletion or why it failed.' } },
    args: clientArgs(t.arg),
    resolve: (_root, args, ctx) => runMutation(() => deleteOAuthClient(ctx, args), { resource: 'OAuthClient', id: String(args.clientId) }),
  }),
  revokeOAuthClientTokens: t.field({
    type: RevokeTokensPayloadRef,
    authScopes: { operator: true },
    description: 'Revokes every access and refresh token issued to a developer’s OAuth client.',
    errors: { types: MUTATION_ERRORS, union: { name: 'RevokeOAuthClientTokensResult', description: 'The revocation or why it failed.' } },
    args: clientArgs(t.arg),
    resolve: (_root, args, ctx) =>
      runMutation(async () => ({ clientId: await revokeOAuthClientTokens(ctx, args) }), { resource: 'OAuthClient', id: String(args.clientId) }),
  }),
}));
