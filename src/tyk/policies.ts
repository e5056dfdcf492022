/**
 * Portal policies (contract §5): list, search, get. Policies are addressed by `_id`.
 */
import { TYK_PAGE_ALL } from './contract.js';
import type { TykHttp } from './http.js';
import { endpoint } from './path.js';
import type { CallOptions, PageOptions, PolicySearch } from './types.js';
import { TykPolicy, tykPortalList, type TykPage } from './wire.js';

const PolicyList = tykPortalList(TykPolicy);

/** Every policy (`p=-1`) or one page; `active: true` → active only (Tyk filters on any value, so false = all). */
export async function listPolicies(http: TykHttp, options: PageOptions & { active?: boolean } = {}): Promise<TykPage<TykPolicy>> {
  const query = { p: options.page ?? TYK_PAGE_ALL, active: options.active ? 'true' : undefined };
  const page = await http.json({ ...endpoint('GET /api/portal/policies', {}, query), signal: options.signal }, PolicyList);
  return { data: page.Data, pages: page.Pages };
}

/** Tyk's policy search; `policyIds` are checked as ObjectIds locally (Tyk answers 400 otherwise). */
export async function searchPolicies(http: TykHttp, search: PolicySearch): Promise<TykPage<TykPolicy>> {
  const query = {
    q: search.q,
    policy_ids: search.policyIds?.length ? (['objectIdList', search.policyIds] as const) : undefined,
    active: search.active ? 'true' : undefined,
    state: search.state,
    sort: search.sort,
    api_id: search.apiId,
    auth_type: search.authType,
    p: search.page ?? TYK_PAGE_ALL,
  };
  const page = await http.json({ ...endpoint('GET /api/portal/policies/search', {}, query), signal: search.signal }, PolicyList);
  return { data: page.Data, pages: page.Pages };
}

export async function getPolicy(http: TykHttp, id: string, options: CallOptions = {}): Promise<TykPolicy> {
  return http.json({ ...endpoint('GET /api/portal/policies/:id', { id: ['objectId', id] }), signal: options.signal }, TykPolicy);
}
