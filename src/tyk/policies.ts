/**
 * Policies (contract §5): list, search, get.
 */
import { TYK_PAGE_ALL } from './contract.js';
import type { TykHttp } from './http.js';
import { queryString, segment } from './path.js';
import type { CallOptions, PageOptions, PolicySearch } from './types.js';
import { TykPolicy, tykPortalList, type TykPage } from './wire.js';

const BASE = '/api/portal/policies';
const PolicyList = tykPortalList(TykPolicy);

export async function listPolicies(http: TykHttp, options: PageOptions & { active?: boolean } = {}): Promise<TykPage<TykPolicy>> {
  // Tyk filters to active policies when `active` has any value; inactive-only is not expressible.
  const query = queryString({ p: options.page ?? TYK_PAGE_ALL, active: options.active ? 'true' : undefined });
  const page = await http.json({ method: 'GET', route: `GET ${BASE}`, path: `${BASE}${query}`, signal: options.signal }, PolicyList);
  return { data: page.Data, pages: page.Pages };
}

export async function searchPolicies(http: TykHttp, search: PolicySearch): Promise<TykPage<TykPolicy>> {
  const ids = search.policyIds?.map((id) => decodeURIComponent(segment(id, 'objectId'))).join(',');
  const query = queryString({
    q: search.q,
    policy_ids: ids,
    active: search.active ? 'true' : undefined,
    api_id: search.apiId,
    auth_type: search.authType,
    p: search.page ?? TYK_PAGE_ALL,
  });
  const page = await http.json({ method: 'GET', route: `GET ${BASE}/search`, path: `${BASE}/search${query}`, signal: search.signal }, PolicyList);
  return { data: page.Data, pages: page.Pages };
}

export async function getPolicy(http: TykHttp, id: string, options: CallOptions = {}): Promise<TykPolicy> {
  return http.json({ method: 'GET', route: `GET ${BASE}/:id`, path: `${BASE}/${segment(id, 'objectId')}`, signal: options.signal }, TykPolicy);
}
