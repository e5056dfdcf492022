/**
 * Bad input, each checked for its HTTP status, its `extensions.code` and the upstream requests it
 * caused (none, where none was needed): hostile ids in every id argument, page sizes and cursors,
 * bodies without a length, wrong content types, secrets planted in upstream error bodies, and the
 * headers that reach the Dashboard. (Query-shape limits are in hardening.test.ts.)
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, DEMO_PASSWORD } from '../../src/dashboard/index.js';
import { startStack, type Stack } from '../support/stack.js';

const ACME = DEMO_ORGS[0]!;
let stack: Stack;
let developerId: string;

beforeAll(async () => {
  // Hundreds of refused mutations from one credential: rate limits off here (rate-limit.test.ts covers them).
  stack = await startStack({ server: { rateLimit: false, sessions: { secret: randomBytes(32).toString('hex'), serviceCredential: ACME.credential } } });
  developerId = [...stack.dashboard.store.orgs.get(ACME.orgId)!.developers.values()].find((d) => !d.inactive && Object.keys(d.keys).length > 0)!.id;
});
afterAll(() => stack.stop());

async function post(body: string, headers: Record<string, string>, credential: string | null = stack.credential) {
  const response = await fetch(stack.url, { method: 'POST', headers: { ...(credential ? { authorization: credential } : {}), ...headers }, body });
  const text = await response.text();
  return { status: response.status, text, json: (() => { try { return JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }; } catch { return undefined; } })() };
}

const HOSTILE_IDS: [string, string][] = [
  ['path traversal', '../../api/keys'],
  ['encoded traversal', '..%2F..%2Fapi%2Fkeys'],
  ['a dot segment', '..'],
  ['a query string', 'abc?p=-1'],
  ['a fragment', 'abc#frag'],
  ['an encoded slash', 'a%2fb'],
  ['a double-encoded slash', 'a%252fb'],
  ['a NUL byte', 'abc\u0000def'],
  ['a header injection', 'abc\r\nX-Injected: 1'],
  ['look-alike digits', '５e9d9544a1dcd60001d0ed20'],
  ['10 000 characters', 'a'.repeat(10_000)],
  ['an empty string', ''],
];

/** Root query fields that take an id, as `[name, document, variable]`. */
const QUERY_IDS: [string, string][] = [
  ['developer(id)', 'query($v: ID!) { developer(id: $v) { id } }'],
  ['key(id)', 'query($v: ID!) { key(id: $v) { id } }'],
  ['policy(id)', 'query($v: ID!) { policy(id: $v) { id } }'],
  ['keyRequest(id)', 'query($v: ID!) { keyRequest(id: $v) { id } }'],
  ['developerByEmail(email)', 'query($v: String!) { developerByEmail(email: $v) { id } }'],
];

/** Mutation arguments that take an id, with the ValidationError field each must name. */
const MUTATION_IDS: [string, string, string][] = [
  ['updateDeveloper(id)', 'mutation($v: ID!) { r: updateDeveloper(id: $v, input: { name: "x" }) { ... on ValidationError { field } } }', 'id'],
  ['deleteDeveloper(id)', 'mutation($v: ID!) { r: deleteDeveloper(id: $v) { ... on ValidationError { field } } }', 'id'],
  ['setDeveloperPassword(id)', 'mutation($v: ID!) { r: setDeveloperPassword(id: $v, password: "long-enough") { ... on ValidationError { field } } }', 'id'],
  ['addKey(developerId)', 'mutation($v: ID!) { r: addKey(developerId: $v, policyIds: ["5e9d9544a1dcd60001d0ed20"]) { ... on ValidationError { field } } }', 'developerId'],
  ['addKey(policyIds)', 'mutation($v: ID!) { r: addKey(developerId: "5e9d9544a1dcd60001d0ed20", policyIds: [$v]) { ... on ValidationError { field } } }', 'policyIds[0]'],
  ['changeKeyPolicies(keyId)', 'mutation($v: ID!) { r: changeKeyPolicies(developerId: "5e9d9544a1dcd60001d0ed20", keyId: $v, policyIds: ["5e9d9544a1dcd60001d0ed20"]) { ... on ValidationError { field } } }', 'keyId'],
  ['revokeKey(developerId)', 'mutation($v: ID!) { r: revokeKey(developerId: $v, keyId: "abc") { ... on ValidationError { field } } }', 'developerId'],
  ['revokeKey(keyId)', 'mutation($v: ID!) { r: revokeKey(developerId: "5e9d9544a1dcd60001d0ed20", keyId: $v) { ... on ValidationError { field } } }', 'keyId'],
  ['resetKeyQuota(keyId)', 'mutation($v: ID!) { r: resetKeyQuota(developerId: "5e9d9544a1dcd60001d0ed20", keyId: $v) { ... on ValidationError { field } } }', 'keyId'],
  ['requestKey(input.developerId)', 'mutation($v: ID!) { r: requestKey(input: { developerId: $v, policyIds: ["5e9d9544a1dcd60001d0ed20"] }) { ... on ValidationError { field } } }', 'input.developerId'],
  ['approveKeyRequest(id)', 'mutation($v: ID!) { r: approveKeyRequest(id: $v) { ... on ValidationError { field } } }', 'id'],
  ['declineKeyRequest(id)', 'mutation($v: ID!) { r: declineKeyRequest(id: $v) { ... on ValidationError { field } } }', 'id'],
  ['deleteOAuthClient(clientId)', 'mutation($v: ID!) { r: deleteOAuthClient(developerId: "5e9d9544a1dcd60001d0ed20", clientId: $v) { ... on ValidationError { field } } }', 'clientId'],
  ['revokeOAuthClientTokens(developerId)', 'mutation($v: ID!) { r: revokeOAuthClientTokens(developerId: $v, clientId: "abc") { ... on ValidationError { field } } }', 'developerId'],
];

describe('hostile ids', () => {
  const queryCases = QUERY_IDS.flatMap(([field, query]) => HOSTILE_IDS.map(([kind, value]) => [field, kind, query, value] as const));
  it.each(queryCases)('%s with %s: BAD_USER_INPUT, no upstream call', async (_field, _kind, query, value) => {
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(parse(query), { v: value });
    expect(result.status).toBe(200);
    expect(result.errors?.map((e) => e.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });

  const mutationCases = MUTATION_IDS.flatMap(([field, query, path]) => HOSTILE_IDS.map(([kind, value]) => [field, kind, query, value, path] as const));
  it.each(mutationCases)('%s with %s: a ValidationError naming the field, no upstream call', async (_field, _kind, query, value, path) => {
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(parse(query), { v: value });
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ r: { field: path } });
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });
});

describe('page sizes and cursors', () => {
  it.each([
    ['first: 101', '{ developers(first: 101) { totalCount } }', 200, 'BAD_USER_INPUT'],
    ['first: -1', '{ developers(first: -1) { totalCount } }', 200, 'BAD_USER_INPUT'],
    // So large that the cost limit refuses the document before it runs.
    ['first: 1000000', '{ developers(first: 1000000) { totalCount } }', 400, 'QUERY_TOO_COMPLEX'],
    ['a cursor that is not one', '{ developers(first: 5, after: "not-a-cursor") { totalCount } }', 200, 'BAD_USER_INPUT'],
    ['a cursor with a hostile payload', `{ developers(first: 5, after: "${Buffer.from('../../api/keys?p=-1').toString('base64')}") { totalCount } }`, 200, 'BAD_USER_INPUT'],
    ['a cursor with a negative offset', `{ developers(first: 5, before: "${Buffer.from('OffsetConnection:-5').toString('base64')}") { totalCount } }`, 200, 'BAD_USER_INPUT'],
    ['key requests, first: 500', '{ keyRequests(first: 500) { totalCount } }', 200, 'BAD_USER_INPUT'],
  ])('refuses %s (HTTP %i, %s) with no upstream call', async (_name, query, status, code) => {
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(parse(query));
    expect(result.status).toBe(status);
    expect(result.errors?.map((e) => e.extensions?.['code'])).toEqual([code]);
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });
});

/** Sends a POST whose body arrives in chunks with no content-length. */
function chunkedPost(chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(stack.url);
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', authorization: stack.credential, 'transfer-encoding': 'chunked' } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('bodies and content types', () => {
  it('refuses a body over the limit sent without a length (chunked) with 413, and runs a small chunked one', async () => {
    stack.dashboard.requestLog.clear();
    const huge = JSON.stringify({ query: '{ policies { id } }', variables: { padding: 'x'.repeat(200_000) } });
    const refused = await chunkedPost(huge.match(/.{1,16384}/gs)!);
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(stack.dashboard.requestLog.count()).toBe(0);
    const small = await chunkedPost(['{"query":"{ polic', 'ies { id } }"}']);
    expect(small.status).toBe(200);
    expect(JSON.parse(small.body).data.policies.length).toBeGreaterThan(0);
  });

  it('refuses huge variables announced with a length, with 413 before parsing', async () => {
    stack.dashboard.requestLog.clear();
    const result = await post(JSON.stringify({ query: 'query($v: [ID!]!) { policies { id } }', variables: { v: Array.from({ length: 50_000 }, (_, i) => `id-${i}`) } }), { 'content-type': 'application/json' });
    expect(result.status).toBe(413);
    expect(result.json?.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });

  it.each([
    ['application/xml', 415],
    ['text/html', 415],
    ['application/x-www-form-urlencoded', 403],
    ['text/plain', 403],
  ])('refuses a POST with content type %s (%i), runs nothing', async (contentType, status) => {
    stack.dashboard.requestLog.clear();
    const result = await post(JSON.stringify({ query: '{ policies { id } }' }), { 'content-type': contentType });
    expect(result.status).toBe(status);
    expect(result.text).not.toContain('"policies"');
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });

  it('refuses a POST with no content type and one with a multipart body that holds no operations', async () => {
    stack.dashboard.requestLog.clear();
    const none = await fetch(stack.url, { method: 'POST', headers: { authorization: stack.credential }, body: new Blob([JSON.stringify({ query: '{ policies { id } }' })]) });
    expect(none.status).toBeGreaterThanOrEqual(400);
    const form = new FormData();
    form.set('unrelated', 'value');
    const multipart = await fetch(stack.url, { method: 'POST', headers: { authorization: stack.credential, 'x-graphql-yoga-csrf': '1' }, body: form });
    expect(multipart.status).toBe(400);
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });
});

describe('secrets planted in upstream error bodies', () => {
  const planted = `PLANTED-${randomBytes(6).toString('hex')}`;

  it.each([400, 403, 404, 500])('never reach a response or a log line when a write answers %i', async (status) => {
    stack.dashboard.injectFault({ route: 'POST /api/portal/developers', status, body: { Status: 'Error', Message: `${planted} ${ACME.credential}`, Meta: { secret: planted } }, times: 1 });
    stack.logs.length = 0;
    const result = await stack.execute(
      parse(`mutation { createDeveloper(input: { email: "planted-${status}@example.com", password: "long-enough" }) { __typename ... on Error { code message } } }`),
    );
    const everything = JSON.stringify(result) + stack.logs.join('\n');
    expect(result.data).toBeDefined();
    expect(everything).not.toContain(planted);
    expect(everything).not.toContain(ACME.credential);
  });

  it.each([400, 403, 404, 500])('never reach a response or a log line when a read answers %i', async (status) => {
    stack.dashboard.injectFault({ route: 'GET /api/portal/developers/:id', status, body: { Status: 'Error', Message: `${planted} ${ACME.credential}`, Meta: null }, times: 3 });
    stack.logs.length = 0;
    const result = await stack.execute(parse(`query($id: ID!) { developer(id: $id) { email } }`), { id: developerId });
    const everything = JSON.stringify(result) + stack.logs.join('\n');
    expect(everything).not.toContain(planted);
    expect(everything).not.toContain(ACME.credential);
    stack.dashboard.clearFaults();
  });
});

describe('headers that reach the Dashboard', () => {
  const clientHeaders = {
    cookie: 'session=browser-cookie',
    'x-forwarded-for': '203.0.113.9',
    'x-api-key': 'client-api-key',
    'proxy-authorization': 'Basic cHJveHk6cHJveHk=',
    'x-tyk-authorization': 'gateway-secret',
    'x-custom': 'custom',
  };
  const forbidden = Object.keys(clientHeaders);

  it('carry exactly the operator’s credential and none of the client’s other headers', async () => {
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(parse(`query($id: ID!) { developer(id: $id) { keys { policies { name } usage { hits } } } catalogue { name } }`), { id: developerId }, { headers: clientHeaders });
    expect(result.errors).toBeUndefined();
    const entries = stack.dashboard.requestLog.entries();
    expect(entries.length).toBeGreaterThan(2);
    for (const entry of entries) {
      expect(entry.authorizations).toEqual([stack.credential]);
      expect(entry.headerNames.filter((h) => forbidden.includes(h))).toEqual([]);
    }
  });

  it('carry exactly the service credential for a developer session, never the token', async () => {
    const email = [...stack.dashboard.store.orgs.get(ACME.orgId)!.developers.values()].find((d) => d.id === developerId)!.email;
    const login = await stack.execute(parse(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ... on Session { token } } }`), { e: email, p: DEMO_PASSWORD }, { credential: null });
    const token = (login.data as { login: { token: string } }).login.token;
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(parse(`{ viewer { keys { policies { name } } } catalogue { name } }`), {}, { credential: `Bearer ${token}`, headers: clientHeaders });
    expect(result.errors).toBeUndefined();
    const entries = stack.dashboard.requestLog.entries();
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry.authorizations).toEqual([ACME.credential]);
      expect(entry.headerNames.filter((h) => forbidden.includes(h))).toEqual([]);
    }
  });
});
