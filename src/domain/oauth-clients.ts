/**
 * A developer's OAuth clients (Tyk's `developer.oauth_clients[policyId][]`): delete one, revoke all
 * its tokens. The client secret is read only to revoke tokens.
 */
import type { GatewayContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import type { TykDeveloper, TykDeveloperOAuthClient } from '../tyk/wire.js';
import { refreshDeveloper, requireDeveloper } from './developers.js';
import { inputId } from './ids.js';

/** A developer's OAuth client, as the mutations address it. */
export interface OAuthClientAddress {
  developerId: string | number;
  clientId: string | number;
}

/** Finds a developer's OAuth client, or throws NotFoundError, before any write. */
async function requireOAuthClient(ctx: GatewayContext, address: OAuthClientAddress): Promise<{ developerId: string; client: TykDeveloperOAuthClient }> {
  const developerId = inputId(address.developerId, 'developerId');
  const clientId = inputId(address.clientId, 'clientId', 'client');
  const developer = await requireDeveloper(ctx, developerId);
  const client = Object.values(developer.oauth_clients)
    .flat()
    .find((c) => c.client_id === clientId);
  if (!client) throw new NotFoundError('OAuthClient', clientId);
  return { developerId, client };
}

/** Deletes the client (its tokens stop working); returns the developer after the deletion. */
export async function deleteOAuthClient(ctx: GatewayContext, address: OAuthClientAddress): Promise<{ clientId: string; developer: TykDeveloper }> {
  const { developerId, client } = await requireOAuthClient(ctx, address);
  await ctx.tyk().deleteDeveloperOAuthApp(client.client_id);
  return { clientId: client.client_id, developer: await refreshDeveloper(ctx, developerId) };
}

/** Revokes every access and refresh token of the client. */
export async function revokeOAuthClientTokens(ctx: GatewayContext, address: OAuthClientAddress): Promise<string> {
  const { client } = await requireOAuthClient(ctx, address);
  await ctx.tyk().revokeAllOAuthTokens(client.client_id, client.secret);
  return client.client_id;
}
