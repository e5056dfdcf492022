/**
 * One HTTP exchange with the Dashboard: pooled keep-alive connection, timeouts, abort, retries, a
 * capped body, JSON + zod parsing, and the classification of every failure into one TykError.
 *
 * Retry policy (at most `maxRetries` ≤ 2 extra attempts, jittered exponential backoff that the
 * call's AbortSignal cuts short):
 * - GET: on a connection failure with no answer (refused, DNS, connect timeout, reset before any
 *   status line: a read is safe to repeat) and on 502/503/504. Not on a timeout after sending.
 * - PUT/DELETE: only when provably never sent (refused, DNS, unreachable, connect timeout).
 * - POST: never.
 * A write that may have reached Tyk and got no usable answer fails with `outcomeUnknown: true`.
 *
 * Classification: 401 → TykUnauthorisedError, 403 → TykForbiddenError, 404 → TykNotFoundError,
 * 429/502/503/504 and network failures/timeouts/aborts → TykUnavailableError, other 4xx →
 * TykBadRequestError (with Tyk's `Message` when the body has one), other 5xx → TykServerError,
 * 3xx or a 2xx whose body is not the contract's (not JSON, HTML, truncated, wrong shape, larger
 * than `maxResponseBytes`) → TykContractMismatchError.
 */
import { Pool, type Dispatcher } from 'undici';
import type { z } from 'zod';
import {
  TykBadRequestError,
  TykContractMismatchError,
  TykError,
  TykForbiddenError,
  TykNotFoundError,
  TykServerError,
  TykUnauthorisedError,
  TykUnavailableError,
} from './errors.js';
import { CircuitBreaker, routeGroup, type BreakerState } from './breaker.js';
import type { Endpoint, Method } from './path.js';
import { RetryBudget } from './retry-budget.js';
import { anySignal } from '../abort-signals.js';
import type { AttemptObserver, TykClientOptions } from './types.js';
import { describeIssuePath, fieldNames } from './issue-paths.js';
import { ListStream, ListStreamError, readWholeList } from './list-stream.js';

export type { Method } from './path.js';

export interface RequestSpec extends Endpoint {
  /** JSON body; sent with `content-type: application/json`. */
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/** Defaults of every TykClientOptions transport setting. */
export const TYK_CLIENT_DEFAULTS = {
  connectTimeoutMs: 2_000,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  maxRetries: 2,
  retryDelayMs: 100,
  maxResponseBytes: 5 * 1024 * 1024,
  /** Largest streamed list body (see TykHttp.list): a guard against a runaway answer, not a working limit. */
  maxListBytes: 1024 * 1024 * 1024,
  // One overview page can fan out to a usage call per key (≤ 4 keys × 100 developers): enough
  // connections that one round of calls never queues behind itself.
  maxConnections: 256,
  keepAliveTimeoutMs: 10_000,
  /** Longest `Retry-After` a GET waits for on 429; a longer one fails the call at once. */
  maxRetryAfterMs: 2_000,
} as const;

/** List bodies up to this size (and `maxResponseBytes`) are parsed whole rather than scanned: 1 MiB. */
export const WHOLE_LIST_BYTES = 1024 * 1024;
/** Most of an error body read to find Tyk's `Message`; the rest is dropped unread. */
const ERROR_BODY_LIMIT = 64 * 1024;

const pools = new Map<string, Pool>();
/** Circuit breakers per origin and route group, and retry budgets per origin: shared like pools. */
const breakers = new Map<string, Map<string, CircuitBreaker>>();
const budgets = new Map<string, RetryBudget>();

/** The keep-alive pool for an origin, shared by every client of that origin with the same settings. */
function poolFor(key: string, origin: string, connectTimeoutMs: number, connections: number): Pool {
  let pool = pools.get(key);
  if (!pool) {
    pool = new Pool(origin, { connections, keepAliveTimeout: TYK_CLIENT_DEFAULTS.keepAliveTimeoutMs, connect: { timeout: connectTimeoutMs } });
    pools.set(key, pool);
  }
  return pool;
}

/**
 * Closes every shared pool (process shutdown, test teardown). Clients created before keep working:
 * their next call opens a new pool.
 */
export async function closeTykPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  breakers.clear();
  budgets.clear();
  await Promise.all(all.map((p) => p.close().catch(() => undefined)));
}

/** Connection failures that prove the request never left this process. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
/** The connection dropped: the request may or may not have been read. */
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const RETRYABLE_STATUS = new Set([502, 503, 504]);
// Header values undici accepts; anything else could never be a Dashboard credential.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]+$/;

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Body read results that are not text. */
const TOO_LARGE: unique symbol = Symbol('too large');
const TRUNCATED: unique symbol = Symbol('truncated');

type Outcome = { ok: true; status: number; text: string } | { ok: false; error: TykError; retry: boolean; retryAfterMs?: number };

/**
 * How a 2xx body is read: whole as text (`text`), drained unread (`drain`), or streamed item by
 * item into a list reader (see TykHttp.list).
 */
type BodyReader = 'text' | 'drain' | ListReader;

interface ListReader {
  /** Called with each raw item; throws a TykError to fail the call. */
  onItem: (item: unknown, index: number) => void;
  /** Filled with the envelope's other fields once the body has ended. */
  fields?: Record<string, unknown>;
}

/** Failures that say the upstream is unwell (and count against its circuit): not 4xx, not the caller's abort. */
function upstreamFailed(outcome: Outcome): boolean {
  return !outcome.ok && (outcome.error instanceof TykUnavailableError || outcome.error instanceof TykServerError || outcome.error instanceof TykContractMismatchError);
}

export class TykHttp {
  /** Origin of the Dashboard (no path, no credential). */
  readonly baseUrl: string;
  readonly #credential: string;
  readonly #dispatcher: Dispatcher | undefined;
  readonly #options: {
    connectTimeoutMs: number;
    headersTimeoutMs: number;
    bodyTimeoutMs: number;
    maxRetries: number;
    retryDelayMs: number;
    maxResponseBytes: number;
    maxListBytes: number;
    maxConnections: number;
    maxRetryAfterMs: number;
    onAttempt: TykClientOptions['onAttempt'];
    onAttemptStart: TykClientOptions['onAttemptStart'];
  };
  readonly #signal: AbortSignal | undefined;
  readonly #breakerOptions: TykClientOptions['breaker'];
  readonly #budgetOptions: TykClientOptions['retryBudget'];
  readonly #onBreakerChange: TykClientOptions['onBreakerChange'];
  /** The shared pool's key (see poolFor), and whether the credential can be sent at all. */
  readonly #poolKey: string;
  readonly #credentialSendable: boolean;
  /** Request headers, built once: undici reads them and leaves the objects as they are. */
  readonly #headers: { plain: Record<string, string>; withBody: Record<string, string> };

  constructor(options: TykClientOptions) {
    this.baseUrl = new URL(options.baseUrl).origin;
    this.#credential = options.credential;
    this.#dispatcher = options.dispatcher;
    const d = TYK_CLIENT_DEFAULTS;
    this.#options = {
      connectTimeoutMs: options.connectTimeoutMs ?? d.connectTimeoutMs,
      headersTimeoutMs: options.headersTimeoutMs ?? d.headersTimeoutMs,
      bodyTimeoutMs: options.bodyTimeoutMs ?? d.bodyTimeoutMs,
      maxRetries: Math.min(Math.max(Math.floor(options.maxRetries ?? d.maxRetries), 0), 2),
      retryDelayMs: Math.max(options.retryDelayMs ?? d.retryDelayMs, 0),
      maxResponseBytes: options.maxResponseBytes ?? d.maxResponseBytes,
      maxListBytes: options.maxListBytes ?? d.maxListBytes,
      maxConnections: options.maxConnections ?? d.maxConnections,
      maxRetryAfterMs: options.maxRetryAfterMs ?? d.maxRetryAfterMs,
      onAttempt: options.onAttempt,
      onAttemptStart: options.onAttemptStart,
    };
    this.#signal = options.signal;
    this.#breakerOptions = options.breaker;
    this.#budgetOptions = options.retryBudget;
    this.#onBreakerChange = options.onBreakerChange;
    this.#poolKey = `${this.baseUrl}|${this.#options.connectTimeoutMs}|${this.#options.maxConnections}`;
    this.#credentialSendable = HEADER_VALUE.test(this.#credential);
    const plain = { authorization: this.#credential, accept: 'application/json' };
    this.#headers = { plain, withBody: { ...plain, 'content-type': 'application/json' } };
  }

  #breakerFor(spec: RequestSpec): CircuitBreaker | undefined {
    if (this.#breakerOptions === false) return undefined;
    const group = routeGroup(spec.route);
    let byGroup = breakers.get(this.baseUrl);
    if (!byGroup) breakers.set(this.baseUrl, (byGroup = new Map()));
    let breaker = byGroup.get(group);
    if (!breaker) {
      breaker = new CircuitBreaker(this.#breakerOptions ?? {}, Date.now, (state: BreakerState) => this.#onBreakerChange?.(group, state));
      byGroup.set(group, breaker);
    }
    return breaker;
  }

  #budget(): RetryBudget | undefined {
    if (this.#budgetOptions === false) return undefined;
    let budget = budgets.get(this.baseUrl);
    if (!budget) budgets.set(this.baseUrl, (budget = new RetryBudget(this.#budgetOptions ?? {})));
    return budget;
  }

  /** Sends the request and parses the 2xx body with `schema`; the only way a body enters the app. */
  async json<S extends z.ZodType>(spec: RequestSpec, schema: S): Promise<z.output<S>> {
    const { status, text } = await this.#exchange(spec, 'text');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new TykContractMismatchError(`${spec.route} answered ${status} with a body that is not JSON.`, spec.route, status);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const names = fieldNames(schema);
      const where = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${describeIssuePath(issue.path, names)}: ${issue.code}`)
        .join('; ');
      throw new TykContractMismatchError(`${spec.route} answered ${status} with a body that does not match the contract (${where}).`, spec.route, status);
    }
    return parsed.data;
  }

  /**
   * Sends a write whose answer the client does not use (Tyk documents none for several routes):
   * any 2xx is success; the body is drained up to the cap and not interpreted.
   */
  async send(spec: RequestSpec): Promise<void> {
    await this.#exchange(spec, 'drain');
  }

  /**
   * Sends a GET whose 2xx body is a portal list (`{"Data":[…],"Pages":n}`) and hands each item of
   * `Data`, parsed by `item`, to `onItem` while the body arrives: however long the list, the memory
   * used is that of one item and one network chunk, never the whole body. Each item is held to
   * `maxResponseBytes`, the whole body to `maxListBytes` (a guard). Retried like any GET until the
   * answer's status line; never once items have been handed over. A malformed envelope or item is
   * TYK_CONTRACT_MISMATCH (issue paths read `Data.<index>.<field>`, as for a whole list); what `onItem` throws fails the call as is.
   * Resolves to the number of items and the envelope's other fields (`Pages`).
   */
  async list<S extends z.ZodType>(spec: RequestSpec, item: S, onItem: (value: z.output<S>, index: number) => void): Promise<{ count: number; fields: Record<string, unknown> }> {
    let count = 0;
    const names = new Set([...fieldNames(item), 'Data']);
    const reader: ListReader = {
      onItem: (raw, index) => {
        const parsed = item.safeParse(raw);
        if (!parsed.success) {
          const where = parsed.error.issues
            .slice(0, 3)
            .map((issue) => `${describeIssuePath(['Data', index, ...issue.path], names)}: ${issue.code}`)
            .join('; ');
          throw new TykContractMismatchError(`${spec.route} answered with a list item that does not match the contract (${where}).`, spec.route, 200);
        }
        count = index + 1;
        onItem(parsed.data, index);
      },
    };
    await this.#exchange(spec, reader);
    return { count, fields: reader.fields ?? {} };
  }

  async #exchange(given: RequestSpec, reader: BodyReader): Promise<{ status: number; text: string }> {
    const spec = { ...given, signal: anySignal(given.signal, this.#signal) };
    const maxAttempts = 1 + (spec.method === 'POST' ? 0 : this.#options.maxRetries);
    const breaker = this.#breakerFor(spec);
    const budget = this.#budget();
    for (let attempt = 1; ; attempt++) {
      if (breaker && !breaker.allow()) {
        throw new TykUnavailableError(`${spec.route} was not sent: the circuit for ${routeGroup(spec.route)} is open.`, spec.route);
      }
      if (attempt === 1) budget?.deposit();
      const outcome = await this.#attempt(spec, reader, attempt);
      if (!spec.signal?.aborted) breaker?.record(upstreamFailed(outcome));
      if (outcome.ok) return outcome;
      if (!outcome.retry || attempt >= maxAttempts || spec.signal?.aborted) throw outcome.error;
      if (budget && !budget.withdraw()) throw outcome.error;
      await backoff(this.#options.retryDelayMs, attempt, spec, outcome.retryAfterMs);
    }
  }

  async #attempt(spec: RequestSpec, reader: BodyReader, attempt: number): Promise<Outcome> {
    const started = performance.now();
    const observer = this.#observe(spec, attempt);
    let status: number | undefined;
    let outcome: Outcome;
    try {
      outcome = await this.#dispatch(spec, reader, (s) => (status = s), observer?.headers);
    } catch (error) {
      outcome = { ok: false, error: classifyTransport(spec, error, status), retry: isRetryableTransport(spec.method, error, status) };
    }
    this.#report(spec, attempt, status, outcome, performance.now() - started, observer);
    return outcome;
  }

  #observe(spec: RequestSpec, attempt: number): AttemptObserver | undefined {
    if (!this.#options.onAttemptStart) return undefined;
    try {
      return this.#options.onAttemptStart({ method: spec.method, route: spec.route, attempt });
    } catch {
      return undefined; // a tracing hook must not change the call
    }
  }

  async #dispatch(spec: RequestSpec, reader: BodyReader, onStatus: (status: number) => void, extraHeaders?: Record<string, string>): Promise<Outcome> {
    if (spec.signal?.aborted) {
      return { ok: false, error: new TykUnavailableError(`${spec.route} was aborted before it was sent.`, spec.route, undefined, { cause: spec.signal.reason }), retry: false };
    }
    if (!this.#credentialSendable) {
      return { ok: false, error: new TykUnauthorisedError(`${spec.route} was not sent: the Dashboard credential is empty or not a valid header value.`, spec.route), retry: false };
    }
    const o = this.#options;
    const dispatcher = this.#dispatcher ?? poolFor(this.#poolKey, this.baseUrl, o.connectTimeoutMs, o.maxConnections);
    const headers = spec.body === undefined ? this.#headers.plain : this.#headers.withBody;
    const response = await dispatcher.request({
      origin: this.baseUrl,
      path: spec.path,
      method: spec.method,
      headers: extraHeaders ? { ...extraHeaders, ...headers } : headers,
      body: spec.body === undefined ? null : JSON.stringify(spec.body),
      signal: spec.signal ?? null,
      headersTimeout: o.headersTimeoutMs,
      bodyTimeout: o.bodyTimeoutMs,
    });
    const status = response.statusCode;
    onStatus(status);
    const success = status >= 200 && status < 300;
    if (!success) {
      // Only Tyk's `Message` is of use; a body that breaks off or runs long just has none.
      const text = await readCapped(response, ERROR_BODY_LIMIT).catch(() => undefined);
      const outcome = classifyStatus(spec, status, text === undefined || text === TOO_LARGE ? '' : tykMessage(text, this.#credential));
      if (status === 429 && spec.method === 'GET') {
        const wait = retryAfterMs(response.headers['retry-after']);
        // Honoured when it is short enough; the call's signal (the request's deadline) still bounds the wait.
        if (wait !== undefined && wait <= o.maxRetryAfterMs) return { ...outcome, retry: true, retryAfterMs: wait };
      }
      return outcome;
    }
    if (reader === 'drain') {
      await readCapped(response, o.maxResponseBytes).catch(() => undefined);
      return { ok: true, status, text: '' };
    }
    if (reader !== 'text') return this.#readList(spec, response, reader);
    const text = await readCapped(response, o.maxResponseBytes).catch((error: unknown): typeof TRUNCATED => {
      if (spec.signal?.aborted || TIMEOUT_CODES.has(errorCode(error) ?? '')) throw error;
      return TRUNCATED;
    });
    if (text === TOO_LARGE) {
      return { ok: false, error: new TykContractMismatchError(`${spec.route} answered ${status} with a body larger than ${o.maxResponseBytes} bytes.`, spec.route, status), retry: false };
    }
    if (text === TRUNCATED) {
      return { ok: false, error: new TykContractMismatchError(`${spec.route} answered ${status} with a body that broke off.`, spec.route, status), retry: false };
    }
    return { ok: true, status, text };
  }

  /** Streams a 2xx list body into `reader` (see `list`). */
  async #readList(spec: RequestSpec, response: Dispatcher.ResponseData, reader: ListReader): Promise<Outcome> {
    const { status, body } = { status: response.statusCode, body: response.body };
    const o = this.#options;
    const mismatch = (why: string): Outcome => ({ ok: false, error: new TykContractMismatchError(`${spec.route} answered ${status} with a list body that ${why}.`, spec.route, status), retry: false });
    // A body up to WHOLE_LIST_BYTES is kept and parsed whole (JSON.parse is far cheaper than the
    // byte scanner); past that, what was kept goes to the scanner and the rest streams through it.
    const wholeUpTo = Math.min(WHOLE_LIST_BYTES, o.maxResponseBytes);
    const kept: Buffer[] = [];
    let stream: ListStream | undefined;
    let size = 0;
    try {
      for await (const chunk of body) {
        size += (chunk as Buffer).length;
        if (size > o.maxListBytes) {
          body.destroy();
          return mismatch(`is larger than ${o.maxListBytes} bytes`);
        }
        if (!stream && size <= wholeUpTo) {
          kept.push(chunk as Buffer);
          continue;
        }
        if (!stream) {
          stream = new ListStream({ onItem: reader.onItem, maxItemBytes: o.maxResponseBytes });
          for (const earlier of kept.splice(0)) stream.push(earlier);
        }
        stream.push(chunk as Buffer);
      }
      reader.fields = stream ? stream.end() : readWholeList(Buffer.concat(kept), { onItem: reader.onItem });
    } catch (error) {
      body.destroy();
      if (error instanceof TykError) return { ok: false, error, retry: false };
      if (error instanceof ListStreamError) return mismatch(`is not a portal list (${error.message})`);
      if (spec.signal?.aborted || TIMEOUT_CODES.has(errorCode(error) ?? '')) throw error;
      if (error instanceof Error && !errorCode(error)) throw error; // what onItem threw
      return mismatch('broke off');
    }
    return { ok: true, status, text: '' };
  }

  #report(spec: RequestSpec, attempt: number, status: number | undefined, outcome: Outcome, durationMs: number, observer: AttemptObserver | undefined): void {
    const report = { method: spec.method, route: spec.route, status, durationMs, attempt, error: outcome.ok ? undefined : outcome.error.code };
    try {
      this.#options.onAttempt?.(report);
    } catch {
      // a metrics hook must not change the call's outcome
    }
    try {
      observer?.end?.(report);
    } catch {
      // nor a tracing hook
    }
  }
}

/**
 * The body as text, or TOO_LARGE as soon as it would pass `max` bytes (announced or counted):
 * the stream is destroyed there, nothing beyond the cap is buffered.
 */
async function readCapped(response: Dispatcher.ResponseData, max: number): Promise<string | typeof TOO_LARGE> {
  const { body } = response;
  const announced = Number(response.headers['content-length']);
  if (Number.isFinite(announced) && announced > max) {
    body.destroy();
    return TOO_LARGE;
  }
  // An announced length within the cap is held to by undici (more bytes fail the body), so the
  // body can be read whole, which is much cheaper than iterating its chunks.
  if (Number.isFinite(announced)) return body.text();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > max) {
      body.destroy();
      return TOO_LARGE;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** Tyk's `Message` from an error body, when it has one; '' for non-JSON or envelope-less bodies. */
function tykMessage(text: string, credential: string): string {
  let message: unknown;
  try {
    message = (JSON.parse(text) as { Message?: unknown } | null)?.Message;
  } catch {
    return '';
  }
  if (typeof message !== 'string') return '';
  // eslint-disable-next-line no-control-regex
  const clean = message.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return (credential.length > 0 ? clean.split(credential).join('[credential]') : clean).slice(0, 300);
}

/** The outcome of a non-2xx answer; `message` is Tyk's `Message` (see tykMessage). */
function classifyStatus(spec: RequestSpec, status: number, message: string): Outcome & { ok: false } {
  const route = spec.route;
  const what = `${route} answered ${status}`;
  const fail = (error: TykError, retry = false) => ({ ok: false as const, error, retry });
  if (status === 401) return fail(new TykUnauthorisedError(`${what}: the Dashboard credential was not accepted.`, route, status));
  if (status === 403) return fail(new TykForbiddenError(`${what}: the credential lacks the permission (or Tyk found the body malformed).`, route, status));
  if (status === 404) return fail(new TykNotFoundError(`${what}: not found.`, route, status));
  if (status === 429 || RETRYABLE_STATUS.has(status)) {
    // A proxy's 502/504 may come after the Dashboard received the write.
    const outcomeUnknown = spec.method !== 'GET' && (status === 502 || status === 504);
    return fail(new TykUnavailableError(`${what}: the Dashboard is unavailable.`, route, status, { outcomeUnknown }), spec.method === 'GET' && status !== 429);
  }
  if (status >= 500) return fail(new TykServerError(`${what}: the Dashboard failed.`, route, status));
  if (status >= 400) return fail(new TykBadRequestError(message, route, status));
  return fail(new TykContractMismatchError(`${what}, which the contract does not use.`, route, status));
}

function classifyTransport(spec: RequestSpec, error: unknown, status: number | undefined): TykError {
  if (error instanceof TykError) return error;
  const route = spec.route;
  const code = errorCode(error);
  // A write with a status line in hand reached Tyk; without one it may or may not have.
  const sentUnanswered = spec.method !== 'GET' && !(code !== undefined && NOT_SENT_CODES.has(code));
  if (spec.signal?.aborted) {
    return new TykUnavailableError(`${route} was aborted.`, route, status, { cause: spec.signal.reason, outcomeUnknown: sentUnanswered });
  }
  const reason =
    code !== undefined && NOT_SENT_CODES.has(code)
      ? 'could not connect'
      : code !== undefined && TIMEOUT_CODES.has(code)
        ? 'timed out'
        : 'got no complete answer';
  return new TykUnavailableError(`${route} failed: ${reason} (${code ?? 'network error'}).`, route, status, { cause: error, outcomeUnknown: sentUnanswered });
}

function isRetryableTransport(method: Method, error: unknown, status: number | undefined): boolean {
  if (method === 'POST' || status !== undefined || error instanceof TykError) return false;
  const code = errorCode(error) ?? '';
  if (NOT_SENT_CODES.has(code)) return true;
  return method === 'GET' && DROPPED_CODES.has(code);
}

/** `Retry-After` as ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * Waits `base × 2^(attempt-1)` ms ±50 % (or exactly `fixedMs`, Tyk's Retry-After); rejects with
 * TykUnavailableError when the call is aborted.
 */
function backoff(baseMs: number, attempt: number, spec: RequestSpec, fixedMs?: number): Promise<void> {
  const delay = fixedMs ?? baseMs * 2 ** (attempt - 1) * (0.5 + Math.random());
  const { signal, route } = spec;
  return new Promise((resolve, reject) => {
    const aborted = () => {
      clearTimeout(timer);
      reject(new TykUnavailableError(`${route} was aborted while waiting to retry.`, route, undefined, { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }, delay);
    signal?.addEventListener('abort', aborted, { once: true });
  });
}
