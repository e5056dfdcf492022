/**
 * Developers (contract §2): list, get, by email, by SSO key, create, update, delete,
 * verify credentials, set password.
 */
import { z } from 'zod';
import { TYK_PAGE_ALL } from './contract.js';
import { TykUnauthorisedError } from './errors.js';
import type { TykHttp } from './http.js';
import { queryString, segment } from './path.js';
import type { CallOptions, PageOptions } from './types.js';
import { TykDeveloper, TykStatusEnvelope, tykPortalList, type TykDeveloperWrite, type TykPage } from './wire.js';

const DeveloperList = tykPortalList(TykDeveloper);
const BASE = '/api/portal/developers';

export async function listDevelopers(http: TykHttp, options: PageOptions = {}): Promise<TykPage<TykDeveloper>> {
  const page = await http.json(
    { method: 'GET', route: `GET ${BASE}`, path: `${BASE}${queryString({ p: options.page ?? TYK_PAGE_ALL })}`, signal: options.signal },
    DeveloperList,
  );
  return { data: page.Data, pages: page.Pages };
}

export async function getDeveloper(http: TykHttp, id: string, options: CallOptions = {}): Promise<TykDeveloper> {
  return http.json({ method: 'GET', route: `GET ${BASE}/:id`, path: `${BASE}/${segment(id, 'objectId')}`, signal: options.signal }, TykDeveloper);
}

export async function getDeveloperByEmail(http: TykHttp, email: string, options: CallOptions = {}): Promise<TykDeveloper> {
  return http.json(
    { method: 'GET', route: `GET ${BASE}/email/:email`, path: `${BASE}/email/${segment(email, 'email')}`, signal: options.signal },
    TykDeveloper,
  );
}

export async function getDeveloperBySsoKey(http: TykHttp, ssoKey: string, options: CallOptions = {}): Promise<TykDeveloper> {
  return http.json(
    { method: 'GET', route: `GET ${BASE}/ssokey/:key`, path: `${BASE}/ssokey/${segment(ssoKey, 'ssoKey')}`, signal: options.signal },
    TykDeveloper,
  );
}

export async function createDeveloper(http: TykHttp, developer: TykDeveloperWrite, options: CallOptions = {}): Promise<string> {
  const envelope = await http.json({ method: 'POST', route: `POST ${BASE}`, path: BASE, body: developer, signal: options.signal }, TykStatusEnvelope);
  return envelope.Message;
}

export async function updateDeveloper(http: TykHttp, id: string, developer: TykDeveloperWrite, options: CallOptions = {}): Promise<void> {
  await http.send({ method: 'PUT', route: `PUT ${BASE}/:id`, path: `${BASE}/${segment(id, 'objectId')}`, body: developer, signal: options.signal });
}

export async function deleteDeveloper(http: TykHttp, id: string, options: CallOptions = {}): Promise<void> {
  await http.send({ method: 'DELETE', route: `DELETE ${BASE}/:id`, path: `${BASE}/${segment(id, 'objectId')}`, signal: options.signal });
}

/** true when Tyk answers 200, false on 401 (the contract's "do not match"). */
export async function verifyDeveloperCredentials(http: TykHttp, email: string, password: string, options: CallOptions = {}): Promise<boolean> {
  try {
    await http.send({
      method: 'POST',
      route: `POST ${BASE}/verify_credentials`,
      path: `${BASE}/verify_credentials`,
      body: { username: email, password },
      signal: options.signal,
    });
    return true;
  } catch (error) {
    if (error instanceof TykUnauthorisedError) return false;
    throw error;
  }
}

export async function setDeveloperPassword(http: TykHttp, id: string, password: string, options: CallOptions = {}): Promise<void> {
  await http.json(
    { method: 'POST', route: `POST ${BASE}/password/:id`, path: `${BASE}/password/${segment(id, 'objectId')}`, body: { password }, signal: options.signal },
    z.looseObject({ Message: z.string().optional() }),
  );
}
