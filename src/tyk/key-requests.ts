/**
 * Key requests (contract §4): list (with `approved` filter), get, create, update, delete, approve.
 */
import { TYK_PAGE_ALL } from './contract.js';
import type { TykHttp } from './http.js';
import { queryString, segment } from './path.js';
import type { CallOptions, PageOptions } from './types.js';
import { TykIssuedCredential, TykKeyRequest, TykStatusEnvelope, tykPortalList, type TykKeyRequestWrite, type TykPage } from './wire.js';

const BASE = '/api/portal/requests';
const KeyRequestList = tykPortalList(TykKeyRequest);

export async function listKeyRequests(http: TykHttp, options: PageOptions & { approved?: boolean } = {}): Promise<TykPage<TykKeyRequest>> {
  const query = queryString({ p: options.page ?? TYK_PAGE_ALL, approved: options.approved });
  const page = await http.json({ method: 'GET', route: `GET ${BASE}`, path: `${BASE}${query}`, signal: options.signal }, KeyRequestList);
  return { data: page.Data, pages: page.Pages };
}

export async function getKeyRequest(http: TykHttp, id: string, options: CallOptions = {}): Promise<TykKeyRequest> {
  return http.json({ method: 'GET', route: `GET ${BASE}/:id`, path: `${BASE}/${segment(id, 'objectId')}`, signal: options.signal }, TykKeyRequest);
}

/** Always sends `approved: false` and `version: "v2"` with both `for_plan` and `apply_policies`. */
export async function createKeyRequest(http: TykHttp, request: TykKeyRequestWrite, options: CallOptions = {}): Promise<string> {
  const body = { ...request, version: 'v2', approved: false };
  const envelope = await http.json({ method: 'POST', route: `POST ${BASE}`, path: BASE, body, signal: options.signal }, TykStatusEnvelope);
  return envelope.Message;
}

export async function updateKeyRequest(http: TykHttp, id: string, request: Record<string, unknown>, options: CallOptions = {}): Promise<void> {
  await http.send({ method: 'PUT', route: `PUT ${BASE}/:id`, path: `${BASE}/${segment(id, 'objectId')}`, body: request, signal: options.signal });
}

export async function deleteKeyRequest(http: TykHttp, id: string, options: CallOptions = {}): Promise<void> {
  await http.send({ method: 'DELETE', route: `DELETE ${BASE}/:id`, path: `${BASE}/${segment(id, 'objectId')}`, signal: options.signal });
}

export async function approveKeyRequest(http: TykHttp, id: string, options: CallOptions = {}): Promise<TykIssuedCredential> {
  return http.json(
    { method: 'PUT', route: `PUT ${BASE}/approve/:id`, path: `${BASE}/approve/${segment(id, 'objectId')}`, signal: options.signal },
    TykIssuedCredential,
  );
}
