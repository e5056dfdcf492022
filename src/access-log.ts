/**
 * Request ids and access logs, at the HTTP server's edge (before Yoga, so requests refused early,
 * such as an oversized body, are covered too):
 *
 * - every response carries `x-request-id`: the caller's when it sent a safe one (1–64 of
 *   `A–Z a–z 0–9 . _ -`), else a new UUID; the GraphQL context and its log lines use the same id;
 * - one log line per request when its response ends or the caller leaves (`msg: "request"`):
 *   method, route (the endpoint's path, `unmatched` for any other, whose path is logged beside),
 *   status (499 when the caller left before any answer; `aborted` when before its end), durationMs, the operation (`type name`, for GraphQL requests), requestId and the client
 *   address (security/client-address.ts). Health and metrics probes are logged at debug, the rest
 *   at info. Query strings (the webhook's secret) and headers are never logged.
 * - a WebSocket gets its id on the 101 answer and one line when it closes (status 101, its
 *   duration and close code).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener } from 'node:http';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { clientAddress, type TrustProxy } from './security/client-address.js';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** Paths logged as their own route; any other is `unmatched`. */
const ROUTES = new Set(['/graphql', '/livez', '/readyz', '/metrics', '/webhooks/tyk']);
/** Routes polled by infrastructure: logged at debug. */
const PROBES = new Set(['/livez', '/readyz', '/metrics']);
const OPERATION = Symbol('portal-graph.operation');

type Noted = IncomingMessage & { [OPERATION]?: string };

/** The request id for an incoming `x-request-id` value: kept when safe, else a new UUID. */
export function requestIdFor(asked: string | string[] | undefined): string {
  return typeof asked === 'string' && SAFE_REQUEST_ID.test(asked) ? asked : randomUUID();
}

/** Records the operation a request runs, for its access log line (`query DeveloperOverview`). */
export function noteOperation(req: IncomingMessage | undefined, type: string, name: string): void {
  if (req) (req as Noted)[OPERATION] = `${type} ${name}`;
}

/** The client address of an HTTP request or WebSocket upgrade. */
export function requestClientAddress(req: IncomingMessage | undefined, trust: TrustProxy): string | undefined {
  return clientAddress(req?.socket?.remoteAddress, req?.headers['x-forwarded-for'], trust);
}

function routeOf(url: string | undefined): { route: string; path?: string } {
  const path = (url ?? '/').split('?', 1)[0]!;
  return ROUTES.has(path) ? { route: path } : { route: 'unmatched', path: path.slice(0, 200) };
}

/** Wraps the HTTP handler: request id in and out, one access log line per request. */
export function withAccessLog(handler: RequestListener, options: { logger: Logger; trustProxy: TrustProxy }): RequestListener {
  return (req, res) => {
    const started = performance.now();
    const requestId = requestIdFor(req.headers['x-request-id']);
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    res.once('close', () => {
      const { route, path } = routeOf(req.url);
      const line = {
        method: req.method,
        route,
        ...(path === undefined ? {} : { path }),
        // 499 (nginx's "client closed request"): the caller left before any answer was sent.
        status: res.headersSent ? res.statusCode : 499,
        ...(res.writableFinished ? {} : { aborted: true }),
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ...((req as Noted)[OPERATION] ? { operation: (req as Noted)[OPERATION] } : {}),
        requestId,
        clientAddress: requestClientAddress(req, options.trustProxy),
      };
      if (PROBES.has(route)) options.logger.debug(line, 'request');
      else options.logger.info(line, 'request');
    });
    handler(req, res);
  };
}

/** The request id of a WebSocket upgrade (set on its 101 answer by `webSocketRequestId`). */
export function webSocketRequestId(headers: string[], req: IncomingMessage): void {
  const requestId = requestIdFor(req.headers['x-request-id']);
  req.headers['x-request-id'] = requestId;
  headers.push(`x-request-id: ${requestId}`);
}

/** One access log line per WebSocket, when it closes (the upgrade request is not kept: only what the line needs). */
export function logWebSocket(socket: WebSocket, req: IncomingMessage, options: { logger: Logger; trustProxy: TrustProxy }): void {
  const started = performance.now();
  const opened = {
    method: req.method,
    route: routeOf(req.url).route,
    status: 101,
    websocket: true,
    requestId: req.headers['x-request-id'],
    clientAddress: requestClientAddress(req, options.trustProxy),
  };
  socket.once('close', (code: number) => {
    options.logger.info({ ...opened, closeCode: code, durationMs: Math.round((performance.now() - started) * 10) / 10 }, 'request');
  });
}
