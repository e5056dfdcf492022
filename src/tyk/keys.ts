/**
 * Key sessions (contract §6): `GET /api/keys/{id}` or `GET /api/apis/{apiId}/keys/{id}`, by hash
 * (`hashed=1`, the default: portal clients only ever hold hashes) or by raw key.
 */
import type { TykHttp } from './http.js';
import { endpoint } from './path.js';
import type { KeyLookup } from './types.js';
import { TykKeyData } from './wire.js';

export async function getKey(http: TykHttp, keyId: string, options: KeyLookup = {}): Promise<TykKeyData> {
  const query = { hashed: options.hashed === false ? undefined : '1' };
  const target = options.apiId !== undefined
    ? endpoint('GET /api/apis/:apiId/keys/:id', { apiId: ['apiId', options.apiId], id: ['keyId', keyId] }, query)
    : endpoint('GET /api/keys/:id', { id: ['keyId', keyId] }, query);
  return http.json({ ...target, signal: options.signal }, TykKeyData);
}
