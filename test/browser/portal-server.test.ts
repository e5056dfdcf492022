/**
 * The reference portal's server (examples/portal/server/portal-server.ts): built files, the
 * single-page fallback, headers, nothing outside its folder, and /graphql passed to the gateway with
 * the forwarding headers, or a 502 when the gateway is down. (The browser journey covers the
 * WebSocket upgrade: the live notice arrives through it.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalServer, type PortalServer } from '../../examples/portal/server/portal-server.js';

/** One raw HTTP request (no URL normalisation, unlike fetch). */
function raw(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  const url = new URL(base);
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = request({ hostname: url.hostname, port: url.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the portal server', () => {
  const outside = mkdtempSync(join(tmpdir(), 'portal-server-'));
  const root = join(outside, 'dist');
  let gateway: Server;
  let gatewayOrigin = '';
  const seen: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }[] = [];
  let portal: PortalServer;
  let url: string;

  beforeAll(async () => {
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>portal</title>');
    writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log(1)');
    writeFileSync(join(outside, 'secret.txt'), 'not for the web');
    gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data":{"ok":true}}');
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    gatewayOrigin = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
    portal = createPortalServer({ root, gateway: () => gatewayOrigin });
    url = await portal.start(0);
  });

  afterAll(async () => {
    await portal.stop();
    await new Promise((resolve) => gateway.close(resolve));
    rmSync(outside, { recursive: true, force: true });
  });

  it('answers any page address with the app, with its security headers and no caching', async () => {
    for (const [path, accept] of [['/', '*/*'], ['/dashboard', 'text/html'], ['/reset-password?token=abc', 'text/html']] as const) {
      const answer = await raw(url, 'GET', path, { accept });
      expect(answer.status, path).toBe(200);
      expect(answer.body).toContain('<title>portal</title>');
      expect(answer.headers['cache-control']).toBe('no-cache');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('serves hashed assets as immutable and a missing file as 404', async () => {
    const asset = await raw(url, 'GET', '/assets/app-1234.js');
    expect(asset).toMatchObject({ status: 200, body: 'console.log(1)' });
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await raw(url, 'GET', '/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside its folder, however the path is spelt', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..\\secret.txt']) {
      const answer = await raw(url, 'GET', path);
      expect(answer.body, path).not.toContain('not for the web');
    }
    expect((await raw(url, 'POST', '/dashboard', {}, 'x')).status).toBe(405);
  });

  it('passes /graphql to the gateway with its body, the forwarding headers and without hop-by-hop ones', async () => {
    seen.length = 0;
    const answer = await raw(url, 'POST', '/graphql', { 'content-type': 'application/json', authorization: 'Bearer t', connection: 'keep-alive, x-private', 'x-private': '1' }, '{"documentId":"sha256:ab"}');
    expect(answer).toMatchObject({ status: 200, body: '{"data":{"ok":true}}' });
    expect(seen).toHaveLength(1);
    const [forwarded] = seen;
    expect(forwarded).toMatchObject({ method: 'POST', url: '/graphql', body: '{"documentId":"sha256:ab"}' });
    expect(forwarded!.headers).toMatchObject({ authorization: 'Bearer t', 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'http', host: new URL(gatewayOrigin).host });
    expect(forwarded!.headers['x-forwarded-host']).toBe(new URL(url).host);
    expect(forwarded!.headers['x-private']).toBeUndefined();
  });

  it('answers 502 with a GraphQL error when the gateway is down', async () => {
    const previous = gatewayOrigin;
    // A port that was just free: nothing listens there.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    gatewayOrigin = `http://127.0.0.1:${port}`;
    try {
      const answer = await raw(url, 'POST', '/graphql', { 'content-type': 'application/json' }, '{}');
      expect(answer.status).toBe(502);
      expect(JSON.parse(answer.body)).toMatchObject({ errors: [{ extensions: { code: 'UPSTREAM_UNAVAILABLE' } }] });
    } finally {
      gatewayOrigin = previous;
    }
  });

  it('answers 503 with a GraphQL error, and refuses a WebSocket upgrade, while the gateway is not known yet (npm run portal before it is ready)', async () => {
    const previous = gatewayOrigin;
    gatewayOrigin = '';
    try {
      const answer = await raw(url, 'POST', '/graphql', { 'content-type': 'application/json' }, '{}');
      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.body)).toMatchObject({ errors: [{ extensions: { code: 'UPSTREAM_UNAVAILABLE' } }] });
      const upgrade = await new Promise<number>((resolve, reject) => {
        const req = request({ hostname: '127.0.0.1', port: new URL(url).port, path: '/graphql', headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-version': '13' } });
        req.on('response', (res) => resolve(res.statusCode ?? 0));
        req.on('upgrade', () => reject(new Error('upgraded')));
        req.on('error', reject);
        req.end();
      });
      expect(upgrade).toBe(503);
      // The server is still up.
      expect((await raw(url, 'GET', '/')).status).toBe(200);
    } finally {
      gatewayOrigin = previous;
    }
  });
});
