/**
 * `GET /api/apis`: the organisation's API definitions, `{"apis":[{"api_definition":{…}}],"pages":N}`
 * (OpenAPI `ApiDefinitionsResponse`), paged like the portal lists. The embedded Dashboard keeps no
 * API definitions of its own: it answers one per API its policies grant (`access_rights`), with
 * what a client reads from them (`api_definition.api_id`, `name`, `org_id`, `slug`, `active`, the
 * auth mode, the listen path), first granted first. Real clients use it to find an API id: liip's
 * wp-tyk-dev-portal takes the first API's `api_definition.api_id` to read a key's quota.
 */
import { createHash } from 'node:crypto';
import { ok, type Route, type RouteContext } from '../http.js';
import type { PolicyRecord } from '../store.js';
import { pageOf } from './common.js';

interface GrantedApi {
  apiId: string;
  name: string;
  authTypes: Set<string>;
  since: string;
}

/** Every API the org's policies grant, in the order of the policies that first grant them. */
function grantedApis(policies: Iterable<PolicyRecord>): GrantedApi[] {
  const apis = new Map<string, GrantedApi>();
  for (const policy of policies) {
    for (const [apiId, access] of Object.entries(policy.access_rights ?? {})) {
      const known = apis.get(apiId) ?? { apiId, name: String((access as { api_name?: unknown }).api_name || apiId), authTypes: new Set<string>(), since: String(policy.date_created ?? '') };
      known.authTypes.add(policy.auth_type || 'authToken');
      apis.set(apiId, known);
    }
  }
  return [...apis.values()];
}

const slugOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'api';

function wrapperOf(api: GrantedApi, orgId: string) {
  const slug = slugOf(api.name);
  const oauth = api.authTypes.has('oauth');
  return {
    api_definition: {
      // The database id: stable per API, 24 hex digits like Tyk's.
      id: createHash('sha256').update(`${orgId}|${api.apiId}`).digest('hex').slice(0, 24),
      api_id: api.apiId,
      name: api.name,
      slug,
      org_id: orgId,
      active: true,
      internal: false,
      is_oas: false,
      use_keyless: false,
      use_standard_auth: !oauth,
      use_oauth2: oauth,
      auth: { auth_header_name: 'Authorization' },
      proxy: { listen_path: `/${slug}/`, target_url: `http://upstream.example/${slug}`, strip_listen_path: true },
      version_data: { not_versioned: true, default_version: '', versions: { Default: { name: 'Default' } } },
      tags: [],
    },
    created_at: api.since,
    updated_at: api.since,
    is_site: false,
    sort_by: 0,
    user_owners: [],
    user_group_owners: [],
  };
}

function listApis(ctx: RouteContext) {
  const apis = grantedApis(ctx.org.policies.values());
  const { start, end, pages } = pageOf(ctx, apis.length);
  return { apis: apis.slice(start, end).map((api) => wrapperOf(api, ctx.org.orgId)), pages };
}

export const apiRoutes: Route[] = [{ method: 'GET', template: '/api/apis', handler: (ctx) => ok(listApis(ctx)) }];
