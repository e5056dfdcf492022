/**
 * Per-request context: who is calling (the principal), the upstream client bound to the credential
 * that principal uses, the request's loaders, a logger that carries the request id, and the clock.
 *
 * Exactly one credential goes upstream: an operator's own, or the gateway's service credential for
 * developers and anonymous callers (whose access the schema's auth scopes narrow).
 */
import { setMaxListeners } from 'node:events';
import { initContextCache } from '@pothos/core';
import type { Logger } from 'pino';
import { anySignal } from './abort-signals.js';
import { unauthenticated } from './errors.js';
import { fingerprint, principalFrom, type Principal } from './principal.js';
import type { SessionTokens } from './security/session-token.js';
import { createAccountServices, type AccountServices } from './domain/accounts.js';
import { SerialWrites } from './domain/serial-writes.js';
import { MemoryExpiringStore } from './security/expiring-store.js';
import type { KeyEventFeed } from './events/key-event.js';
import { createLoaders, credentialKey, observeDevelopers, observeKeyRequests, type DeveloperIndexStore, type KeyRequestIndexStore, type LoaderMode, type Loaders, type SharedCache } from './loaders/index.js';
import type { TraceHolder } from './telemetry.js';
import { remoteTraceFrom } from './trace-context.js';
import type { TykClient } from './tyk/types.js';

export interface GatewayContext {
  requestId: string;
  /** Who is calling. */
  readonly principal: Principal;
  /** Address of the caller's TCP peer (names anonymous callers for rate limits). */
  readonly clientAddress: string;
  /**
   * The Dashboard credential this request's upstream calls carry: the operator's own, or the
   * service credential for developers and anonymous callers; undefined when there is none.
   * Never logged, never returned.
   */
  readonly credential: string | undefined;
  /** Developer sessions (issuing and checking tokens); undefined when not configured. */
  readonly sessions: SessionTokens | undefined;
  /** What the account flows share across the server's requests: answer pacing, logged-out sessions, reset tokens, email. */
  readonly accounts: AccountServices;
  /** One writer at a time per catalogue or portal configuration (read-merge-write under a lock). */
  readonly writes: SerialWrites;
  /** The upstream client for `credential`; throws UNAUTHENTICATED when there is none. */
  tyk: () => TykClient;
  /** This request's loaders (their calls fail with UNAUTHENTICATED without a credential). */
  loaders: Loaders;
  logger: Logger;
  now(): Date;
  /** Where mutations report key events, and where subscriptions listen. */
  events: KeyEventFeed;
  /** The request's operation span, when tracing is on (parent of its upstream spans). */
  trace: TraceHolder;
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
  /** Shared developer index per credential (searches and sorts of large organisations); none → per request only. */
  developerIndex?: DeveloperIndexStore;
  /** Shared key request index per credential (large organisations' `Developer.keyRequests`); none → a streamed read per request. */
  keyRequestIndex?: KeyRequestIndexStore;
  /** Deadline of one GraphQL request in ms: its upstream calls are aborted then. Default none. */
  requestDeadlineMs?: number;
  /**
   * Developer sessions: token signing and the service credential used upstream for developers and
   * anonymous callers. None → only operators (and introspection) are served.
   */
  sessions?: { tokens: SessionTokens; serviceCredential: string };
  /** Shared services of the account flows; default in memory, without email. */
  accounts?: AccountServices;
  /** Write locks; default in this process only. */
  writes?: SerialWrites;
}

/** The credential a principal's upstream calls carry. */
export function upstreamCredential(principal: Principal, serviceCredential: string | undefined): string | undefined {
  if (principal.kind === 'operator') return principal.credential;
  if (principal.kind === 'developer' || principal.kind === 'anonymous') return serviceCredential;
  return undefined;
}

/** Stands in for the upstream client when the caller sent no credential: every call is refused. */
const NO_CLIENT = new Proxy({} as TykClient, {
  get: (_target, property) => (property === 'baseUrl' ? '' : () => Promise.reject(unauthenticated())),
});

/**
 * An upstream client for the credential a principal's calls carry, and loaders over it, all bound
 * to one deadline: a request's, or one subscription event's (src/subscriptions/event-context.ts).
 */
export function createUpstream(
  deps: ContextDeps,
  principal: Principal,
  request: { signal?: AbortSignal | undefined; trace: TraceHolder },
): { credential: string | undefined; tyk: () => TykClient; loaders: Loaders } {
  const credential = upstreamCredential(principal, deps.sessions?.serviceCredential);
  // Developers and anonymous callers share the service credential's cache entries: the cached data
  // (policies, catalogue, configuration) is the org's, and the schema decides what each may see.
  // One hash of the credential keys everything shared across its requests (never the secret itself).
  const key = credential ? credentialKey(credential) : undefined;
  const cachePrincipal = key ? (principal.kind === 'operator' ? key : `service:${fingerprint(credential!)}`) : undefined;
  const developerSharing = key && deps.developerIndex ? { store: deps.developerIndex, principal: key } : undefined;
  const keyRequestSharing = key && deps.keyRequestIndex ? { store: deps.keyRequestIndex, principal: key } : undefined;
  const signal = anySignal(request.signal, deps.requestDeadlineMs ? AbortSignal.timeout(deps.requestDeadlineMs) : undefined);
  // Every concurrent upstream call listens to it: an overview fans out to hundreds.
  if (signal) setMaxListeners(0, signal);
  const upstream = credential ? deps.clientFor(credential, { signal, trace: request.trace }) : NO_CLIENT;
  // Whatever reads or writes developers keeps the credential's shared index in step.
  const withDevelopers = developerSharing ? observeDevelopers(upstream, developerSharing.store, developerSharing.principal) : upstream;
  const client = keyRequestSharing ? observeKeyRequests(withDevelopers, keyRequestSharing.store, keyRequestSharing.principal) : withDevelopers;
  const tyk = () => {
    if (!credential) throw unauthenticated();
    return client;
  };
  const loaders = createLoaders(
    client,
    signal,
    { mode: deps.loaderMode ?? 'batched', onBatch: deps.onBatch },
    cachePrincipal && deps.sharedCache ? { cache: deps.sharedCache, principal: cachePrincipal } : undefined,
    developerSharing,
    keyRequestSharing,
  );
  return { credential, tyk, loaders };
}

/**
 * The services every context of one process shares (account flows, write locks): the server's, or,
 * when a caller built the deps without them (tests), in-memory ones made once and kept on the deps.
 */
export function processServices(deps: ContextDeps): { accounts: AccountServices; writes: SerialWrites } {
  deps.accounts ??= createAccountServices();
  deps.writes ??= new SerialWrites(new MemoryExpiringStore());
  return { accounts: deps.accounts, writes: deps.writes };
}

export function createContext(
  deps: ContextDeps,
  request: { headers: Headers; signal?: AbortSignal | undefined; clientAddress?: string | undefined },
  requestId: string,
): GatewayContext {
  // Plain properties, no getters: Yoga copies the context object, which would run a getter early.
  const clientAddress = request.clientAddress ?? 'unknown';
  const principal = principalFrom(request.headers, clientAddress, deps.sessions?.tokens);
  // The caller's W3C trace context, continued by the operation span and sent upstream.
  const trace: TraceHolder = { remote: remoteTraceFrom(request.headers) };
  const { credential, tyk, loaders } = createUpstream(deps, principal, { signal: request.signal, trace });
  return {
    // Pothos caches auth-scope results per context object: this request's own cache.
    ...initContextCache(),
    requestId,
    principal,
    clientAddress,
    credential,
    sessions: deps.sessions?.tokens,
    tyk,
    loaders,
    ...processServices(deps),
    logger: deps.logger.child({ requestId }),
    now: deps.now ?? (() => new Date()),
    events: deps.events,
    trace,
  };
}
