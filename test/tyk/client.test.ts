/**
 * The REST client against undici's MockAgent: wire normalisation, error classification, the retry
 * policy per verb, path safety, aborts and the body cap. No network beyond the mock.
 */
import { readFileSync } from 'node:fs';
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTykClient } from '../../src/tyk/client.js';
import {
  TykBadRequestError,
  TykContractMismatchError,
  TykForbiddenError,
  TykInvalidInputError,
  TykNotFoundError,
  TykServerError,
  TykUnauthorisedError,
  TykUnavailableError,
} from '../../src/tyk/errors.js';
import type { TykClient } from '../../src/tyk/types.js';

const ORIGIN = 'http://tyk.test';
const CREDENTIAL = 'super-secret-dashboard-credential';
const DEV_ID = '5e397e714ea461ef1d474efa';

let agent: MockAgent;
let tyk: TykClient;
let attempts: { method: string; route: string; status: number | undefined }[];

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  attempts = [];
  tyk = createTykClient({ baseUrl: ORIGIN, credential: CREDENTIAL, dispatcher: agent, onAttempt: (a) => attempts.push(a) });
});
afterEach(async () => {
  await agent.close();
});

const mock = () => agent.get(ORIGIN);

/** The JSON of the first ```-fenced block after `heading` in a seed page. */
function seedJson(file: string, heading: string): unknown {
  const text = readFileSync(new URL(`../../../shared/seeds/${file}`, import.meta.url), 'utf8');
  const after = text.slice(text.indexOf(heading));
  const block = after.slice(after.indexOf('#### Sample Response'));
  const start = block.indexOf('{');
  const end = block.indexOf('```', start);
  return JSON.parse(block.slice(start, end).replace(/,\s*\.\.\.\s*/g, ''));
}

describe('wire normalisation', () => {
  it('reads the seed’s developer list (`_id`, no subscriptions) into developers with ids and empty maps', async () => {
    const body = seedJson('002_26724a0244b4094c.txt', '### List Developers');
    mock().intercept({ path: '/api/portal/developers?p=-1', method: 'GET' }).reply(200, body as object);
    const page = await tyk.listDevelopers();
    expect(page.data.map((d) => d.id)).toEqual(['554c733a30c55e4b16000002', '5555ec63a8b6b60001000001']);
    expect(page.data[1]!.subscriptions).toEqual({});
    expect(page.data[1]!.oauth_clients).toEqual({});
    expect(page.pages).toBe(1);
  });

  it('reads the seed’s single developer with OAuth clients, and keeps legacy api_keys aside', async () => {
    const body = seedJson('002_26724a0244b4094c.txt', '### Retrieve a developer object by ID') as Record<string, unknown>;
    mock().intercept({ path: `/api/portal/developers/${DEV_ID}`, method: 'GET' }).reply(200, { ...body, api_keys: { b605a6f0: '90568dfa' }, password: '$2a$10$hash' });
    const developer = await tyk.getDeveloper(DEV_ID);
    expect(developer.id).toBe(DEV_ID);
    expect(Object.values(developer.oauth_clients).flat()[0]!.client_id).toBe('bf27562a806d4ee1976c11b69e154a88');
    expect(developer.legacy_api_keys).toEqual({ b605a6f0: '90568dfa' });
    expect(developer).not.toHaveProperty('password');
  });

  it('accepts Meta as "" or null and returns the new id from Message', async () => {
    mock().intercept({ path: '/api/portal/developers', method: 'POST' }).reply(200, { Status: 'OK', Message: '598d4a33ac42130001c1257c', Meta: '' });
    expect(await tyk.createDeveloper({ email: 'a@b.co', password: 'secret1' })).toBe('598d4a33ac42130001c1257c');
  });

  it('reads the recorded real policy response', async () => {
    const body = JSON.parse(readFileSync(new URL('../../../shared/reference/recorded/policy.Get.body.json', import.meta.url), 'utf8'));
    mock().intercept({ path: '/api/portal/policies/5fd202b669710900018bc19c', method: 'GET' }).reply(200, body);
    const policy = await tyk.getPolicy('5fd202b669710900018bc19c');
    expect(policy).toMatchObject({ _id: '5fd202b669710900018bc19c', id: 'ZGVmYXVsdC9odHRwYmlu', rate: -1, quota_max: -1 });
    expect(Object.keys(policy.access_rights)).toEqual(['ZGVmYXVsdC9odHRwYmlu']);
  });

  it('parses an approval as a raw key, and an OAuth approval as a client', async () => {
    mock().intercept({ path: `/api/portal/requests/approve/${DEV_ID}`, method: 'PUT' }).reply(200, { RawKey: 'eyJvcmciOiI1ZTlkIn0=', Password: '' });
    expect(await tyk.approveKeyRequest(DEV_ID)).toEqual({ kind: 'key', rawKey: 'eyJvcmciOiI1ZTlkIn0=', password: '' });
    mock()
      .intercept({ path: `/api/portal/requests/approve/${DEV_ID}`, method: 'PUT' })
      .reply(200, { client_id: '203defa5162b42708c6bcafcfa28c9fb', secret: 'YjUx', policy_id: '5a52dfce1c3b4802c10053c8', redirect_uri: 'http://new1.com' });
    expect(await tyk.approveKeyRequest(DEV_ID)).toMatchObject({ kind: 'oauth', client: { client_id: '203defa5162b42708c6bcafcfa28c9fb' } });
  });

  it('sends the credential raw in authorization and JSON with a content type', async () => {
    mock()
      .intercept({ path: '/api/portal/developers', method: 'POST', headers: { authorization: CREDENTIAL, 'content-type': 'application/json' } })
      .reply(200, { Status: 'OK', Message: DEV_ID, Meta: null });
    await expect(tyk.createDeveloper({ email: 'a@b.co', password: 'secret1' })).resolves.toBe(DEV_ID);
  });

  it('sends analytics keys with a trailing comma and unpadded D/M/YYYY dates', async () => {
    mock()
      .intercept({ path: '/api/activity/keys/aggregate/aa11,bb22,/5/8/2017/13/8/2017?res=day&p=-1', method: 'GET' })
      .reply(200, { data: [{ id: { day: 9, month: 8, year: 2017, hour: 0, code: 200 }, hits: 13, success: 10, error: 3, last_hit: '2017-08-09T12:31:02Z' }], pages: 0 });
    const rows = await tyk.getAggregateKeyUsage(['aa11', 'bb22'], { from: new Date(Date.UTC(2017, 7, 5)), to: new Date(Date.UTC(2017, 7, 13)), resolution: 'day' });
    expect(rows[0]).toMatchObject({ hits: 13, success: 10, error: 3 });
  });
});

describe('error classification', () => {
  const cases: [number, unknown, new (...args: never[]) => Error][] = [
    [401, { Status: 'Error', Message: 'Not authorised', Meta: null }, TykUnauthorisedError],
    [403, { Status: 'Error', Message: 'access denied: You do not have permission to access  /api/portal/developers', Meta: null }, TykForbiddenError],
    [404, { Status: 'Error', Message: 'Could not retrieve portal object.', Meta: null }, TykNotFoundError],
    [400, { Status: 'Error', Message: 'Invalid ID.', Meta: null }, TykBadRequestError],
    [500, { Status: 'Error', Message: 'Failure saving data, please contact your administrator.', Meta: null }, TykServerError],
  ];
  for (const [status, body, type] of cases) {
    it(`turns ${status} into ${type.name} with a stable code`, async () => {
      mock().intercept({ path: `/api/portal/developers/${DEV_ID}`, method: 'GET' }).reply(status, body as object);
      const error = await tyk.getDeveloper(DEV_ID).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type);
      expect((error as { code: string }).code).toMatch(/^TYK_[A-Z_]+$/);
    });
  }

  it('keeps Tyk’s message on a bad request', async () => {
    mock().intercept({ path: '/api/portal/policies/search?policy_ids=5e397e714ea461ef1d474efa&p=-1', method: 'GET' }).reply(400, { Status: 'Error', Message: 'Policy ID is not in hex format.', Meta: null });
    const error = (await tyk.searchPolicies({ policyIds: [DEV_ID] }).catch((e: unknown) => e)) as TykBadRequestError;
    expect(error.tykMessage).toBe('Policy ID is not in hex format.');
  });

  it('tolerates an error body that is not JSON', async () => {
    mock().intercept({ path: `/api/portal/developers/${DEV_ID}`, method: 'GET' }).reply(404, '<html>not found</html>');
    await expect(tyk.getDeveloper(DEV_ID)).rejects.toBeInstanceOf(TykNotFoundError);
  });

  it('reports a 2xx body that is HTML, truncated or of the wrong shape as a contract mismatch', async () => {
    for (const body of ['<html>oops</html>', '{"id": "5e39', JSON.stringify({ id: DEV_ID })]) {
      mock().intercept({ path: `/api/portal/developers/${DEV_ID}`, method: 'GET' }).reply(200, body);
      await expect(tyk.getDeveloper(DEV_ID)).rejects.toBeInstanceOf(TykContractMismatchError);
    }
  });

  it('never puts the credential or the upstream body into an error message', async () => {
    const planted = `leaked ${CREDENTIAL} secret-token-123`;
    for (const status of [400, 401, 403, 404, 500, 503]) {
      mock().intercept({ path: '/api/portal/developers', method: 'POST' }).reply(status, { Status: 'Error', Message: planted, Meta: null, secret: 'secret-token-123' });
      const error = (await tyk.createDeveloper({ email: 'a@b.co' }).catch((e: unknown) => e)) as Error;
      expect(error.message).not.toContain(CREDENTIAL);
      if (status !== 400) expect(error.message).not.toContain('secret-token-123');
      expect(JSON.stringify({ ...error, stack: undefined })).not.toContain(CREDENTIAL);
    }
  });

  it('refuses a body larger than the cap without reading it all', async () => {
    const small = createTykClient({ baseUrl: ORIGIN, credential: CREDENTIAL, dispatcher: agent, maxResponseBytes: 1024 });
    mock().intercept({ path: '/api/portal/developers?p=-1', method: 'GET' }).reply(200, JSON.stringify({ Data: [], pad: 'x'.repeat(5000) }));
    await expect(small.listDevelopers()).rejects.toBeInstanceOf(TykContractMismatchError);
  });
});

describe('retry policy', () => {
  it('retries a GET on 503 twice, then fails as unavailable', async () => {
    mock().intercept({ path: `/api/portal/developers/${DEV_ID}`, method: 'GET' }).reply(503, 'busy').times(3);
    await expect(tyk.getDeveloper(DEV_ID)).rejects.toBeInstanceOf(TykUnavailableError);
    expect(attempts.map((a) => a.status)).toEqual([503, 503, 503]);
  });

  it('retries a GET on 502 and succeeds on the next attempt', async () => {
    mock().intercept({ path: '/api/portal/configuration', method: 'GET' }).reply(502, 'bad gateway');
    mock().intercept({ path: '/api/portal/configuration', method: 'GET' }).reply(200, { require_key_approval: true });
    expect((await tyk.getPortalConfiguration()).require_key_approval).toBe(true);
    expect(attempts).toHaveLength(2);
  });

  it('retries a GET whose connection was refused before sending', async () => {
    mock().intercept({ path: '/api/portal/configuration', method: 'GET' }).replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    mock().intercept({ path: '/api/portal/configuration', method: 'GET' }).reply(200, {});
    await expect(tyk.getPortalConfiguration()).resolves.toBeDefined();
    expect(attempts).toHaveLength(2);
  });

  it('attempts a POST exactly once, on 503 and on a refused connection', async () => {
    mock().intercept({ path: '/api/portal/developers', method: 'POST' }).reply(503, 'busy');
    await expect(tyk.createDeveloper({ email: 'a@b.co' })).rejects.toBeInstanceOf(TykUnavailableError);
    expect(attempts).toHaveLength(1);
    attempts.length = 0;
    mock().intercept({ path: '/api/portal/developers', method: 'POST' }).replyWithError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    await expect(tyk.createDeveloper({ email: 'a@b.co' })).rejects.toBeInstanceOf(TykUnavailableError);
    expect(attempts).toHaveLength(1);
  });

  it('does not retry a PUT that was sent, and marks a lost answer as outcome unknown', async () => {
    mock().intercept({ path: `/api/portal/developers/${DEV_ID}`, method: 'PUT' }).reply(503, 'busy');
    await expect(tyk.updateDeveloper(DEV_ID, { email: 'a@b.co' })).rejects.toBeInstanceOf(TykUnavailableError);
    expect(attempts).toHaveLength(1);
    attempts.length = 0;
    mock().intercept({ path: `/api/portal/developers/${DEV_ID}`, method: 'PUT' }).replyWithError(Object.assign(new Error('socket hang up'), { code: 'UND_ERR_SOCKET' }));
    const error = (await tyk.updateDeveloper(DEV_ID, { email: 'a@b.co' }).catch((e: unknown) => e)) as TykUnavailableError;
    expect(error.outcomeUnknown).toBe(true);
    expect(attempts).toHaveLength(1);
  });

  it('retries a DELETE that provably never left', async () => {
    mock().intercept({ path: `/api/portal/developers/${DEV_ID}`, method: 'DELETE' }).replyWithError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    mock().intercept({ path: `/api/portal/developers/${DEV_ID}`, method: 'DELETE' }).reply(200, { Status: 'OK', Message: 'Data deleted', Meta: null });
    await expect(tyk.deleteDeveloper(DEV_ID)).resolves.toBeUndefined();
    expect(attempts).toHaveLength(2);
  });

  it('stops when the caller aborts', async () => {
    mock().intercept({ path: `/api/portal/developers/${DEV_ID}`, method: 'GET' }).reply(200, { id: DEV_ID, email: 'a@b.co' }).delay(2000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(tyk.getDeveloper(DEV_ID, { signal: controller.signal })).rejects.toBeInstanceOf(TykUnavailableError);
  });
});

describe('path safety', () => {
  const hostile = ['../keys', 'a/b', 'abc?x=1', 'abc#frag', '%2e%2e', 'line\nbreak', '', 'x'.repeat(600)];
  it('refuses hostile ids before any request is made', async () => {
    for (const id of hostile) {
      await expect(tyk.getDeveloper(id)).rejects.toBeInstanceOf(TykInvalidInputError);
      await expect(tyk.getKey(id)).rejects.toBeInstanceOf(TykInvalidInputError);
      await expect(tyk.revokeDeveloperKey(DEV_ID, id)).rejects.toBeInstanceOf(TykInvalidInputError);
    }
    await expect(tyk.getDeveloperByEmail('a@b.co/../../keys')).rejects.toBeInstanceOf(TykInvalidInputError);
    expect(attempts).toEqual([]);
  });

  it('encodes an email with @ and + for the by-email route', async () => {
    mock().intercept({ path: '/api/portal/developers/email/dev%2Btag%40example.com', method: 'GET' }).reply(200, { id: DEV_ID, email: 'dev+tag@example.com' });
    expect((await tyk.getDeveloperByEmail('dev+tag@example.com')).email).toBe('dev+tag@example.com');
  });
});
