/**
 * The embedded Dashboard's HTTP layer: routing by template, `authorization` → organisation, JSON
 * bodies parsed whatever the Content-Type, Tyk's envelopes and status codes, artificial latency,
 * fault injection and the request log tests count upstream calls with.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { TYK_MESSAGES } from '../tyk/contract.js';
import { StreamedList } from './listing.js';
import type { Credential, DashboardStore, OrgStore } from './store.js';

/** What a handler sees. */
export interface RouteContext {
  org: OrgStore;
  credential: Credential;
  store: DashboardStore;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body (undefined when there is none). */
  body: unknown;
  path: string;
}

/** What a handler answers: a status and a JSON body. */
export interface Reply {
  status: number;
  body: unknown;
}

export type Handler = (ctx: RouteContext) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  /** Template with `:params`, e.g. `/api/portal/developers/:id`. */
  template: string;
  handler: Handler;
  /** Writes need a credential with write permission. Default: every non-GET. */
  write?: boolean;
}

export interface RequestLogEntry {
  method: string;
  /** `METHOD /template`, e.g. `GET /api/portal/developers/:id`; `UNMATCHED` for unknown routes. */
  route: string;
  path: string;
  status: number;
  orgId: string | undefined;
  /** Names of the request headers as sent (lower-cased, repeats kept), for tests of what clients forward. */
  headerNames: string[];
  /** Every `authorization` value the request carried (normally exactly one). */
  authorizations: string[];
  /** performance.now() when the request arrived / when the answer was sent (Infinity until then). */
  startedAt: number;
  finishedAt: number;
  /** Bytes of the answer's body written so far (what tests and benchmarks pin as upstream bytes). */
  bytes: number;
}

export interface FaultSpec {
  /** Exact route (`GET /api/portal/policies/:id`); omitted with no prefix = every route. */
  route?: string;
  /** Every route whose `METHOD /template` starts with this. */
  routePrefix?: string;
  status?: number;
  /** `malformed` JSON, `truncated` JSON, an `html` page, an `oversized` body (6 MiB), or this JSON. */
  body?: 'malformed' | 'truncated' | 'html' | 'oversized' | object;
  delayMs?: number;
  /** Destroy the connection without an answer. */
  reset?: boolean;
  /** How many matching requests to affect; default unlimited. */
  times?: number;
  /** Extra response headers, e.g. `retry-after` with a 429. */
  headers?: Record<string, string>;
}

export const envelope = (status: number, message: string): Reply => ({ status, body: { Status: status < 400 ? 'OK' : 'Error', Message: message, Meta: null } });
export const ok = (body: unknown): Reply => ({ status: 200, body });
export const notFound = (message: string = TYK_MESSAGES.notFound): Reply => envelope(404, message);
export const badRequest = (message: string): Reply => envelope(400, message);

/** Thrown by handlers to answer with an envelope. */
export class ReplyError extends Error {
  constructor(readonly reply: Reply) {
    super(String((reply.body as { Message?: string }).Message));
  }
}

interface CompiledRoute extends Route {
  parts: string[];
  name: string;
}

function compile(routes: Route[]): CompiledRoute[] {
  return routes.map((r) => ({ ...r, parts: r.template.split('/').filter(Boolean), name: `${r.method} ${r.template}` }));
}

function match(routes: CompiledRoute[], method: string, segments: string[]) {
  for (const route of routes) {
    if (route.method !== method || route.parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < segments.length; i++) {
      const part = route.parts[i]!;
      if (part.startsWith(':')) params[part.slice(1)] = segments[i]!;
      else if (part !== segments[i]) {
        matched = false;
        break;
      }
    }
    if (matched) return { route, params };
  }
  return undefined;
}

/** The log keeps the most recent entries only, so a long-running Dashboard does not grow. */
const MAX_LOG_ENTRIES = 20_000;

export class RequestLog {
  #entries: RequestLogEntry[] = [];
  add(entry: RequestLogEntry) {
    this.#entries.push(entry);
    if (this.#entries.length > MAX_LOG_ENTRIES * 1.5) this.#entries = this.#entries.slice(-MAX_LOG_ENTRIES);
  }
  entries(): RequestLogEntry[] {
    return [...this.#entries];
  }
  clear() {
    this.#entries = [];
  }
  /** Body bytes answered, optionally only by one route. */
  bytes(route?: string): number {
    let total = 0;
    for (const e of this.#entries) if (!route || e.route === route) total += e.bytes;
    return total;
  }
  /** Requests logged, optionally only those of one route (`GET /api/portal/developers/:id`). */
  count(route?: string): number {
    return route ? this.#entries.filter((e) => e.route === route).length : this.#entries.length;
  }
  /**
   * Sequential rounds: a request that arrived after another had been answered belongs to a later
   * round than it. Concurrent requests share a round.
   */
  rounds(): number {
    const sorted = [...this.#entries].sort((a, b) => a.startedAt - b.startedAt);
    const round: number[] = [];
    let max = 0;
    sorted.forEach((entry, i) => {
      let r = 1;
      for (let j = 0; j < i; j++) if (sorted[j]!.finishedAt <= entry.startedAt) r = Math.max(r, round[j]! + 1);
      round.push(r);
      max = Math.max(max, r);
    });
    return max;
  }
}

/** An answer as the Dashboard sent it (see `onAnswer`). */
export interface AnsweredRequest {
  method: string;
  /** `METHOD /template` as in the request log, or `UNMATCHED`. */
  route: string;
  path: string;
  status: number;
  /** The JSON value sent. */
  body: unknown;
}

export interface HttpOptions {
  store: DashboardStore;
  routes: Route[];
  log: RequestLog;
  latencyMs: () => number;
  faults: FaultSpec[];
  /** Told of every answer the routes produced (injected faults excepted). */
  onAnswer?: ((answer: AnsweredRequest) => void) | undefined;
}

const MAX_BODY = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new ReplyError(envelope(400, 'Request body too large.')));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply, headers: Record<string, string> = {}) {
  if (reply.body instanceof StreamedList) return void reply.body.writeTo(res, reply.status, headers).catch(() => res.destroy());
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function takeFault(faults: FaultSpec[], name: string): FaultSpec | undefined {
  const index = faults.findIndex(
    (f) => (f.times === undefined || f.times > 0) && (f.route ? f.route === name : f.routePrefix ? name.startsWith(f.routePrefix) : true),
  );
  if (index < 0) return undefined;
  const fault = faults[index]!;
  if (fault.times !== undefined) fault.times -= 1;
  return fault;
}

function sendFault(res: ServerResponse, fault: FaultSpec) {
  if (fault.reset) {
    res.socket?.destroy();
    return;
  }
  const status = fault.status ?? 200;
  const body = fault.body;
  if (body === 'malformed') return void res.writeHead(status, { 'content-type': 'application/json' }).end('{"Data": [ {"id": ');
  if (body === 'truncated') {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': 200 });
    // Close only once the partial body has left: destroying at once would drop it with the headers.
    res.write('{"Data":[{"id":"5e397e714ea461ef1d474efa","email":"a@b.c"', () => res.socket?.destroy());
    return;
  }
  if (body === 'html') return void res.writeHead(status, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
  if (body === 'oversized') {
    res.writeHead(status, { 'content-type': 'application/json' });
    const chunk = `"${'x'.repeat(1024 * 1024 - 3)}",`;
    res.write('{"Data":[');
    for (let i = 0; i < 6; i++) res.write(chunk);
    res.end('"x"],"Pages":1}');
    return;
  }
  send(res, { status, body: body ?? envelope(status, status >= 400 ? 'Injected failure.' : 'OK').body }, fault.headers);
}

/** The credential as Tyk reads it: the raw secret, or (tolerated) `Bearer <secret>`. */
function credentialOf(req: IncomingMessage): string | undefined {
  const value = req.headers.authorization?.trim();
  return value ? value.replace(/^bearer\s+/i, '') : undefined;
}

/** Adds every body chunk the answer writes to `entry.bytes`. */
function countBodyBytes(res: ServerResponse, entry: RequestLogEntry): void {
  const size = (chunk: unknown) => (typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk instanceof Uint8Array ? chunk.length : 0);
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    entry.bytes += size(chunk);
    return write(chunk, ...rest);
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== 'function') entry.bytes += size(chunk);
    return end(chunk, ...rest);
  }) as ServerResponse['end'];
}

export function createDashboardServer(options: HttpOptions): Server {
  const routes = compile(options.routes);
  return createServer((req, res) => {
    const startedAt = performance.now();
    const url = new URL(req.url ?? '/', 'http://dashboard');
    const method = req.method ?? 'GET';
    // Tolerate trailing and doubled slashes (`/api//portal/...` appears in Tyk's own docs).
    const segments = url.pathname.split('/').filter(Boolean).map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
    const found = match(routes, method, segments);
    const name = found ? found.route.name : 'UNMATCHED';
    const credential = options.store.credentials.get(credentialOf(req) ?? '');
    const headerNames = req.rawHeaders.filter((_, i) => i % 2 === 0).map((h) => h.toLowerCase());
    const authorizations = req.rawHeaders.filter((_, i) => i % 2 === 1 && req.rawHeaders[i - 1]!.toLowerCase() === 'authorization');
    // Logged on arrival, so a client that gave up (or destroyed the connection) is already counted
    // when its call returns; the status and finish time are filled in when the answer ends.
    const entry: RequestLogEntry = {
      method,
      route: name,
      path: `${url.pathname}${url.search}`,
      status: 0,
      orgId: credential?.orgId,
      headerNames,
      authorizations,
      startedAt,
      finishedAt: Number.POSITIVE_INFINITY,
      bytes: 0,
    };
    options.log.add(entry);
    countBodyBytes(res, entry);
    const ended = () => {
      if (res.writableFinished) entry.status = res.statusCode;
      entry.finishedAt = Math.min(entry.finishedAt, performance.now());
    };
    res.on('finish', ended);
    res.on('close', ended);

    const answer = (reply: Reply) => {
      send(res, reply);
      options.onAnswer?.({ method, route: name, path: `${url.pathname}${url.search}`, status: reply.status, body: reply.body });
    };

    const respond = async (): Promise<void> => {
      const latency = options.latencyMs();
      const fault = takeFault(options.faults, name);
      const delay = latency + (fault?.delayMs ?? 0);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      if (fault && (fault.reset || fault.status !== undefined || fault.body !== undefined)) return sendFault(res, fault);

      if (!credential) return answer(envelope(401, TYK_MESSAGES.notAuthorised));
      if (!found) return answer(envelope(404, 'Not found.'));
      const isWrite = found.route.write ?? method !== 'GET';
      if (isWrite && credential.readOnly) return answer(envelope(403, TYK_MESSAGES.accessDenied(url.pathname)));

      const text = await readBody(req);
      let body: unknown;
      if (text.trim().length > 0) {
        try {
          body = JSON.parse(text);
        } catch {
          return answer(envelope(403, TYK_MESSAGES.malformedBody));
        }
      }
      const org = options.store.orgs.get(credential.orgId)!;
      answer(await found.route.handler({ org, credential, store: options.store, params: found.params, query: url.searchParams, body, path: url.pathname }));
    };

    respond().catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof ReplyError) return answer(error.reply);
      answer(envelope(500, 'Failure saving data, please contact your administrator.'));
    });
  });
}
