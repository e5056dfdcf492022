/**
 * Failures: missing credential, upstream 404, a failing subtree, masked unexpected errors, and no
 * secret in any response or log line.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DeveloperDetailDocument,
  DeveloperOverviewDocument,
  KeyByIdDocument,
  PolicyByIdDocument,
} from '../generated/graphql.js';
import { closeTykPools } from '../../src/tyk/client.js';
import { startStack, type Stack } from '../support/stack.js';

/** The fault selector for both analytics routes (single key and aggregate). */
const USAGE_ROUTES = { routePrefix: 'GET /api/activity/keys' };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());
// Faults here trip circuit breakers on purpose; each test starts with closed ones.
afterEach(async () => {
  stack.dashboard.clearFaults();
  await closeTykPools();
});

async function someDeveloperWithKeys(): Promise<string> {
  const result = await stack.execute(DeveloperOverviewDocument, { first: 30 });
  return result.data!.developers.edges.map((e) => e.node!).find((d) => d.keys.length >= 2)!.id;
}

describe('authentication', () => {
  it('answers UNAUTHENTICATED with HTTP 401 and makes no upstream call when no credential is sent', async () => {
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(DeveloperOverviewDocument, { first: 5 }, { credential: null });
    expect(result.status).toBe(401);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.map((e) => e.extensions?.['code'])).toEqual(['UNAUTHENTICATED']);
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });

  it('allows schema introspection without a credential', async () => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('reports a credential the Dashboard rejects as UNAUTHENTICATED without echoing it', async () => {
    const wrong = 'not-a-real-credential-5f2b';
    const result = await stack.execute(DeveloperOverviewDocument, { first: 5 }, { credential: wrong });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(result)).not.toContain(wrong);
  });
});

describe('upstream failures', () => {
  it('returns null for an object the Dashboard does not have', async () => {
    const result = await stack.execute(PolicyByIdDocument, { id: 'aaaaaaaaaaaaaaaaaaaaaaaa' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.policy).toBeNull();
  });

  it('answers a malformed id with BAD_USER_INPUT and no upstream call', async () => {
    stack.dashboard.requestLog.clear();
    for (const id of ['../keys/abc', 'abc?x=1', '%2e%2e%2f', 'ZZZZZZZZZZZZZZZZZZZZZZZZ']) {
      const result = await stack.execute(PolicyByIdDocument, { id });
      expect(result.errors?.[0]?.extensions?.['code'], id).toBe('BAD_USER_INPUT');
    }
    const key = await stack.execute(KeyByIdDocument, { id: '../../portal/developers' });
    expect(key.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });

  it('nulls only the failing subtree and still delivers the rest', async () => {
    const id = await someDeveloperWithKeys();
    stack.dashboard.injectFault({ ...USAGE_ROUTES, status: 500 });
    const result = await stack.execute(DeveloperDetailDocument, { id });
    const developer = result.data!.developer!;
    expect(developer.email).toContain('@');
    expect(developer.keys.length).toBeGreaterThanOrEqual(2);
    for (const key of developer.keys) {
      expect(key.usage).toBeNull();
      expect(key.policies.length).toBeGreaterThan(0);
    }
    expect(developer.usage).toBeNull();
    const codes = new Set(result.errors!.map((e) => e.extensions?.['code']));
    expect([...codes]).toEqual(['UPSTREAM_ERROR']);
    expect(result.errors!.every((e) => Array.isArray(e.path))).toBe(true);
  });

  it('reports an unreadable upstream body as UPSTREAM_BAD_RESPONSE', async () => {
    const id = await someDeveloperWithKeys();
    stack.dashboard.injectFault({ ...USAGE_ROUTES, body: 'html' });
    const result = await stack.execute(DeveloperDetailDocument, { id });
    expect(result.data!.developer!.email).toContain('@');
    expect(new Set(result.errors!.map((e) => e.extensions?.['code']))).toEqual(new Set(['UPSTREAM_BAD_RESPONSE']));
  });

  it('never puts the credential or the upstream body in a response or a log line', async () => {
    const id = await someDeveloperWithKeys();
    const planted = 'PLANTED-SECRET-a1b2c3';
    stack.dashboard.injectFault({ ...USAGE_ROUTES, status: 400, body: { Status: 'Error', Message: planted, Meta: null } });
    stack.logs.length = 0;
    const result = await stack.execute(DeveloperDetailDocument, { id });
    const everything = JSON.stringify(result) + stack.logs.join('\n');
    expect(result.data!.developer!.keys.every((k) => k.usage === null)).toBe(true);
    expect(everything).not.toContain(planted);
    expect(everything).not.toContain(stack.credential);
  });
});


describe('unexpected failures', () => {
  it('masks an unexpected error as INTERNAL_SERVER_ERROR with a request id that finds the log line', async () => {
    const broken = await startStack({
      server: {
        clientFor: () =>
          new Proxy({} as never, { get: () => () => Promise.reject(new TypeError('cannot read internals of undefined at /srv/secret/path.ts')) }),
      },
    });
    try {
      const result = await broken.execute(PolicyByIdDocument, { id: 'aaaaaaaaaaaaaaaaaaaaaaaa' }, { headers: { 'x-request-id': 'req-test-123' } });
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-test-123' } });
      expect(JSON.stringify(result)).not.toContain('/srv/secret');
      const line = broken.logs.find((l) => l.includes('req-test-123') && l.includes('unexpected error'));
      expect(line).toContain('cannot read internals');
    } finally {
      await broken.stop();
    }
  });
});
