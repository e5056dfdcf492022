/**
 * Dashboard OAuth clients per API (contract §9). An API the organisation does not have answers 400
 * "API Reference not found." (Tyk's OpenAPI file, every route under `{apiId}`).
 */
import { TYK_MESSAGES } from '../../tyk/contract.js';
import { OAUTH_CLIENT_SHAPE } from '../go-json.js';
import { badRequest, envelope, notFound, ok, ReplyError, type Route, type RouteContext } from '../http.js';
import { apiOAuthClient, hasApi } from '../oauth-clients.js';
import { oauthClientId, oauthClientSecret } from '../random.js';
import type { ApiOAuthClient } from '../store.js';
import { goBody, objectBody } from './common.js';

const BASE = '/api/apis/oauth';

/** The client as served (tokens are a separate resource). */
const served = ({ tokens: _tokens, ...client }: ApiOAuthClient) => client;

/** The `:apiId` param, when the org has that API; else 400 "API Reference not found.". */
function apiParam(ctx: RouteContext): string {
  const apiId = ctx.params['apiId'] ?? '';
  if (!hasApi(ctx.org, apiId)) throw new ReplyError(badRequest(TYK_MESSAGES.apiReferenceNotFound));
  return apiId;
}

function findClient(ctx: RouteContext, clientId: string | undefined, apiId?: string): ApiOAuthClient | undefined {
  const lists = apiId ? [ctx.org.oauthClients.get(apiId) ?? []] : [...ctx.org.oauthClients.values()];
  return lists.flat().find((c) => c.client_id === clientId);
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * Registers a client. A `client_id` and `secret` the caller sends are kept and echoed (tyk-demo's
 * Postman "Create an OAuth Client" asserts both; the OAS `NewClientRequest` has them); otherwise Tyk
 * makes a 32-hex id and a secret that is base64 of a UUID.
 */
function createClient(ctx: RouteContext) {
  const apiId = apiParam(ctx);
  const body = goBody(ctx, OAUTH_CLIENT_SHAPE);
  const clientId = text(body['client_id']) || oauthClientId();
  if (findClient(ctx, clientId, apiId)) return badRequest('OAuth client ID already exists.');
  const metaData = body['meta_data'];
  const client = apiOAuthClient({
    client_id: clientId,
    secret: text(body['secret']) || oauthClientSecret(),
    redirect_uri: text(body['redirect_uri']),
    policy_id: text(body['policy_id']),
    description: text(body['description']),
    client_name: text(body['client_name']),
    meta_data: metaData && typeof metaData === 'object' && !Array.isArray(metaData) ? (metaData as Record<string, unknown>) : {},
  });
  const list = ctx.org.oauthClients.get(apiId) ?? [];
  list.push(client);
  ctx.org.oauthClients.set(apiId, list);
  return ok(served(client));
}

export const oauthRoutes: Route[] = [
  { method: 'GET', template: `${BASE}/:apiId`, handler: (ctx) => ok({ apps: (ctx.org.oauthClients.get(apiParam(ctx)) ?? []).map(served), pages: 0 }) },
  { method: 'POST', template: `${BASE}/:apiId`, handler: createClient },
  {
    method: 'GET',
    template: `${BASE}/:apiId/:clientId`,
    handler: (ctx) => {
      const client = findClient(ctx, ctx.params['clientId'], apiParam(ctx));
      return client ? ok(served(client)) : notFound();
    },
  },
  {
    method: 'DELETE',
    template: `${BASE}/:apiId/:clientId`,
    handler: (ctx) => {
      const apiId = apiParam(ctx);
      const list = ctx.org.oauthClients.get(apiId) ?? [];
      const kept = list.filter((c) => c.client_id !== ctx.params['clientId']);
      if (kept.length === list.length) return notFound(TYK_MESSAGES.notFoundForDeletion);
      ctx.org.oauthClients.set(apiId, kept);
      return envelope(200, TYK_MESSAGES.oauthClientDeleted);
    },
  },
  {
    method: 'GET',
    template: `${BASE}/:apiId/:clientId/tokens`,
    handler: (ctx) => {
      const client = findClient(ctx, ctx.params['clientId'], apiParam(ctx));
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
