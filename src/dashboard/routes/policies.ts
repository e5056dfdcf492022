/**
 * Policy routes (contract §5): list, search, get, create, update, delete.
 */
import { OBJECT_ID, TYK_MESSAGES } from '../../tyk/contract.js';
import { badRequest, envelope, notFound, ok, ReplyError, type Route, type RouteContext } from '../http.js';
import { objectId } from '../random.js';
import type { PolicyRecord } from '../store.js';
import { POLICY_SHAPE } from '../go-json.js';
import { goBody, objectIdParam, portalPage } from './common.js';

const BASE = '/api/portal/policies';
const DUPLICATE_NAME = 'This policy name has already been used. Enter a unique policy name.';

const isActive = (p: PolicyRecord) => p.active && !p.is_inactive && (p.state === '' || p.state === 'active');

function policyParam(ctx: RouteContext): PolicyRecord {
  const policy = ctx.org.policies.get(objectIdParam(ctx, 'id', TYK_MESSAGES.invalidPolicyId));
  if (!policy) throw new ReplyError(notFound());
  return policy;
}

/**
 * Maps a written body onto a record. Tyk decodes it into a Go struct (gateway `user/policy.go`), so
 * a field the body omits takes Go's zero value: `active: false`, rates and quotas 0, `tags: null`,
 * strings ''. (`access_rights` is kept `{}` rather than Go's `null`: key issuance reads it.)
 */
function fromBody(ctx: RouteContext, body: Record<string, unknown>, base: { _id: string; date_created: string }): PolicyRecord {
  const name = body['name'];
  if (typeof name !== 'string' || name.trim() === '') throw new ReplyError(badRequest('Policy name is required.'));
  const duplicate = [...ctx.org.policies.values()].some((p) => p.name === name && p._id !== base._id);
  if (duplicate) throw new ReplyError(badRequest(DUPLICATE_NAME));
  const number = (key: string) => (typeof body[key] === 'number' ? (body[key] as number) : 0);
  const string = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
  return {
    meta_data: null,
    partitions: { quota: false, rate_limit: false, acl: false, complexity: false, per_api: false },
    ...body,
    _id: base._id,
    id: string('id'),
    name,
    org_id: ctx.org.orgId,
    active: body['active'] === true,
    is_inactive: body['is_inactive'] === true,
    state: string('state'),
    rate: number('rate'),
    per: number('per'),
    quota_max: number('quota_max'),
    quota_renewal_rate: number('quota_renewal_rate'),
    key_expires_in: number('key_expires_in'),
    auth_type: string('auth_type'),
    access_rights: (body['access_rights'] as PolicyRecord['access_rights']) ?? {},
    tags: Array.isArray(body['tags']) ? (body['tags'] as string[]) : null,
    date_created: base.date_created,
    last_updated: String(Math.floor(ctx.store.now().getTime() / 1000)),
  };
}

/**
 * A policy as served: with `access_rights_array`, the same entries as a list (tyk-operator's
 * recorded `policy.Get` answer carries both).
 */
function served(policy: PolicyRecord) {
  return { ...policy, access_rights_array: Object.values(policy.access_rights ?? {}) };
}

export const policyRoutes: Route[] = [
  {
    method: 'GET',
    template: BASE,
    handler: (ctx) => {
      const active = ctx.query.get('active');
      const all = [...ctx.org.policies.values()].filter((p) => !active || isActive(p));
      return ok(portalPage(ctx, all, served));
    },
  },
  {
    method: 'GET',
    template: `${BASE}/search`,
    handler: (ctx) => {
      const ids = (ctx.query.get('policy_ids') ?? '').split(',').filter(Boolean).map((id) => id.toLowerCase());
      if (ids.some((id) => !OBJECT_ID.test(id))) return badRequest(TYK_MESSAGES.policyIdNotHex);
      const q = (ctx.query.get('q') ?? '').toLowerCase();
      const active = ctx.query.get('active');
      const apiId = ctx.query.get('api_id');
      const authType = ctx.query.get('auth_type');
      const found = [...ctx.org.policies.values()].filter(
        (p) =>
          (ids.length === 0 || ids.includes(p._id)) &&
          (!q || p.name.toLowerCase().includes(q)) &&
          (!active || isActive(p)) &&
          (!apiId || apiId in p.access_rights) &&
          (!authType || p.auth_type === authType),
      );
      return ok(portalPage(ctx, found, served));
    },
  },
  { method: 'GET', template: `${BASE}/:id`, handler: (ctx) => ok(served(policyParam(ctx))) },
  {
    method: 'POST',
    template: BASE,
    handler: (ctx) => {
      const body = goBody(ctx, POLICY_SHAPE);
      // A caller-supplied `_id` is kept: tyk-demo creates its policies from files with fixed `_id`s
      // that its catalogue entries and Postman tests then name. A taken one fails like Mongo's
      // duplicate-key insert would (Tyk's OAS: 500 "Failure creating data, …").
      const wanted = typeof body['_id'] === 'string' ? body['_id'].toLowerCase() : '';
      if (wanted && !OBJECT_ID.test(wanted)) return badRequest(TYK_MESSAGES.invalidPolicyId);
      if (wanted && [...ctx.store.orgs.values()].some((org) => org.policies.has(wanted))) return envelope(500, 'Failure creating data, please contact your administrator.');
      const policy = fromBody(ctx, body, { _id: wanted || objectId(), date_created: ctx.store.now().toISOString() });
      ctx.org.policies.set(policy._id, policy);
      return envelope(200, policy._id);
    },
  },
  {
    method: 'PUT',
    template: `${BASE}/:id`,
    handler: (ctx) => {
      const current = policyParam(ctx);
      ctx.org.policies.set(current._id, fromBody(ctx, goBody(ctx, POLICY_SHAPE), { _id: current._id, date_created: String(current['date_created'] ?? '') }));
      return envelope(200, TYK_MESSAGES.dataUpdated);
    },
  },
  {
    method: 'DELETE',
    template: `${BASE}/:id`,
    handler: (ctx) => {
      const id = objectIdParam(ctx, 'id', TYK_MESSAGES.invalidPolicyId);
      if (!ctx.org.policies.delete(id)) return notFound(TYK_MESSAGES.notFoundForDeletion);
      return envelope(200, TYK_MESSAGES.dataDeleted);
    },
  },
];
