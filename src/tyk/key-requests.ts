/**
 * Key requests (contract §4): list (with the `approved` filter), get, create, update, delete
 * (= decline), approve.
 */
import { TYK_PAGE_ALL } from './contract.js';
import type { TykHttp } from './http.js';
import { endpoint } from './path.js';
import type { CallOptions, PageOptions } from './types.js';
import { TykApproval, TykCreatedEnvelope, TykKeyRequest, tykPortalList, type TykIssuedCredential, type TykKeyRequestWrite, type TykPage } from './wire.js';

const KeyRequestList = tykPortalList(TykKeyRequest);

/** Every request (`p=-1`) or one page; `approved` true → approved only, false → pending only, omitted → all. */
export async function listKeyRequests(http: TykHttp, options: PageOptions & { approved?: boolean } = {}): Promise<TykPage<TykKeyRequest>> {
  const page = await http.json(
    { ...endpoint('GET /api/portal/requests', {}, { p: options.page ?? TYK_PAGE_ALL, approved: options.approved }), signal: options.signal },
    KeyRequestList,
  );
  return { data: page.Data, pages: page.Pages };
}

/** Every request (`p=-1`, `approved` as in listKeyRequests), handed over one at a time as the body arrives. */
export async function streamKeyRequests(
  http: TykHttp,
  onRequest: (request: TykKeyRequest, index: number) => void,
  options: CallOptions & { approved?: boolean } = {},
): Promise<number> {
  const spec = { ...endpoint('GET /api/portal/requests', {}, { p: TYK_PAGE_ALL, approved: options.approved }), signal: options.signal };
  return (await http.list(spec, TykKeyRequest, onRequest)).count;
}

export async function getKeyRequest(http: TykHttp, id: string, options: CallOptions = {}): Promise<TykKeyRequest> {
  return http.json({ ...endpoint('GET /api/portal/requests/:id', { id: ['objectId', id] }), signal: options.signal }, TykKeyRequest);
}

/**
 * Returns the new request's id. Always sends `approved: false` (Tyk treats a request created
 * approved as already processed) and `version: "v2"`, with both `for_plan` and `apply_policies`
 * (each filled from the other when missing) and `date_created` (now, when missing).
 */
export async function createKeyRequest(http: TykHttp, request: TykKeyRequestWrite, options: CallOptions = {}): Promise<string> {
  const applyPolicies = request.apply_policies?.length ? request.apply_policies : request.for_plan ? [request.for_plan] : [];
  const body = {
    ...request,
    for_plan: request.for_plan || applyPolicies[0] || '',
    apply_policies: applyPolicies,
    date_created: request.date_created || new Date().toISOString(),
    version: 'v2',
    approved: false,
  };
  const created = await http.json({ ...endpoint('POST /api/portal/requests'), body, signal: options.signal }, TykCreatedEnvelope);
  return created.Message;
}

/** Full replace of the request. */
export async function updateKeyRequest(http: TykHttp, id: string, request: Record<string, unknown>, options: CallOptions = {}): Promise<void> {
  await http.send({ ...endpoint('PUT /api/portal/requests/:id', { id: ['objectId', id] }), body: request, signal: options.signal });
}

export async function deleteKeyRequest(http: TykHttp, id: string, options: CallOptions = {}): Promise<void> {
  await http.send({ ...endpoint('DELETE /api/portal/requests/:id', { id: ['objectId', id] }), signal: options.signal });
}

/** Approves and issues: the raw key (the only time Tyk shows it) or, for an OAuth request, the new client. */
export async function approveKeyRequest(http: TykHttp, id: string, options: CallOptions = {}): Promise<TykIssuedCredential> {
  return http.json({ ...endpoint('PUT /api/portal/requests/approve/:id', { id: ['objectId', id] }), signal: options.signal }, TykApproval);
}
