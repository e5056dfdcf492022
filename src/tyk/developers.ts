/**
 * Developers (contract §2): list, get, by email, by SSO key, create, update (full replace),
 * delete, verify credentials, set password.
 */
import { z } from 'zod';
import { TYK_PAGE_ALL } from './contract.js';
import { TykUnauthorisedError } from './errors.js';
import type { TykHttp } from './http.js';
import { endpoint } from './path.js';
import type { CallOptions, PageOptions } from './types.js';
import { TykCreatedEnvelope, TykDeveloper, TykListedDeveloper, tykPortalList, type TykDeveloperWrite, type TykPage } from './wire.js';

const DeveloperList = tykPortalList(TykListedDeveloper);
/** `{"Message":"Password changed"}`: no `Status` on this one. */
const PasswordChanged = z.looseObject({ Message: z.string() });

/** Every developer (`p=-1`), or page `options.page` (Tyk's page size, 10 by default). */
export async function listDevelopers(http: TykHttp, options: PageOptions = {}): Promise<TykPage<TykDeveloper>> {
  const page = await http.json({ ...endpoint('GET /api/portal/developers', {}, { p: options.page ?? TYK_PAGE_ALL }), signal: options.signal }, DeveloperList);
  return { data: page.Data, pages: page.Pages };
}

/**
 * Every developer (`p=-1`), each handed to `onDeveloper` as soon as it has arrived and been checked:
 * an organisation of any size is read in one call without holding its list in memory.
 */
export async function streamDevelopers(http: TykHttp, onDeveloper: (developer: TykDeveloper, index: number) => void, options: CallOptions = {}): Promise<number> {
  const { count } = await http.list({ ...endpoint('GET /api/portal/developers', {}, { p: TYK_PAGE_ALL }), signal: options.signal }, TykListedDeveloper, onDeveloper);
  return count;
}

export async function getDeveloper(http: TykHttp, id: string, options: CallOptions = {}): Promise<TykDeveloper> {
  return http.json({ ...endpoint('GET /api/portal/developers/:id', { id: ['objectId', id] }), signal: options.signal }, TykDeveloper);
}

/** Exact lookup; the email is percent-encoded (`@` → `%40`, `+` → `%2B`) as TIB sends it. */
export async function getDeveloperByEmail(http: TykHttp, email: string, options: CallOptions = {}): Promise<TykDeveloper> {
  return http.json({ ...endpoint('GET /api/portal/developers/email/:email', { email: ['email', email] }), signal: options.signal }, TykDeveloper);
}

export async function getDeveloperBySsoKey(http: TykHttp, ssoKey: string, options: CallOptions = {}): Promise<TykDeveloper> {
  return http.json({ ...endpoint('GET /api/portal/developers/ssokey/:key', { key: ['ssoKey', ssoKey] }), signal: options.signal }, TykDeveloper);
}

/** The body Tyk gets: the client's own `legacy_api_keys` and `id` never go back. */
function writable({ legacy_api_keys: _legacy, id: _id, ...developer }: TykDeveloperWrite): Record<string, unknown> {
  return developer;
}

/** Returns the new developer's id (Tyk's `Message`). */
export async function createDeveloper(http: TykHttp, developer: TykDeveloperWrite, options: CallOptions = {}): Promise<string> {
  const created = await http.json({ ...endpoint('POST /api/portal/developers'), body: writable(developer), signal: options.signal }, TykCreatedEnvelope);
  return created.Message;
}

/** Full replace: Tyk has no PATCH, what the body omits is lost. */
export async function updateDeveloper(http: TykHttp, id: string, developer: TykDeveloperWrite, options: CallOptions = {}): Promise<void> {
  await http.send({ ...endpoint('PUT /api/portal/developers/:id', { id: ['objectId', id] }), body: writable(developer), signal: options.signal });
}

export async function deleteDeveloper(http: TykHttp, id: string, options: CallOptions = {}): Promise<void> {
  await http.send({ ...endpoint('DELETE /api/portal/developers/:id', { id: ['objectId', id] }), signal: options.signal });
}

/**
 * true when Tyk answers 200, false on 401 (the contract's "do not match"). A 401 is also what a
 * rejected Dashboard credential gets, so a wrong credential reads as "no match" here.
 */
export async function verifyDeveloperCredentials(http: TykHttp, email: string, password: string, options: CallOptions = {}): Promise<boolean> {
  try {
    await http.send({ ...endpoint('POST /api/portal/developers/verify_credentials'), body: { username: email, password }, signal: options.signal });
    return true;
  } catch (error) {
    if (error instanceof TykUnauthorisedError) return false;
    throw error;
  }
}

export async function setDeveloperPassword(http: TykHttp, id: string, password: string, options: CallOptions = {}): Promise<void> {
  await http.json({ ...endpoint('POST /api/portal/developers/password/:id', { id: ['objectId', id] }), body: { password }, signal: options.signal }, PasswordChanged);
}
