/**
 * Key session routes (contract §6): read by hash (`hashed=1`) or raw key, update and delete by raw
 * key (by hash only when the Dashboard options enable it, as Tyk's `enable_*_key_by_hash` do).
 */
import { TYK_MESSAGES } from '../../tyk/contract.js';
import { SESSION_SHAPE } from '../go-json.js';
import { hashOfKey } from '../hash.js';
import { envelope, notFound, ok, ReplyError, type Route, type RouteContext } from '../http.js';
import { forgetKey } from '../key-issuer.js';
import { orgOfKey, type KeySession } from '../store.js';
import { goBody } from './common.js';

type KeyAccess = 'read' | 'update' | 'delete';

/**
 * Finds the session the path names, by hash (`hashed=<non-empty>`) or raw key. Writes by hash are
 * refused unless the Dashboard enables them (Tyk's `enable_update_key_by_hash` /
 * `enable_delete_key_by_hash`); another org's key → 400 "non-owned key".
 */
function sessionOf(ctx: RouteContext, access: KeyAccess): { hash: string; session: KeySession; byHash: boolean } {
  const id = ctx.params['id'] ?? '';
  const byHash = Boolean(ctx.query.get('hashed'));
  if (byHash && access !== 'read' && !ctx.store.keyWritesByHash[access]) {
    throw new ReplyError(envelope(400, `Key ${access === 'update' ? 'updates' : 'deletion'} by hash is disabled.`));
  }
  // `auto_guess=true` ("if you are not sure if a key is hashed", OAS): a raw key, else a hash.
  if (!byHash && access === 'read' && isTrue(ctx.query.get('auto_guess')) && !ctx.org.keys.has(hashOfKey(id)) && ctx.org.keys.has(id)) {
    return { hash: id, session: ctx.org.keys.get(id)!, byHash: true };
  }
  const hash = byHash ? id : hashOfKey(id);
  return { hash, session: ownedSession(ctx, hash), byHash };
}

/** A Go `strconv.ParseBool` true. */
const isTrue = (value: string | null) => value !== null && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value);

/** This org's session under the hash; 400 when another org holds it, 404 when nobody does. */
export function ownedSession(ctx: RouteContext, hash: string): KeySession {
  const session = ctx.org.keys.get(hash);
  if (session) return session;
  if (orgOfKey(ctx.store, hash)) throw new ReplyError(envelope(400, TYK_MESSAGES.nonOwnedKey));
  throw new ReplyError(notFound(TYK_MESSAGES.keyNotFound));
}

/** Tyk's KeyData wrapper; `key_id` carries the raw key only when the caller sent it. */
function keyData(ctx: RouteContext, found: { hash: string; session: KeySession; byHash: boolean }) {
  return ok({ key_id: found.byHash ? '' : ctx.params['id'], key_hash: found.hash, api_model: {}, data: found.session });
}

function readKey(ctx: RouteContext) {
  return keyData(ctx, sessionOf(ctx, 'read'));
}

function updateKey(ctx: RouteContext) {
  const found = sessionOf(ctx, 'update');
  const body = goBody(ctx, SESSION_SHAPE);
  // Tyk resets the quota counters on update unless `suppress_reset=1`; the org never changes.
  const kept = ctx.query.get('suppress_reset') === '1' ? { quota_remaining: found.session.quota_remaining, quota_renews: found.session.quota_renews } : {};
  Object.assign(found.session, body, kept, { org_id: found.session.org_id });
  return keyData(ctx, found);
}

function deleteKey(ctx: RouteContext) {
  const { hash } = sessionOf(ctx, 'delete');
  ctx.org.keys.delete(hash);
  for (const developer of ctx.org.developers.values()) if (hash in developer.keys) forgetKey(developer, hash);
  return envelope(200, TYK_MESSAGES.keyDeleted);
}

export const keyRoutes: Route[] = ['/api/keys/:id', '/api/apis/:apiId/keys/:id'].flatMap((template) => [
  { method: 'GET', template, handler: readKey },
  { method: 'PUT', template, handler: updateKey },
  { method: 'DELETE', template, handler: deleteKey },
]);
