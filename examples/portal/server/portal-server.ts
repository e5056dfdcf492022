/**
 * A small production server for the built portal: the files of `vite build`, with the single-page
 * fallback (any other page address answers index.html), and `/graphql` passed through to the
 * gateway, HTTP and WebSocket alike, so the browser talks to one origin, as it would behind an
 * ingress. Nothing here knows GraphQL; the gateway does all the work.
 *
 * The proxy adds `x-forwarded-for` / `x-forwarded-proto` / `x-forwarded-host`; the gateway uses them
 * only if it is told to trust this proxy.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Duplex } from 'node:stream';

export interface PortalServerOptions {
  /** Directory of the built portal (`vite build`'s outDir). */
  root: string;
  /** Origin of the gateway, e.g. `http://127.0.0.1:4000`; a function when it is known only later. */
  gateway: string | (() => string);
  /** Image origins the pages may load (the avatar service). Default Gravatar. */
  imageOrigins?: string[];
}

export interface PortalServer {
  http: Server;
  /** Listens; resolves to the portal's URL (ending in `/`). */
  start(port?: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

/** The path the gateway serves GraphQL on (HTTP, SSE and graphql-ws). */
const GRAPHQL_PATH = '/graphql';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Request headers that describe this hop only (RFC 9110 §7.6.1), never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authorization']);

function securityHeaders(imageOrigins: string[]): Record<string, string> {
  return {
    // Same-origin scripts and API calls only; images also from the avatar service.
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      `img-src 'self' data: ${imageOrigins.join(' ')}`.trim(),
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    // The reset page's address carries the reset token: never send it to another site.
    'referrer-policy': 'no-referrer',
  };
}

function forwardedHeaders(req: IncomingMessage, gatewayHost: string): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  const connectionTokens = String(req.headers.connection ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase());
  for (const [name, value] of Object.entries(req.headers)) {
    if (HOP_BY_HOP.has(name) || connectionTokens.includes(name)) continue;
    headers[name] = value;
  }
  const previous = req.headers['x-forwarded-for'];
  const peer = req.socket.remoteAddress ?? '';
  headers['x-forwarded-for'] = previous ? `${previous}, ${peer}` : peer;
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-host'] = req.headers.host ?? '';
  headers.host = gatewayHost;
  return headers;
}

export function createPortalServer(options: PortalServerOptions): PortalServer {
  const root = resolve(options.root);
  const index = join(root, 'index.html');
  const headers = securityHeaders(options.imageOrigins ?? ['https://www.gravatar.com', 'https://secure.gravatar.com']);
  /** The gateway's origin, or undefined while it is not known yet (`npm run portal` learns it when the gateway is ready). */
  const gatewayOrigin = (): URL | undefined => {
    const origin = typeof options.gateway === 'function' ? options.gateway() : options.gateway;
    return URL.canParse(origin) ? new URL(origin) : undefined;
  };
  const sockets = new Set<Duplex>();

  function proxy(req: IncomingMessage, res: ServerResponse) {
    const gateway = gatewayOrigin();
    if (!gateway) {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
      return void res.end(JSON.stringify({ errors: [{ message: 'The API gateway is starting; try again in a moment.', extensions: { code: 'UPSTREAM_UNAVAILABLE' } }] }));
    }
    const upstream = httpRequest(
      { protocol: gateway.protocol, hostname: gateway.hostname, port: gateway.port, method: req.method, path: req.url, headers: forwardedHeaders(req, gateway.host) },
      (answer) => {
        const out: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
        res.writeHead(answer.statusCode ?? 502, out);
        // Streams (SSE subscriptions) go through as they come.
        res.flushHeaders();
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: 'The API gateway is not reachable.', extensions: { code: 'UPSTREAM_UNAVAILABLE' } }] }));
      } else res.destroy();
    });
    // The browser went away: so does the upstream request (and any subscription it held).
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  }

  function serveFile(path: string, res: ServerResponse, method: string, immutable: boolean) {
    const size = statSync(path).size;
    res.writeHead(200, {
      ...headers,
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'content-length': size,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (method === 'HEAD') return void res.end();
    createReadStream(path).pipe(res);
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      return void res.end();
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://portal').pathname);
    } catch {
      res.writeHead(400);
      return void res.end();
    }
    const file = normalize(join(root, pathname));
    const inside = file === root || file.startsWith(root + sep);
    if (inside && !pathname.includes('\0') && existsSync(file) && statSync(file).isFile()) {
      return serveFile(file, res, req.method, pathname.startsWith('/assets/'));
    }
    // A page address (no file extension) gets the app, which routes it; a missing file gets a 404.
    if (!extname(pathname)) return serveFile(index, res, req.method, false);
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  }

  const http = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === GRAPHQL_PATH) return proxy(req, res);
    serveStatic(req, res);
  });

  // graphql-ws: the upgrade is replayed to the gateway and both sockets are spliced together.
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if ((req.url ?? '').split('?')[0] !== GRAPHQL_PATH) return void socket.destroy();
    const gateway = gatewayOrigin();
    if (!gateway) return void socket.end('HTTP/1.1 503 Service Unavailable\r\nretry-after: 1\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    const upstreamHeaders = forwardedHeaders(req, gateway.host);
    upstreamHeaders.connection = 'Upgrade';
    upstreamHeaders.upgrade = req.headers.upgrade ?? 'websocket';
    const upstream = httpRequest({ protocol: gateway.protocol, hostname: gateway.hostname, port: gateway.port, method: 'GET', path: req.url, headers: upstreamHeaders });
    upstream.on('upgrade', (answer, upstreamSocket: Socket, upstreamHead: Buffer) => {
      sockets.add(upstreamSocket);
      upstreamSocket.once('close', () => sockets.delete(upstreamSocket));
      const lines = [`HTTP/1.1 101 ${answer.statusMessage ?? 'Switching Protocols'}`];
      for (let i = 0; i < answer.rawHeaders.length; i += 2) lines.push(`${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (upstreamHead.length) socket.write(upstreamHead);
      if (head.length) upstreamSocket.write(head);
      upstreamSocket.on('error', () => socket.destroy());
      socket.once('close', () => upstreamSocket.destroy());
      upstreamSocket.once('close', () => socket.destroy());
      upstreamSocket.pipe(socket);
      socket.pipe(upstreamSocket);
    });
    upstream.on('response', (answer) => {
      // The gateway refused the upgrade: pass its status on and hang up.
      socket.end(`HTTP/1.1 ${answer.statusCode ?? 502} ${answer.statusMessage ?? ''}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      answer.resume();
    });
    upstream.on('error', () => socket.end('HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\ncontent-length: 0\r\n\r\n'));
    upstream.end();
  });

  return {
    http,
    start: (port = 0, host = '127.0.0.1') =>
      new Promise((resolveUrl, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          const address = http.address() as AddressInfo;
          resolveUrl(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}/`);
        });
      }),
    stop: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        http.close(() => done());
        http.closeAllConnections();
      }),
  };
}
