/**
 * Dashboard OAuth clients per API (contract §9): list, create, get, delete, tokens, revoke one
 * token, revoke all tokens.
 */
import { z } from 'zod';
import type { TykHttp } from './http.js';
import { endpoint, type Param } from './path.js';
import type { CallOptions } from './types.js';
import { TykOAuthClient, TykOAuthClientList, TykOAuthToken, type TykOAuthClientWrite } from './wire.js';

const TokenList = z
  .array(TykOAuthToken)
  .nullish()
  .transform((v) => v ?? []);

function clientParams(apiId: string, clientId: string): Record<string, Param> {
  return { apiId: ['apiId', apiId], clientId: ['clientId', clientId] };
}

export async function listOAuthClients(http: TykHttp, apiId: string, options: CallOptions = {}): Promise<TykOAuthClient[]> {
  const list = await http.json({ ...endpoint('GET /api/apis/oauth/:apiId', { apiId: ['apiId', apiId] }), signal: options.signal }, TykOAuthClientList);
  return list.apps;
}

/** Registers a client for the API; Tyk answers the client with its generated id and secret. */
export async function createOAuthClient(http: TykHttp, apiId: string, client: TykOAuthClientWrite, options: CallOptions = {}): Promise<TykOAuthClient> {
  return http.json({ ...endpoint('POST /api/apis/oauth/:apiId', { apiId: ['apiId', apiId] }), body: client, signal: options.signal }, TykOAuthClient);
}

export async function getOAuthClient(http: TykHttp, apiId: string, clientId: string, options: CallOptions = {}): Promise<TykOAuthClient> {
  return http.json({ ...endpoint('GET /api/apis/oauth/:apiId/:clientId', clientParams(apiId, clientId)), signal: options.signal }, TykOAuthClient);
}

export async function deleteOAuthClient(http: TykHttp, apiId: string, clientId: string, options: CallOptions = {}): Promise<void> {
  await http.send({ ...endpoint('DELETE /api/apis/oauth/:apiId/:clientId', clientParams(apiId, clientId)), signal: options.signal });
}

export async function listOAuthClientTokens(http: TykHttp, apiId: string, clientId: string, options: CallOptions = {}): Promise<TykOAuthToken[]> {
  return http.json({ ...endpoint('GET /api/apis/oauth/:apiId/:clientId/tokens', clientParams(apiId, clientId)), signal: options.signal }, TokenList);
}

export async function revokeOAuthToken(
  http: TykHttp,
  clientId: string,
  token: string,
  tokenTypeHint: 'access_token' | 'refresh_token',
  options: CallOptions = {},
): Promise<void> {
  const target = endpoint('POST /api/apis/oauth/:clientId/revoke', { clientId: ['clientId', clientId] });
  await http.send({ ...target, body: { token, token_type_hint: tokenTypeHint }, signal: options.signal });
}

export async function revokeAllOAuthTokens(http: TykHttp, clientId: string, clientSecret: string, options: CallOptions = {}): Promise<void> {
  const target = endpoint('POST /api/apis/oauth/:clientId/revoke_all', { clientId: ['clientId', clientId] });
  await http.send({ ...target, body: { client_secret: clientSecret }, signal: options.signal });
}
