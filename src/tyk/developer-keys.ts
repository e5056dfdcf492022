/**
 * A developer's keys (contract §3, current ≥1.9 routes): add, change policies, revoke, reset quota,
 * and delete a developer's OAuth app.
 */
import type { TykHttp } from './http.js';
import { segment } from './path.js';
import type { CallOptions } from './types.js';
import { TykIssuedCredential, type TykAddKeyWrite } from './wire.js';

const BASE = '/api/portal/developers';

function keyPath(developerId: string, keyId: string): string {
  return `${BASE}/${segment(developerId, 'objectId')}/keys/${segment(keyId, 'keyId')}`;
}

/** Issues a key; Tyk answers like an approval (`{RawKey, Password}`) or with an OAuth client. */
export async function addDeveloperKey(http: TykHttp, developerId: string, body: TykAddKeyWrite, options: CallOptions = {}): Promise<TykIssuedCredential> {
  return http.json(
    { method: 'POST', route: `POST ${BASE}/:id/keys`, path: `${BASE}/${segment(developerId, 'objectId')}/keys`, body, signal: options.signal },
    TykIssuedCredential,
  );
}

export async function changeDeveloperKeyPolicies(http: TykHttp, developerId: string, keyId: string, policyIds: string[], options: CallOptions = {}): Promise<void> {
  await http.send({
    method: 'PUT',
    route: `PUT ${BASE}/:id/keys/:keyId`,
    path: keyPath(developerId, keyId),
    body: { apply_policies: policyIds },
    signal: options.signal,
  });
}

export async function revokeDeveloperKey(http: TykHttp, developerId: string, keyId: string, options: CallOptions = {}): Promise<void> {
  await http.send({ method: 'DELETE', route: `DELETE ${BASE}/:id/keys/:keyId`, path: keyPath(developerId, keyId), signal: options.signal });
}

export async function resetDeveloperKeyQuota(http: TykHttp, developerId: string, keyId: string, options: CallOptions = {}): Promise<void> {
  await http.send({
    method: 'POST',
    route: `POST ${BASE}/:id/keys/:keyId/reset_quota`,
    path: `${keyPath(developerId, keyId)}/reset_quota`,
    signal: options.signal,
  });
}

export async function deleteDeveloperOAuthApp(http: TykHttp, appId: string, options: CallOptions = {}): Promise<void> {
  await http.send({ method: 'DELETE', route: `DELETE ${BASE}/oauth/:appId`, path: `${BASE}/oauth/${segment(appId, 'clientId')}`, signal: options.signal });
}
