/**
 * Request ids and access logs: `x-request-id` on every response (GraphQL, probes, refusals before
 * Yoga, unknown paths, the WebSocket upgrade), one access line per request with what an operator
 * greps for, no query string or credential in it; and the start-up banner as JSON log lines when
 * stdout is not a terminal.
 */
import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bannerText, printBanner, type BannerInfo } from '../../src/banner.js';
import { startStack, type Stack } from '../support/stack.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let stack: Stack;
let origin: string;

beforeAll(async () => {
  stack = await startStack({ server: { webhookSecret: 'a-webhook-secret-of-some-length', hardening: { maxBodyBytes: 2_048 } } });
  origin = new URL(stack.url).origin;
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.logs.length = 0;
});

type Line = Record<string, unknown>;
const lines = (): Line[] => stack.logs.map((l) => JSON.parse(l) as Line);
const accessLines = () => lines().filter((l) => l['msg'] === 'request');

async function waitForAccessLines(count: number): Promise<Line[]> {
  await expect.poll(() => accessLines().length, { timeout: 5_000 }).toBeGreaterThanOrEqual(count);
  return accessLines();
}

/** A chunked POST (no content-length) over the body limit: refused before Yoga sees it. */
function chunkedOversizedPost(): Promise<{ status: number; requestId: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, requestId: res.headers['x-request-id'] as string | undefined });
    });
    req.on('error', reject);
    req.write('{"query":"');
    req.write('x'.repeat(4_096));
    req.end('"}');
  });
}

describe('request ids', () => {
  it('puts x-request-id on every response, keeping a safe one the caller sent', async () => {
    const graphql = await stack.execute(await import('../generated/graphql.js').then((m) => m.DeveloperOverviewDocument), { first: 1 }, { headers: { 'x-request-id': 'frontend-req.42' } });
    expect(graphql.status).toBe(200);
    const answers = await Promise.all([
      fetch(`${origin}/livez`),
      fetch(`${origin}/readyz`),
      fetch(`${origin}/metrics`),
      fetch(`${origin}/no-such-path`),
      fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'bad id with spaces' }, body: '{"query":"{ __typename }"}' }),
      fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'x'.repeat(65) }, body: 'not json' }),
    ]);
    for (const answer of answers) {
      await answer.body?.cancel();
      expect(answer.headers.get('x-request-id')).toMatch(UUID);
    }
    const kept = await fetch(`${origin}/livez`, { headers: { 'x-request-id': 'frontend-req.42' } });
    expect(kept.headers.get('x-request-id')).toBe('frontend-req.42');
    const refused = await chunkedOversizedPost();
    expect(refused.status).toBe(413);
    expect(refused.requestId).toMatch(UUID);
  });

  it('names the WebSocket upgrade too', async () => {
    const socket = new WebSocket(stack.url.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers: { 'x-request-id': 'ws-upgrade-1' } });
    const requestId = await new Promise<string | undefined>((resolve, reject) => {
      socket.once('upgrade', (res) => resolve(res.headers['x-request-id'] as string | undefined));
      socket.once('error', reject);
    });
    expect(requestId).toBe('ws-upgrade-1');
    socket.close(1000);
    const [line] = (await waitForAccessLines(1)).filter((l) => l['websocket'] === true);
    expect(line).toMatchObject({ method: 'GET', route: '/graphql', status: 101, requestId: 'ws-upgrade-1', closeCode: 1000 });
  });
});

describe('access log', () => {
  it('writes one line per request: method, route, status, duration, operation, request id, client address', async () => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: stack.credential, 'x-request-id': 'overview-1' },
      body: JSON.stringify({ query: 'query Overview { developers(first: 2) { totalCount } }' }),
    });
    expect(response.status).toBe(200);
    await response.body?.cancel();
    const bad = await fetch(`${stack.url}?query=${encodeURIComponent('{ nope }')}`, {
      headers: { accept: 'application/graphql-response+json', 'x-graphql-yoga-csrf': '1', 'x-request-id': 'bad-1' },
    });
    await bad.body?.cancel();
    const logged = await waitForAccessLines(2);
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ level: 30, method: 'POST', route: '/graphql', status: 200, operation: 'query Overview', requestId: 'overview-1', clientAddress: '127.0.0.1' });
    expect(typeof logged[0]!['durationMs']).toBe('number');
    expect(logged[1]).toMatchObject({ method: 'GET', route: '/graphql', status: 400, requestId: 'bad-1' });
    // Without an id from the caller, the generated one in the header is the one in the log.
    const unnamed = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: stack.credential }, body: '{"query":"{ __typename }"}' });
    await unnamed.body?.cancel();
    await waitForAccessLines(3);
    expect(accessLines().filter((l) => l['requestId'] === unnamed.headers.get('x-request-id'))).toHaveLength(1);
  });

  it('logs probes at debug, unknown paths as unmatched, and never a query string or a credential', async () => {
    for (const path of ['/livez', '/readyz', '/metrics']) await (await fetch(`${origin}${path}`)).body?.cancel();
    await (await fetch(`${origin}/no/such/path?token=should-not-be-logged`)).body?.cancel();
    await (await fetch(`${origin}/webhooks/tyk?secret=a-webhook-secret-of-some-length`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).body?.cancel();
    const logged = await waitForAccessLines(5);
    expect(logged.slice(0, 3).map((l) => [l['route'], l['level']])).toEqual([
      ['/livez', 20],
      ['/readyz', 20],
      ['/metrics', 20],
    ]);
    expect(logged[3]).toMatchObject({ route: 'unmatched', path: '/no/such/path', status: 404 });
    expect(logged[4]).toMatchObject({ route: '/webhooks/tyk', status: 400 });
    const text = stack.logs.join('');
    expect(text).not.toContain('should-not-be-logged');
    expect(text).not.toContain('a-webhook-secret-of-some-length');
    expect(text).not.toContain(stack.credential);
  });

  it('logs a request whose caller left before the answer, once', async () => {
    stack.dashboard.setLatency(400);
    try {
      stack.dashboard.requestLog.clear();
      const controller = new AbortController();
      const pending = fetch(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: stack.credential, 'x-request-id': 'left-early' },
        body: JSON.stringify({ query: '{ developers(first: 1) { totalCount } }' }),
        signal: controller.signal,
      }).catch(() => undefined);
      await expect.poll(() => stack.dashboard.requestLog.count(), { timeout: 5_000 }).toBeGreaterThan(0);
      controller.abort();
      await pending;
      const logged = (await waitForAccessLines(1)).filter((l) => l['requestId'] === 'left-early');
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ route: '/graphql', status: 499, aborted: true });
    } finally {
      stack.dashboard.setLatency(0);
    }
  });
});

describe('start-up banner', () => {
  const info: BannerInfo = {
    url: 'http://127.0.0.1:4000/graphql',
    readyMs: 812,
    graphiql: true,
    dashboardUrl: 'http://127.0.0.1:3000',
    demo: { orgs: [{ name: 'Acme', credential: 'acme-demo' }], developers: 250, login: { email: 'dev@example.com', password: 'demo-password' } },
  };

  function capture(isTTY: boolean) {
    const logged: string[] = [];
    const written: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _e, done) => (logged.push(String(chunk)), done()) }));
    printBanner(info, logger, { isTTY, write: (text: string) => written.push(text) });
    return { logged, written };
  }

  it('is plain text on a terminal', () => {
    const { logged, written } = capture(true);
    expect(logged).toEqual([]);
    expect(written.join('')).toBe(`${bannerText(info).join('\n')}\n`);
  });

  it('is JSON log lines anywhere else, the ready line naming the URL', () => {
    const { logged, written } = capture(false);
    expect(written).toEqual([]);
    const parsed = logged.map((l) => JSON.parse(l) as Line);
    expect(parsed[0]).toMatchObject({ msg: 'portal-graph ready', url: info.url, readyMs: 812, pid: process.pid });
    expect(parsed.map((l) => l['msg'])).toEqual(['portal-graph ready', 'upstream: embedded Tyk Dashboard with demo data', 'demo organisation (public demo credential)', 'demo developer login']);
  });
});
