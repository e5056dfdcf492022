/**
 * Per-request context: who is calling, the upstream client bound to their credential, the request's
 * loaders, a logger that carries the request id, and the clock.
 */
import type { Logger } from 'pino';
import { unauthenticated } from './errors.js';
import type { KeyEventFeed } from './events/key-event.js';
import { createLoaders, SharedCache, type LoaderMode, type Loaders } from './loaders/index.js';
import type { TraceHolder } from './telemetry.js';
import type { TykClient } from './tyk/types.js';

export interface GatewayContext {
  requestId: string;
  /** The Dashboard credential the caller sent, or undefined. Never logged, never returned. */
  readonly credential: string | undefined;
  /** The upstream client for the caller's credential; throws UNAUTHENTICATED when there is none. */
  tyk: () => TykClient;
  /** This request's loaders (their calls fail with UNAUTHENTICATED without a credential). */
  loaders: Loaders;
  logger: Logger;
  now(): Date;
  /** Where mutations report key events, and where subscriptions listen. */
  events: KeyEventFeed;
  /** The request's operation span, when tracing is on (parent of its upstream spans). */
  trace: TraceHolder;
  /**
   * Fresh loaders and upstream client with a new deadline. A subscription calls it before each
   * event, so events never see another event's cache and a long-lived stream has no stale deadline.
   */
  renew(): void;
}

export interface ContextDeps {
  /**
   * Builds an upstream client for one credential (cheap: pools are shared per origin); every call
   * it makes is aborted by `signal` (the request's deadline or the caller's disconnect).
   */
  clientFor(credential: string, request?: { signal?: AbortSignal | undefined; trace?: TraceHolder }): TykClient;
  logger: Logger;
  now?: () => Date;
  /** The key event bus. */
  events: KeyEventFeed;
  /** `naive` disables batching (benchmarks only); default `batched`. */
  loaderMode?: LoaderMode;
  /** Told the size of every loader batch (metrics). */
  onBatch?: (loader: string, size: number) => void;
  /** Cross-request cache for policies, catalogue and configuration; none → per request only. */
  sharedCache?: SharedCache;
  /** Deadline of one GraphQL request in ms: its upstream calls are aborted then. Default none. */
  requestDeadlineMs?: number;
}

/** Reads the credential from `Authorization`: the raw secret, or `Bearer <secret>`. */
export function credentialFrom(headers: Headers): string | undefined {
  const value = headers.get('authorization')?.trim();
  if (!value) return undefined;
  const secret = value.replace(/^bearer\s+/i, '').trim();
  return secret.length > 0 ? secret : undefined;
}

/** Stands in for the upstream client when the caller sent no credential: every call is refused. */
const NO_CLIENT = new Proxy({} as TykClient, {
  get: (_target, property) => (property === 'baseUrl' ? '' : () => Promise.reject(unauthenticated())),
});

export function createContext(
  deps: ContextDeps,
  request: { headers: Headers; signal?: AbortSignal | undefined },
  requestId: string,
): GatewayContext {
  // Plain properties, no getters: Yoga copies the context object, which would run a getter early.
  const credential = credentialFrom(request.headers);
  const trace: TraceHolder = {};
  /** An upstream client and loaders with a fresh deadline (per request, or per subscription event). */
  const build = () => {
    const signals = [request.signal, deps.requestDeadlineMs ? AbortSignal.timeout(deps.requestDeadlineMs) : undefined].filter(
      (s): s is AbortSignal => s !== undefined,
    );
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const client = credential ? deps.clientFor(credential, { signal, trace }) : NO_CLIENT;
    const tyk = () => {
      if (!credential) throw unauthenticated();
      return client;
    };
    const loaders = createLoaders(
      client,
      signal,
      { mode: deps.loaderMode ?? 'batched', onBatch: deps.onBatch },
      credential && deps.sharedCache ? { cache: deps.sharedCache, principal: SharedCache.principalOf(credential) } : undefined,
    );
    return { tyk, loaders };
  };
  return {
    requestId,
    credential,
    ...build(),
    renew(this: GatewayContext) {
      Object.assign(this, build());
    },
    logger: deps.logger.child({ requestId }),
    now: deps.now ?? (() => new Date()),
    events: deps.events,
    trace,
  };
}
