/**
 * Failure classification: one error class with a stable code per failure, Tyk's own message kept
 * for rejected input, non-JSON and envelope-less error bodies tolerated, a 2xx body that is not the
 * contract's reported as a contract mismatch, and neither the credential nor Tyk's body in any
 * error message.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  TykBadRequestError,
  TykContractMismatchError,
  TykForbiddenError,
  TykNotFoundError,
  TykServerError,
  TykUnauthorisedError,
  TykUnavailableError,
} from '../../src/tyk/errors.js';
import { closeMocks, CREDENTIAL, envelope, hex, JSON_HEADERS, mocked, rejectionOf } from './support.js';

afterEach(closeMocks);

const ID = hex(9);
const PATH = `/api/portal/policies/${ID}`;

async function failureFor(status: number, body: string | object, headers: Record<string, string> = JSON_HEADERS) {
  const m = mocked({ maxRetries: 0 });
  m.dashboard.intercept({ path: PATH, method: 'GET' }).reply(status, body, { headers });
  return rejectionOf(m.client.getPolicy(ID));
}

describe('classification by status', () => {
  it.each([
    [401, TykUnauthorisedError, 'TYK_UNAUTHORISED', envelope('Not authorised', 'Error')],
    [403, TykForbiddenError, 'TYK_FORBIDDEN', envelope('access denied: You do not have permission to access  /api/portal/policies', 'Error')],
    [404, TykNotFoundError, 'TYK_NOT_FOUND', envelope('Could not retrieve portal object.', 'Error')],
    [400, TykBadRequestError, 'TYK_BAD_REQUEST', envelope('Invalid policy ID.', 'Error')],
    [409, TykBadRequestError, 'TYK_BAD_REQUEST', envelope('Conflict', 'Error')],
    [429, TykUnavailableError, 'TYK_UNAVAILABLE', envelope('Too many requests', 'Error')],
    [500, TykServerError, 'TYK_SERVER_ERROR', envelope('Failure saving data, please contact your administrator.', 'Error')],
    [501, TykServerError, 'TYK_SERVER_ERROR', 'not implemented'],
    [502, TykUnavailableError, 'TYK_UNAVAILABLE', '<html>Bad Gateway</html>'],
    [503, TykUnavailableError, 'TYK_UNAVAILABLE', ''],
    [504, TykUnavailableError, 'TYK_UNAVAILABLE', ''],
    [302, TykContractMismatchError, 'TYK_CONTRACT_MISMATCH', ''],
  ] as const)('answers %i with %o', async (status, type, code, body) => {
    const error = await failureFor(status, body);
    expect(error).toBeInstanceOf(type);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.route).toBe('GET /api/portal/policies/:id');
  });

  it('keeps Tyk’s message for a rejected input and quotes it when Tyk publishes it', async () => {
    const error = (await failureFor(400, envelope('This policy name has already been used. Enter a unique policy name.', 'Error'))) as unknown as TykBadRequestError;
    expect(error.tykMessage).toBe('This policy name has already been used. Enter a unique policy name.');
    expect(error.message).toContain('This policy name has already been used.');
  });

  it.each([
    ['an HTML page', '<html><body><h1>400 Bad Request</h1></body></html>', { 'content-type': 'text/html' }],
    ['plain text', 'bad request', { 'content-type': 'text/plain' }],
    ['JSON without an envelope', '{"error":"nope"}', JSON_HEADERS],
    ['a JSON string', '"nope"', JSON_HEADERS],
    ['JSON null', 'null', JSON_HEADERS],
    ['an empty body', '', JSON_HEADERS],
    ['a Message that is not text', '{"Message":{"a":1}}', JSON_HEADERS],
  ])('tolerates %s as a 400 body', async (_what, body, headers) => {
    const error = (await failureFor(400, body, headers)) as unknown as TykBadRequestError;
    expect(error).toBeInstanceOf(TykBadRequestError);
    expect(error.tykMessage).toBe('');
  });

  it('reads Tyk’s message from a body without Status (the password route’s shape)', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: `/api/portal/developers/password/${ID}`, method: 'POST' }).reply(400, { Message: 'Developer password validation failed.' });
    const error = (await rejectionOf(m.client.setDeveloperPassword(ID, 'x'))) as unknown as TykBadRequestError;
    expect(error.tykMessage).toBe('Developer password validation failed.');
  });
});

describe('contract mismatch on a 2xx', () => {
  it.each([
    ['an HTML page', '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'content-type': 'text/html' }],
    ['malformed JSON', '{"_id": "5fd202b6', JSON_HEADERS],
    ['truncated JSON', '{"_id":"5fd202b669710900018bc19c","name":"Gold","access_rights":{', JSON_HEADERS],
    ['an empty body', '', JSON_HEADERS],
    ['a list where an object belongs', '[]', JSON_HEADERS],
    ['an object without the id', '{"name":"Gold"}', JSON_HEADERS],
    ['a field of the wrong type', '{"_id":"5fd202b669710900018bc19c","rate":"fast"}', JSON_HEADERS],
  ])('reports %s as TYK_CONTRACT_MISMATCH', async (_what, body, headers) => {
    const error = await failureFor(200, body, headers);
    expect(error).toBeInstanceOf(TykContractMismatchError);
    expect(error.code).toBe('TYK_CONTRACT_MISMATCH');
    expect(error.status).toBe(200);
  });

  it('says where the body broke the contract without quoting a value or a map key', async () => {
    const m = mocked();
    const secretKeyName = 'hunter2-key-name';
    m.dashboard.intercept({ path: '/api/portal/developers?p=-1', method: 'GET' }).reply(200, { Data: [{ id: ID, email: 'a@b.c', keys: { [secretKeyName]: 'not-a-list' } }], Pages: 1 });
    const error = await rejectionOf(m.client.listDevelopers());
    expect(error.code).toBe('TYK_CONTRACT_MISMATCH');
    expect(error.message).toContain('Data.0.keys.*');
    expect(error.message).not.toContain(secretKeyName);
    expect(error.message).not.toContain('not-a-list');
  });

  it('does not fail a write whose 2xx answer it does not use, whatever the body', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: `/api/portal/developers/${ID}`, method: 'DELETE' }).reply(200, '<html>ok</html>', { headers: { 'content-type': 'text/html' } });
    m.dashboard.intercept({ path: `/api/portal/developers/${ID}`, method: 'PUT' }).reply(204, '');
    await expect(m.client.deleteDeveloper(ID)).resolves.toBeUndefined();
    await expect(m.client.updateDeveloper(ID, { email: 'a@b.c' })).resolves.toBeUndefined();
  });
});

describe('secrets stay out of errors', () => {
  const planted = 'PLANTED-SECRET-9d8c7b';

  it.each([400, 401, 403, 404, 409, 500, 502, 503])('puts neither the credential nor the upstream body in a %i error message', async (status) => {
    const m = mocked({ maxRetries: 0 });
    const body = { Status: 'Error', Message: `${planted} ${CREDENTIAL}`, Meta: { token: planted }, Detail: CREDENTIAL };
    m.dashboard.intercept({ path: PATH, method: 'GET' }).reply(status, body, { headers: JSON_HEADERS });
    const error = await rejectionOf(m.client.getPolicy(ID));
    const visible = `${error.message} ${String(error.stack)} ${JSON.stringify(error)} ${String(error.cause ?? '')}`;
    expect(visible).not.toContain(planted);
    expect(visible).not.toContain(CREDENTIAL);
  });

  it('cuts the credential out of Tyk’s message before keeping it', async () => {
    const error = (await failureFor(400, envelope(`bad key ${CREDENTIAL} here`, 'Error'))) as unknown as TykBadRequestError;
    expect(error.tykMessage).toBe('bad key [credential] here');
  });

  it('keeps at most 300 characters of Tyk’s message, without control characters', async () => {
    const error = (await failureFor(400, envelope(`line1\nline2\u0000${'x'.repeat(1000)}`, 'Error'))) as unknown as TykBadRequestError;
    expect(error.tykMessage).toHaveLength(300);
    expect(error.tykMessage.startsWith('line1 line2 x')).toBe(true);
  });

  it('puts neither the credential nor the body in a contract mismatch message', async () => {
    const error = await failureFor(200, `<html>${planted} ${CREDENTIAL}</html>`, { 'content-type': 'text/html' });
    expect(error.code).toBe('TYK_CONTRACT_MISMATCH');
    expect(`${error.message} ${JSON.stringify(error)}`).not.toMatch(new RegExp(`${planted}|${CREDENTIAL}`));
  });

  it('puts neither the credential nor the path into a network failure message', async () => {
    const m = mocked({ maxRetries: 0 });
    m.dashboard.intercept({ path: PATH, method: 'GET' }).replyWithError(Object.assign(new Error(`connect failed ${CREDENTIAL}`), { code: 'ECONNREFUSED' }));
    const error = await rejectionOf(m.client.getPolicy(ID));
    expect(error.code).toBe('TYK_UNAVAILABLE');
    expect(error.message).not.toContain(CREDENTIAL);
    expect(error.message).not.toContain(ID);
  });

  it('refuses to send a credential that is not a valid header value, without any request', async () => {
    const m = mocked({ credential: 'abc\r\nx-injected: 1' });
    const error = await rejectionOf(m.client.getPolicy(ID));
    expect(error).toBeInstanceOf(TykUnauthorisedError);
    expect(error.message).not.toContain('abc');
    expect(m.agent.getCallHistory()!.calls()).toHaveLength(0);
  });
});
