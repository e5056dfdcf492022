/**
 * A developer's keys (contract §3): add (and the deprecated subscription form), change policies,
 * revoke, reset quota, delete an OAuth app.
 */
import { TYK_MESSAGES } from '../../tyk/contract.js';
import { envelope, notFound, ok, ReplyError, type Reply, type Route, type RouteContext } from '../http.js';
import { changeKeyPolicies, issueKey, resetQuota, revokeKey, type Issued } from '../key-issuer.js';
import type { DashboardEvents } from '../events.js';
import { orgOfKey } from '../store.js';
import { ADD_KEY_SHAPE } from '../go-json.js';
import { developerParam, goBody, policiesById, stringMap } from './common.js';

const BASE = '/api/portal/developers';

/** The approval-style answer to an issuance: the raw key once, or the new OAuth client. */
export function issuedReply(issued: Issued): Reply {
  return issued.kind === 'key' ? ok({ RawKey: issued.rawKey, Password: '' }) : ok(issued.client);
}

/** The developer and one of its key hashes; another org's key → 400 "non-owned key", else 404. */
function developerKey(ctx: RouteContext) {
  const developer = developerParam(ctx);
  const hash = ctx.params['keyId'] ?? '';
  if (hash in developer.keys) return { developer, hash };
  const holder = orgOfKey(ctx.store, hash);
  throw new ReplyError(holder && holder !== ctx.org ? envelope(400, TYK_MESSAGES.nonOwnedKey) : notFound(TYK_MESSAGES.keyNotFound));
}

function addKey(events: DashboardEvents, policyIds: unknown, ctx: RouteContext): Reply {
  const developer = developerParam(ctx);
  const body = goBody(ctx, ADD_KEY_SHAPE);
  const policies = policiesById(ctx, policyIds);
  const redirect = (body['oauth_info'] as { redirect_uri?: unknown } | undefined)?.redirect_uri;
  const issued = issueKey(ctx.store, ctx.org, developer, policies, {
    fields: stringMap(body['fields']),
    redirectUri: typeof redirect === 'string' && redirect ? redirect : undefined,
  });
  if (issued.kind === 'key') events.emit(ctx.org, 'key_event.issued', { developer, keyHash: issued.hash, policies: developer.keys[issued.hash] ?? [] });
  return issuedReply(issued);
}

export function developerKeyRoutes(events: DashboardEvents): Route[] {
  return [
    { method: 'POST', template: `${BASE}/:id/keys`, handler: (ctx) => addKey(events, goBody(ctx, ADD_KEY_SHAPE)['apply_policies'], ctx) },
    { method: 'POST', template: `${BASE}/:id/subscriptions`, handler: (ctx) => addKey(events, [goBody(ctx, ADD_KEY_SHAPE)['policy_id']], ctx) },
    {
      method: 'PUT',
      template: `${BASE}/:id/keys/:keyId`,
      handler: (ctx) => {
        const { developer, hash } = developerKey(ctx);
        changeKeyPolicies(ctx.store, ctx.org, developer, hash, policiesById(ctx, goBody(ctx, ADD_KEY_SHAPE)['apply_policies']));
        events.emit(ctx.org, 'key_event.updated', { developer, keyHash: hash, policies: developer.keys[hash] ?? [] });
        return envelope(200, TYK_MESSAGES.dataUpdated);
      },
    },
    {
      method: 'DELETE',
      template: `${BASE}/:id/keys/:keyId`,
      handler: (ctx) => {
        const { developer, hash } = developerKey(ctx);
        const policies = developer.keys[hash] ?? [];
        revokeKey(ctx.org, developer, hash);
        events.emit(ctx.org, 'key_event.deleted', { developer, keyHash: hash, policies });
        return envelope(200, TYK_MESSAGES.dataDeleted);
      },
    },
    {
      method: 'POST',
      template: `${BASE}/:id/keys/:keyId/reset_quota`,
      handler: (ctx) => {
        const { hash } = developerKey(ctx);
        const session = ctx.org.keys.get(hash);
        if (!session) return notFound(TYK_MESSAGES.keyNotFound);
        resetQuota(ctx.store, session);
        return envelope(200, 'Quota reset.');
      },
    },
    {
      method: 'DELETE',
      template: `${BASE}/oauth/:appId`,
      handler: (ctx) => {
        const appId = ctx.params['appId'];
        let found = false;
        for (const developer of ctx.org.developers.values()) {
          for (const [policyId, clients] of Object.entries(developer.oauth_clients)) {
            const kept = clients.filter((c) => c.client_id !== appId);
            if (kept.length !== clients.length) found = true;
            if (kept.length === 0) delete developer.oauth_clients[policyId];
            else developer.oauth_clients[policyId] = kept;
          }
        }
        for (const [apiId, clients] of ctx.org.oauthClients) ctx.org.oauthClients.set(apiId, clients.filter((c) => c.client_id !== appId));
        return found ? envelope(200, TYK_MESSAGES.oauthClientDeleted) : notFound(TYK_MESSAGES.notFoundForDeletion);
      },
    },
  ];
}
