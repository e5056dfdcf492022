/**
 * Key sessions (contract §6): `GET /api/keys/{id}`, by hash (`hashed=1`) or by raw key.
 */
import type { TykHttp } from './http.js';
import { queryString, segment } from './path.js';
import type { CallOptions } from './types.js';
import { TykKeyData } from './wire.js';

export async function getKey(http: TykHttp, keyId: string, options: CallOptions & { hashed?: boolean } = {}): Promise<TykKeyData> {
  const query = queryString({ hashed: options.hashed === false ? undefined : '1' });
  return http.json({ method: 'GET', route: 'GET /api/keys/:id', path: `/api/keys/${segment(keyId, 'keyId')}${query}`, signal: options.signal }, TykKeyData);
}
