/**
 * Dashboard OAuth clients per API (contract §9): list, get, delete, tokens, revoke, revoke all.
 */
import { z } from 'zod';
import type { TykHttp } from './http.js';
import { segment } from './path.js';
import type { CallOptions } from './types.js';
import { TykOAuthClient, TykOAuthClientList, TykOAuthToken } from './wire.js';

const BASE = '/api/apis/oauth';

export async function listOAuthClients(http: TykHttp, apiId: string, options: CallOptions = {}): Promise<TykOAuthClient[]> {
  const list = await http.json({ method: 'GET', route: `GET ${BASE}/:apiId`, path: `${BASE}/${segment(apiId, 'apiId')}`, signal: options.signal }, TykOAuthClientList);
  return list.apps;
}

export async function getOAuthClient(http: TykHttp, apiId: string, clientId: string, options: CallOptions = {}): Promise<TykOAuthClient> {
  return http.json(
    { method: 'GET', route: `GET ${BASE}/:apiId/:clientId`, path: `${BASE}/${segment(apiId, 'apiId')}/${segment(clientId, 'clientId')}`, signal: options.signal },
    TykOAuthClient,
  );
}

export async function deleteOAuthClient(http: TykHttp, apiId: string, clientId: string, options: CallOptions = {}): Promise<void> {
  await http.send({
    method: 'DELETE',
    route: `DELETE ${BASE}/:apiId/:clientId`,
    path: `${BASE}/${segment(apiId, 'apiId')}/${segment(clientId, 'clientId')}`,
    signal: options.signal,
  });
}

export async function listOAuthClientTokens(http: TykHttp, apiId: string, clientId: string, options: CallOptions = {}): Promise<TykOAuthToken[]> {
  return http.json(
    {
      method: 'GET',
      route: `GET ${BASE}/:apiId/:clientId/tokens`,
      path: `${BASE}/${segment(apiId, 'apiId')}/${segment(clientId, 'clientId')}/tokens`,
      signal: options.signal,
    },
    z.array(TykOAuthToken).nullish().transform((v) => v ?? []),
  );
}

export async function revokeOAuthToken(
  http: TykHttp,
  clientId: string,
  token: string,
  tokenTypeHint: 'access_token' | 'refresh_token',
  options: CallOptions = {},
): Promise<void> {
  await http.send({
    method: 'POST',
    route: `POST ${BASE}/:clientId/revoke`,
    path: `${BASE}/${segment(clientId, 'clientId')}/revoke`,
    body: { token, token_type_hint: tokenTypeHint },
    signal: options.signal,
  });
}

export async function revokeAllOAuthTokens(http: TykHttp, clientId: string, clientSecret: string, options: CallOptions = {}): Promise<void> {
  await http.send({
    method: 'POST',
    route: `POST ${BASE}/:clientId/revoke_all`,
    path: `${BASE}/${segment(clientId, 'clientId')}/revoke_all`,
    body: { client_secret: clientSecret },
    signal: options.signal,
  });
}
