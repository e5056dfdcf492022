/**
 * Key request routes (contract §4): list (`approved` filter), get, create, update, delete (decline),
 * approve. Reads embed the developer and catalogue entries as Tyk does.
 */
import { TYK_MESSAGES } from '../../tyk/contract.js';
import type { DashboardEvents } from '../events.js';
import { badRequest, envelope, notFound, ok, ReplyError, type Route, type RouteContext } from '../http.js';
import { issueKey } from '../key-issuer.js';
import { objectId } from '../random.js';
import { publicDeveloper, type KeyRequestRecord } from '../store.js';
import { issuedReply } from './developer-keys.js';
import { KEY_REQUEST_SHAPE } from '../go-json.js';
import { findPolicy, goBody, objectIdParam, portalPage, stringMap } from './common.js';

const BASE = '/api/portal/requests';

function withEmbeds(ctx: RouteContext, request: KeyRequestRecord) {
  const developer = ctx.org.developers.get(request.by_user);
  const entries = (ctx.org.catalogue?.apis ?? []).filter((e) => request.apply_policies.includes(String(e['policy_id'])));
  return { ...structuredClone(request), portal_developer: developer ? publicDeveloper(developer) : null, catalogue_entry: entries[0] ?? null, catalogues: entries };
}

function requestParam(ctx: RouteContext): KeyRequestRecord {
  const request = ctx.org.keyRequests.get(objectIdParam(ctx));
  if (!request) throw new ReplyError(notFound());
  return request;
}

/**
 * Maps a written body onto a record. The policies are not looked up: Tyk stores a request for a
 * policy that does not exist (TykTechnologies/tyk#272: `for_plan: "asdfasdf"` with no `version` is
 * answered with the new id; liip's wp-tyk-dev-portal disabled its test of that for the same reason)
 * and fails only when it is approved. Whatever `version` the body has (none included) is kept.
 */
function fromBody(ctx: RouteContext, body: Record<string, unknown>, base: { id: string; date_created: string }): KeyRequestRecord {
  const applyPolicies = Array.isArray(body['apply_policies']) && body['apply_policies'].length > 0
    ? body['apply_policies'].map(String)
    : typeof body['for_plan'] === 'string' && body['for_plan'] ? [body['for_plan']] : [];
  if (applyPolicies.length === 0) throw new ReplyError(badRequest('A key request needs apply_policies or for_plan.'));
  if (typeof body['by_user'] !== 'string' || !ctx.org.developers.has(body['by_user'])) throw new ReplyError(badRequest('by_user must name a developer.'));
  const oauth = body['oauth_info'] as { redirect_uri?: unknown } | null | undefined;
  return {
    key: '',
    for_api: '',
    remove_policies: [],
    jwt_secret: '',
    certificate: '',
    ...body,
    id: base.id,
    org_id: ctx.org.orgId,
    by_user: body['by_user'],
    for_plan: applyPolicies[0]!,
    apply_policies: applyPolicies,
    approved: body['approved'] === true,
    date_created: typeof body['date_created'] === 'string' && body['date_created'] ? body['date_created'] : base.date_created,
    version: typeof body['version'] === 'string' ? body['version'] : '',
    fields: stringMap(body['fields']),
    oauth_info: oauth && typeof oauth.redirect_uri === 'string' ? { redirect_uri: oauth.redirect_uri } : null,
  };
}

export function keyRequestRoutes(events: DashboardEvents): Route[] {
  return [
    {
      method: 'GET',
      template: BASE,
      handler: (ctx) => {
        const approved = ctx.query.get('approved');
        const all = [...ctx.org.keyRequests.values()].filter((r) => approved === null || approved === '' || String(r.approved) === approved);
        return ok(portalPage(ctx, all, (r) => withEmbeds(ctx, r)));
      },
    },
    { method: 'GET', template: `${BASE}/:id`, handler: (ctx) => ok(withEmbeds(ctx, requestParam(ctx))) },
    {
      method: 'POST',
      template: BASE,
      handler: (ctx) => {
        const request = fromBody(ctx, goBody(ctx, KEY_REQUEST_SHAPE), { id: objectId(), date_created: ctx.store.now().toISOString() });
        ctx.org.keyRequests.set(request.id, request);
        events.emit(ctx.org, 'key_request_event.submitted', { request: withEmbeds(ctx, request) as KeyRequestRecord, developer: ctx.org.developers.get(request.by_user) });
        return envelope(200, request.id);
      },
    },
    {
      method: 'PUT',
      template: `${BASE}/approve/:id`,
      handler: (ctx) => {
        const request = requestParam(ctx);
        if (request.approved) return badRequest(TYK_MESSAGES.alreadyProcessed);
        const developer = ctx.org.developers.get(request.by_user);
        if (!developer) return badRequest('The developer of this request no longer exists.');
        const policies = request.apply_policies.map((id) => findPolicy(ctx.org, id)).filter((p) => p !== undefined);
        if (policies.length === 0) return badRequest('The policies of this request do not exist.');
        const issued = issueKey(ctx.store, ctx.org, developer, policies, {
          fields: request.fields,
          redirectUri: request.oauth_info?.redirect_uri || undefined,
        });
        request.approved = true;
        if (issued.kind === 'key') request.key = issued.hash;
        // Same `data` shape as the documented `.submitted` payload (contract §10).
        events.emit(ctx.org, 'key_request_event.approved', { request: withEmbeds(ctx, request) as KeyRequestRecord, developer });
        return issuedReply(issued);
      },
    },
    {
      method: 'PUT',
      template: `${BASE}/:id`,
      handler: (ctx) => {
        const current = requestParam(ctx);
        ctx.org.keyRequests.set(current.id, fromBody(ctx, goBody(ctx, KEY_REQUEST_SHAPE), current));
        return envelope(200, current.id);
      },
    },
    {
      method: 'DELETE',
      template: `${BASE}/:id`,
      handler: (ctx) => {
        const request = ctx.org.keyRequests.get(objectIdParam(ctx));
        if (!request) return notFound(TYK_MESSAGES.notFoundForDeletion);
        ctx.org.keyRequests.delete(request.id);
        events.emit(ctx.org, 'key_request_event.declined', { request: withEmbeds(ctx, request) as KeyRequestRecord, developer: ctx.org.developers.get(request.by_user) });
        return envelope(200, TYK_MESSAGES.dataDeleted);
      },
    },
  ];
}
