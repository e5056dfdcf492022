/**
 * A developer's keys (contract §3, the current ≥1.9 routes): add, change policies, revoke, reset
 * quota, and delete a developer's OAuth app. `keyId` is the id the key has in `developer.keys`
 * (the hash when hashing is on).
 */
import type { TykHttp } from './http.js';
import { endpoint, type Param } from './path.js';
import type { CallOptions } from './types.js';
import { TykIssuedCredential, type TykAddKeyWrite } from './wire.js';

function keyParams(developerId: string, keyId: string): Record<string, Param> {
  return { id: ['objectId', developerId], keyId: ['keyId', keyId] };
}

/** Issues a key; Tyk answers like an approval (`{RawKey, Password}`, or the OAuth client) or with a status envelope. */
export async function addDeveloperKey(http: TykHttp, developerId: string, body: TykAddKeyWrite, options: CallOptions = {}): Promise<TykIssuedCredential> {
  return http.json(
    { ...endpoint('POST /api/portal/developers/:id/keys', { id: ['objectId', developerId] }), body, signal: options.signal },
    TykIssuedCredential,
  );
}

/** Replaces the key's policy set. */
export async function changeDeveloperKeyPolicies(http: TykHttp, developerId: string, keyId: string, policyIds: string[], options: CallOptions = {}): Promise<void> {
  await http.send({ ...endpoint('PUT /api/portal/developers/:id/keys/:keyId', keyParams(developerId, keyId)), body: { apply_policies: policyIds }, signal: options.signal });
}

export async function revokeDeveloperKey(http: TykHttp, developerId: string, keyId: string, options: CallOptions = {}): Promise<void> {
  await http.send({ ...endpoint('DELETE /api/portal/developers/:id/keys/:keyId', keyParams(developerId, keyId)), signal: options.signal });
}

export async function resetDeveloperKeyQuota(http: TykHttp, developerId: string, keyId: string, options: CallOptions = {}): Promise<void> {
  await http.send({ ...endpoint('POST /api/portal/developers/:id/keys/:keyId/reset_quota', keyParams(developerId, keyId)), signal: options.signal });
}

/** `appId` is the OAuth app's `client_id`. */
export async function deleteDeveloperOAuthApp(http: TykHttp, appId: string, options: CallOptions = {}): Promise<void> {
  await http.send({ ...endpoint('DELETE /api/portal/developers/oauth/:appId', { appId: ['clientId', appId] }), signal: options.signal });
}
