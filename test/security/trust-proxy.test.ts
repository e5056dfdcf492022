/**
 * Trusted proxies (`PORTAL_GRAPH_TRUST_PROXY`): which X-Forwarded-For entry names the caller for
 * the per-address login limit and the access log, over HTTP and graphql-ws. Without the setting the
 * header is ignored (anyone could write it); with it, callers behind one load balancer each have
 * their own budget, and entries a caller wrote left of the proxies' are never believed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config.js';
import { DEMO_ORGS } from '../../src/dashboard/index.js';
import { clientAddress, parseTrustProxy, TRUST_NO_PROXY } from '../../src/security/client-address.js';
import { startStack, type Stack } from '../support/stack.js';

const LOGIN = `mutation($e: String!) { login(email: $e, password: "wrong-password") { __typename } }`;

describe('reading the client address', () => {
  it('ignores X-Forwarded-For unless proxies are trusted', () => {
    expect(clientAddress('10.0.0.2', '203.0.113.9', TRUST_NO_PROXY)).toBe('10.0.0.2');
    expect(clientAddress('::ffff:10.0.0.2', undefined, parseTrustProxy('1'))).toBe('10.0.0.2');
  });

  it('takes the entry the given number of hops away, never one the caller wrote further left', () => {
    const oneHop = parseTrustProxy('1');
    expect(clientAddress('10.0.0.2', '203.0.113.9', oneHop)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.2', '198.51.100.66, 203.0.113.9', oneHop)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.2', ['198.51.100.66', '203.0.113.9, 10.0.0.1'], parseTrustProxy('2'))).toBe('203.0.113.9');
    // More hops than entries: the leftmost address there is.
    expect(clientAddress('10.0.0.2', '203.0.113.9', parseTrustProxy('5'))).toBe('203.0.113.9');
    // A malformed entry ends the walk: the address right of it is used.
    expect(clientAddress('10.0.0.2', 'not-an-address, 203.0.113.9', parseTrustProxy('3'))).toBe('203.0.113.9');
  });

  it('walks past trusted addresses and ranges to the first untrusted one', () => {
    const list = parseTrustProxy('10.0.0.0/8, 192.168.1.4, fd00::/8');
    expect(clientAddress('10.1.2.3', '198.51.100.66, 203.0.113.9, 192.168.1.4', list)).toBe('203.0.113.9');
    expect(clientAddress('fd00::1', '2001:db8::7', list)).toBe('2001:db8::7');
    // The peer itself is not a trusted proxy: whatever it wrote is ignored.
    expect(clientAddress('203.0.113.50', '198.51.100.66', list)).toBe('203.0.113.50');
  });

  it('refuses a setting that is neither a hop count nor addresses, naming the variable', () => {
    expect(() => loadConfig({ PORTAL_GRAPH_TRUST_PROXY: 'loadbalancer' })).toThrow(/PORTAL_GRAPH_TRUST_PROXY: "loadbalancer" is neither/);
    expect(() => loadConfig({ PORTAL_GRAPH_TRUST_PROXY: '10.0.0.0/33' })).toThrow(/PORTAL_GRAPH_TRUST_PROXY: "10.0.0.0\/33" has an invalid prefix/);
    expect(loadConfig({ PORTAL_GRAPH_TRUST_PROXY: '1' }).trustProxy).toEqual({ kind: 'hops', hops: 1 });
    expect(loadConfig({}).trustProxy).toEqual(TRUST_NO_PROXY);
  });
});

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

/** A gateway whose per-address login budget is 2 (per email: plenty). */
async function gateway(trustProxy: string | undefined): Promise<Stack> {
  return startStack({
    server: {
      rateLimit: { loginPerAddress: 2, loginPerEmail: 100, mutationsPerMinute: 100 },
      sessions: { secret: randomBytes(32).toString('hex'), serviceCredential: DEMO_ORGS[0]!.credential },
      trustProxy: parseTrustProxy(trustProxy),
    },
  });
}

async function loginOverHttp(s: Stack, forwardedFor: string): Promise<number> {
  const response = await fetch(s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ query: LOGIN, variables: { e: `caller-${randomUUID()}@example.com` } }),
  });
  await response.body?.cancel();
  return response.status;
}

/** One login over a graphql-ws connection whose upgrade carried `forwardedFor`; its error code, or 'ok'. */
async function loginOverWebSocket(s: Stack, forwardedFor: string): Promise<string> {
  class Forwarded extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { 'x-forwarded-for': forwardedFor } });
    }
  }
  const client = createClient({ url: s.url.replace(/^http/, 'ws'), webSocketImpl: Forwarded, lazy: true, retryAttempts: 0 });
  try {
    const result = await new Promise<{ errors?: { extensions?: { code?: string } }[] }>((resolve, reject) => {
      let last: { errors?: { extensions?: { code?: string } }[] } = {};
      client.subscribe(
        { query: LOGIN, variables: { e: `ws-caller-${randomUUID()}@example.com` } },
        { next: (value) => (last = value as typeof last), error: reject, complete: () => resolve(last) },
      );
    });
    return result.errors?.[0]?.extensions?.code ?? 'ok';
  } finally {
    await client.dispose();
  }
}

describe('the per-address login limit behind a load balancer', () => {
  it('without trusted proxies, counts every caller under the peer address: X-Forwarded-For cannot buy a fresh budget', async () => {
    stack = await gateway(undefined);
    expect(await loginOverHttp(stack, '203.0.113.1')).toBe(200);
    expect(await loginOverHttp(stack, '203.0.113.1')).toBe(200);
    expect(await loginOverHttp(stack, '203.0.113.2')).toBe(429);
    expect(await loginOverWebSocket(stack, '203.0.113.3')).toBe('RATE_LIMITED');
  });

  it('with one trusted hop, gives each forwarded caller its own budget over HTTP and logs that address', async () => {
    stack = await gateway('1');
    expect(await loginOverHttp(stack, '203.0.113.1')).toBe(200);
    expect(await loginOverHttp(stack, '203.0.113.1')).toBe(200);
    expect(await loginOverHttp(stack, '203.0.113.1')).toBe(429);
    expect(await loginOverHttp(stack, '203.0.113.2')).toBe(200);
    // A caller writing someone else's address first is still counted as itself (the rightmost entry).
    expect(await loginOverHttp(stack, '203.0.113.2, 203.0.113.1')).toBe(429);
    const logged = stack.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['msg'] === 'request' && l['route'] === '/graphql');
    expect(logged.map((l) => l['clientAddress'])).toEqual(['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2', '203.0.113.1']);
  });

  it('with a trusted range, does the same over graphql-ws', async () => {
    stack = await gateway('127.0.0.0/8, ::1');
    expect(await loginOverWebSocket(stack, '203.0.113.7')).toBe('ok');
    expect(await loginOverWebSocket(stack, '203.0.113.7')).toBe('ok');
    expect(await loginOverWebSocket(stack, '203.0.113.7')).toBe('RATE_LIMITED');
    expect(await loginOverWebSocket(stack, '203.0.113.8')).toBe('ok');
  });
});
