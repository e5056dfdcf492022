/**
 * Key session routes (contract §6): read by hash (`hashed=1`) or raw key, update and delete by raw
 * key (by hash only when the Dashboard enables it: here it does not).
 */
import { TYK_MESSAGES } from '../../tyk/contract.js';
import { hashKey } from '../hash.js';
import { envelope, notFound, ok, ReplyError, type Route, type RouteContext } from '../http.js';
import type { KeySession } from '../store.js';
import { objectBody } from './common.js';

/** Finds the session the path names; another org's key → 400 "non-owned key". */
function sessionOf(ctx: RouteContext, allowHash: boolean): { hash: string; session: KeySession; byHash: boolean } {
  const id = ctx.params['id'] ?? '';
  const byHash = Boolean(ctx.query.get('hashed'));
  if (byHash && !allowHash) throw new ReplyError(envelope(400, 'Updating or deleting keys by hash is disabled.'));
  const hash = byHash ? id : hashKey(id, ctx.store.hashFunction);
  const session = ctx.org.keys.get(hash);
  if (session) return { hash, session, byHash };
  for (const other of ctx.store.orgs.values()) {
    if (other !== ctx.org && other.keys.has(hash)) throw new ReplyError(envelope(400, TYK_MESSAGES.nonOwnedKey));
  }
  throw new ReplyError(notFound(TYK_MESSAGES.keyNotFound));
}

function keyData(ctx: RouteContext) {
  const { hash, session, byHash } = sessionOf(ctx, true);
  return ok({ key_id: byHash ? '' : ctx.params['id'], key_hash: hash, api_model: {}, data: session });
}

function updateKey(ctx: RouteContext) {
  const { hash, session } = sessionOf(ctx, false);
  const body = objectBody(ctx);
  const suppressReset = ctx.query.get('suppress_reset') === '1';
  Object.assign(session, body, suppressReset ? { quota_remaining: session.quota_remaining } : {}, { org_id: session.org_id });
  return ok({ key_id: ctx.params['id'], key_hash: hash, api_model: {}, data: session });
}

function deleteKey(ctx: RouteContext) {
  const { hash } = sessionOf(ctx, false);
  ctx.org.keys.delete(hash);
  for (const developer of ctx.org.developers.values()) {
    if (hash in developer.keys) {
      delete developer.keys[hash];
      for (const [policyId, keyHash] of Object.entries(developer.subscriptions)) if (keyHash === hash) delete developer.subscriptions[policyId];
    }
  }
  return envelope(200, TYK_MESSAGES.keyDeleted);
}

export const keyRoutes: Route[] = ['/api/keys/:id', '/api/apis/:apiId/keys/:id'].flatMap((template) => [
  { method: 'GET', template, handler: keyData },
  { method: 'PUT', template, handler: updateKey },
  { method: 'DELETE', template, handler: deleteKey },
]);
