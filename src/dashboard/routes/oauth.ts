/**
 * Dashboard OAuth clients per API (contract §9).
 */
import { TYK_MESSAGES } from '../../tyk/contract.js';
import { envelope, notFound, ok, type Route, type RouteContext } from '../http.js';
import { randomHex } from '../random.js';
import type { ApiOAuthClient } from '../store.js';
import { objectBody } from './common.js';

const BASE = '/api/apis/oauth';

/** The client as served (tokens are a separate resource). */
const served = ({ tokens: _tokens, ...client }: ApiOAuthClient) => client;

function findClient(ctx: RouteContext, clientId: string | undefined, apiId?: string): ApiOAuthClient | undefined {
  const lists = apiId ? [ctx.org.oauthClients.get(apiId) ?? []] : [...ctx.org.oauthClients.values()];
  return lists.flat().find((c) => c.client_id === clientId);
}

export const oauthRoutes: Route[] = [
  { method: 'GET', template: `${BASE}/:apiId`, handler: (ctx) => ok({ apps: (ctx.org.oauthClients.get(ctx.params['apiId']!) ?? []).map(served), pages: 0 }) },
  {
    method: 'POST',
    template: `${BASE}/:apiId`,
    handler: (ctx) => {
      const body = objectBody(ctx);
      const client: ApiOAuthClient = {
        client_id: randomHex(32),
        secret: randomHex(48),
        redirect_uri: String(body['redirect_uri'] ?? ''),
        policy_id: String(body['policy_id'] ?? ''),
        description: String(body['description'] ?? ''),
        meta_data: (body['meta_data'] as Record<string, unknown>) ?? {},
        tokens: [],
      };
      const list = ctx.org.oauthClients.get(ctx.params['apiId']!) ?? [];
      list.push(client);
      ctx.org.oauthClients.set(ctx.params['apiId']!, list);
      return ok(served(client));
    },
  },
  {
    method: 'GET',
    template: `${BASE}/:apiId/:clientId`,
    handler: (ctx) => {
      const client = findClient(ctx, ctx.params['clientId'], ctx.params['apiId']);
      return client ? ok(served(client)) : notFound();
    },
  },
  {
    method: 'DELETE',
    template: `${BASE}/:apiId/:clientId`,
    handler: (ctx) => {
      const list = ctx.org.oauthClients.get(ctx.params['apiId']!) ?? [];
      const kept = list.filter((c) => c.client_id !== ctx.params['clientId']);
      if (kept.length === list.length) return notFound(TYK_MESSAGES.notFoundForDeletion);
      ctx.org.oauthClients.set(ctx.params['apiId']!, kept);
      return envelope(200, TYK_MESSAGES.oauthClientDeleted);
    },
  },
  {
    method: 'GET',
    template: `${BASE}/:apiId/:clientId/tokens`,
    handler: (ctx) => {
      const client = findClient(ctx, ctx.params['clientId'], ctx.params['apiId']);
      return client ? ok(client.tokens) : notFound();
    },
  },
  {
    method: 'POST',
    template: `${BASE}/:clientId/revoke`,
    handler: (ctx) => {
      const client = findClient(ctx, ctx.params['clientId']);
      if (!client) return notFound();
      const token = objectBody(ctx)['token'];
      client.tokens = client.tokens.filter((t) => t.code !== token);
      return envelope(200, TYK_MESSAGES.tokenRevoked);
    },
  },
  {
    method: 'POST',
    template: `${BASE}/:clientId/revoke_all`,
    handler: (ctx) => {
      const client = findClient(ctx, ctx.params['clientId']);
      if (!client) return notFound();
      if (objectBody(ctx)['client_secret'] !== client.secret) return envelope(403, 'Client secret does not match.');
      for (const list of ctx.org.oauthClients.values()) for (const c of list) if (c.client_id === client.client_id) c.tokens = [];
      return envelope(200, TYK_MESSAGES.tokensRevoked);
    },
  },
];
