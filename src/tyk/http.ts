/**
 * One HTTP exchange with the Dashboard: pooled connection, timeouts, abort, retries, a capped body,
 * JSON + zod parsing, and classification of every failure into one TykError.
 *
 * Retry policy (never more than `maxRetries` ≤ 2 extra attempts, jittered exponential backoff):
 * - GET: retried on a connection failure before the request was sent, and on 502/503/504.
 * - PUT/DELETE: retried only when provably never sent (connection refused, DNS, connect timeout).
 * - POST: never retried.
 * A non-GET that was sent and got no answer fails with `outcomeUnknown: true`.
 */
import { Pool, type Dispatcher } from 'undici';
import type { z } from 'zod';
import {
  TykBadRequestError,
  TykContractMismatchError,
  TykForbiddenError,
  TykNotFoundError,
  TykServerError,
  TykUnauthorisedError,
  TykUnavailableError,
  type TykError,
} from './errors.js';
import type { TykClientOptions } from './types.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestSpec {
  method: Method;
  /** Route template for errors, logs and metrics, e.g. `GET /api/portal/developers/:id`. */
  route: string;
  /** Path with query string, already validated and encoded (see path.ts). */
  path: string;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

const DEFAULTS = {
  connectTimeoutMs: 2_000,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  maxRetries: 2,
  maxResponseBytes: 5 * 1024 * 1024,
  // One overview page can fan out to a usage call per key (≤ 4 keys × 100 developers): enough
  // connections that one round of calls never queues behind itself.
  maxConnections: 256,
};

const pools = new Map<string, Pool>();

/** The keep-alive pool for an origin, shared by every client of that origin. */
function poolFor(origin: string, connectTimeoutMs: number, connections: number): Pool {
  const key = `${origin}|${connectTimeoutMs}|${connections}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new Pool(origin, { connections, keepAliveTimeout: 10_000, connect: { timeout: connectTimeoutMs } });
    pools.set(key, pool);
  }
  return pool;
}

/** Closes every shared pool (process shutdown, test teardown). */
export async function closeTykPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.close().catch(() => undefined)));
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const RETRYABLE_STATUS = new Set([502, 503, 504]);

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Tyk's `Message`, when the body is a status envelope; never the raw body. */
function tykMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { Message?: unknown };
    if (typeof parsed?.Message === 'string') return parsed.Message.slice(0, 300);
  } catch {
    // not JSON: Tyk's message is unknown
  }
  return '';
}

export class TykHttp {
  readonly baseUrl: string;
  readonly #credential: string;
  readonly #dispatcher: Dispatcher;
  readonly #options: typeof DEFAULTS & Pick<TykClientOptions, 'onAttempt'>;

  constructor(options: TykClientOptions) {
    const url = new URL(options.baseUrl);
    this.baseUrl = url.origin;
    this.#credential = options.credential;
    this.#options = {
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
      headersTimeoutMs: options.headersTimeoutMs ?? DEFAULTS.headersTimeoutMs,
      bodyTimeoutMs: options.bodyTimeoutMs ?? DEFAULTS.bodyTimeoutMs,
      maxRetries: Math.min(Math.max(options.maxRetries ?? DEFAULTS.maxRetries, 0), 2),
      maxResponseBytes: options.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
      maxConnections: options.maxConnections ?? DEFAULTS.maxConnections,
      onAttempt: options.onAttempt,
    };
    this.#dispatcher = options.dispatcher ?? poolFor(this.baseUrl, this.#options.connectTimeoutMs, this.#options.maxConnections);
  }

  /** Sends the request and parses a 2xx body with `schema`. */
  async json<S extends z.ZodType>(spec: RequestSpec, schema: S): Promise<z.output<S>> {
    const text = await this.send(spec);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (cause) {
      throw new TykContractMismatchError(`${spec.route} answered 2xx with a body that is not JSON.`, spec.route, 200, { cause });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`)
        .join('; ');
      throw new TykContractMismatchError(`${spec.route} answered 2xx with a body that does not match the contract (${where}).`, spec.route, 200);
    }
    return parsed.data;
  }

  /** Sends the request, with retries, and returns the 2xx body text; throws a TykError otherwise. */
  async send(spec: RequestSpec): Promise<string> {
    const maxAttempts = 1 + (spec.method === 'POST' ? 0 : this.#options.maxRetries);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#attempt(spec);
      } catch (error) {
        const failure = error as TykError & { retry?: boolean };
        if (!failure.retry || attempt >= maxAttempts || spec.signal?.aborted) throw failure;
        await backoff(attempt, spec.signal);
      }
    }
  }

  async #attempt(spec: RequestSpec): Promise<string> {
    const started = performance.now();
    let status: number | undefined;
    try {
      const response = await this.#dispatcher.request({
        origin: this.baseUrl,
        path: spec.path,
        method: spec.method,
        headers: {
          authorization: this.#credential,
          accept: 'application/json',
          ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: spec.body === undefined ? null : JSON.stringify(spec.body),
        signal: spec.signal ?? null,
        headersTimeout: this.#options.headersTimeoutMs,
        bodyTimeout: this.#options.bodyTimeoutMs,
      });
      status = response.statusCode;
      const text = await readCapped(response.body, this.#options.maxResponseBytes, spec.route, status);
      if (status >= 200 && status < 300) return text;
      throw classifyStatus(spec, status, text.split(this.#credential).join('[redacted]'));
    } catch (error) {
      if (error instanceof Error && 'code' in error && String((error as TykError).code).startsWith('TYK_')) throw error;
      throw classifyTransport(spec, error, status);
    } finally {
      this.#options.onAttempt?.({ method: spec.method, route: spec.route, status, durationMs: performance.now() - started });
    }
  }
}

async function readCapped(body: Dispatcher.ResponseData['body'], max: number, route: string, status: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > max) {
      body.destroy();
      throw new TykContractMismatchError(`${route} answered a body larger than ${max} bytes.`, route, status);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function classifyStatus(spec: RequestSpec, status: number, text: string): TykError & { retry?: boolean } {
  const what = `${spec.route} answered ${status}`;
  if (status === 401) return new TykUnauthorisedError(`${what}: the Dashboard credential was not accepted.`, spec.route, status);
  if (status === 403) return new TykForbiddenError(`${what}: the credential lacks permission.`, spec.route, status);
  if (status === 404) return new TykNotFoundError(`${what}: not found.`, spec.route, status);
  if (status === 429 || RETRYABLE_STATUS.has(status)) {
    const error = new TykUnavailableError(`${what}: the Dashboard is unavailable.`, spec.route, status) as TykUnavailableError & { retry?: boolean };
    error.retry = spec.method === 'GET' && RETRYABLE_STATUS.has(status);
    return error;
  }
  if (status >= 500) return new TykServerError(`${what}: the Dashboard failed.`, spec.route, status);
  return new TykBadRequestError(tykMessage(text), spec.route, status);
}

function classifyTransport(spec: RequestSpec, error: unknown, status: number | undefined): TykError & { retry?: boolean } {
  const code = errorCode(error);
  if (spec.signal?.aborted || (error as { name?: string })?.name === 'AbortError') {
    return new TykUnavailableError(`${spec.route} was aborted.`, spec.route, status, { outcomeUnknown: spec.method !== 'GET' });
  }
  const notSent = code !== undefined && NOT_SENT_CODES.has(code);
  const failure = new TykUnavailableError(
    `${spec.route} failed: ${notSent ? 'could not connect' : 'no complete answer'} (${code ?? 'network error'}).`,
    spec.route,
    status,
    { outcomeUnknown: !notSent && spec.method !== 'GET' },
  ) as TykUnavailableError & { retry?: boolean };
  failure.retry = notSent && spec.method !== 'POST';
  return failure;
}

function backoff(attempt: number, signal: AbortSignal | undefined): Promise<void> {
  const delay = 100 * 2 ** (attempt - 1) * (0.5 + Math.random());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, delay);
    function done() {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted() {
      clearTimeout(timer);
      reject(new TykUnavailableError('aborted during retry backoff', 'backoff'));
    }
    signal?.addEventListener('abort', aborted, { once: true });
  });
}
