/**
 * buildServer: the GraphQL gateway (Yoga over HTTP, graphql-ws on the same path) bound to one
 * Dashboard origin. It never reads process.env and never listens on import: `start()` listens,
 * `stop()` closes, and tests may call `yoga.fetch()` without a port.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLError } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { createContext, type GatewayContext } from './context.js';
import { KeyEventBus } from './events/bus.js';
import type { KeyEventFeed } from './events/key-event.js';
import { DeveloperIndexStore, KeyRequestIndexStore, SharedCache, type DeveloperIndexOptions, type KeyRequestIndexOptions, type LoaderMode } from './loaders/index.js';
import { CIRCUIT_STATE_VALUE, GatewayMetrics, statusLabel } from './metrics.js';
import { startMetricsServer, type MetricsServer } from './metrics-server.js';
import { logWebSocket, requestClientAddress, requestIdFor, webSocketRequestId, withAccessLog } from './access-log.js';
import { useAccessLog } from './plugins/use-access-log.js';
import { TRUST_NO_PROXY, type TrustProxy } from './security/client-address.js';
import { clientError, useErrorCodes } from './plugins/use-error-codes.js';
import { maskGraphQLError, useErrorMasking } from './plugins/use-error-masking.js';
import { useSubscriptionFanOut } from './plugins/use-subscription-fan-out.js';
import { CSRF_HEADER, HARDENING_DEFAULTS, hardeningPlugins, type HardeningOptions } from './plugins/use-hardening.js';
import { limitUnannouncedBodies } from './http-body-limit.js';
import { useHealth, type HealthState } from './plugins/use-health.js';
import { useOperationMetrics } from './plugins/use-operation-metrics.js';
import { useQueryJit } from './plugins/use-query-jit.js';
import { useTracing } from './plugins/use-tracing.js';
import { useWebhook } from './plugins/use-webhook.js';
import { startAttemptSpan, type Telemetry, type TraceHolder } from './telemetry.js';
import { useAuthentication } from './plugins/use-authentication.js';
import { usePasswordCheckLimit } from './plugins/use-password-check-limit.js';
import { useRateLimit, type RateLimitOptions } from './plugins/use-rate-limit.js';
import { MemoryRateLimiter } from './security/rate-limiter.js';
import { useTrustedDocuments } from './plugins/use-trusted-documents.js';
import type { TrustedDocuments } from './security/trusted-documents.js';
import { SessionTokens } from './security/session-token.js';
import type { UniformDurationOptions } from './security/uniform-duration.js';
import { createAccountServices } from './domain/accounts.js';
import { MemoryExpiringStore, type ExpiringStore } from './security/expiring-store.js';
import { SerialWrites } from './domain/serial-writes.js';
import { MailOutbox } from './mail/outbox.js';
import type { MailTransport } from './mail/transport.js';
import { schema } from './schema/index.js';
import { SubscriptionHub } from './subscriptions/hub.js';
import { createTykClient } from './tyk/client.js';
import type { TykClient } from './tyk/types.js';
import { attachGraphQLWebSocket, type WebSocketLimits } from './websocket.js';

/** The path of the GraphQL endpoint (HTTP, SSE and WebSocket). */
export const GRAPHQL_PATH = '/graphql';

/** The query GraphiQL opens with: the overview screen of a custom portal. */
export const EXAMPLE_QUERY = `# The overview a portal admin screen needs, in one request.
# Upstream cost: 1 developers list, then 1 policy search + 1 usage call per key, in parallel.
query DeveloperOverview {
  developers(first: 10) {
    totalCount
    edges {
      node {
        email
        name
        keys {
          id
          policies { name rate per quotaMax }
          usage { start hits error }
        }
      }
    }
  }
}
`;

export interface ServerOptions {
  /** Dashboard origin the gateway reads and writes. */
  dashboardUrl: string;
  logger: Logger;
  /** Serve GraphiQL at the GraphQL path (default true). */
  graphiql?: boolean;
  /** Headers GraphiQL starts with, e.g. the embedded Dashboard's demo credential. Never set for a real Dashboard. */
  graphiqlHeaders?: Record<string, string>;
  upstream?: { connectTimeoutMs?: number; timeoutMs?: number };
  /** Replaces the upstream client factory (tests). */
  clientFor?: (credential: string, request?: { signal?: AbortSignal | undefined; trace?: TraceHolder }) => TykClient;
  /** OpenTelemetry exporter (see telemetry.ts); none → no traces. */
  telemetry?: Telemetry;
  /**
   * graphql-ws limits (see websocket.ts): largest frame (default 64 KiB), operations per connection
   * (default 50), time to `connection_init` (default 5 000 ms), unsent bytes before a socket is
   * closed with 1013 (default 1 MiB), keep-alive ping interval (default 12 000 ms).
   */
  websocket?: Partial<WebSocketLimits>;
  /** Subscriptions (see subscriptions/hub.ts): events waiting for one subscriber (default 1 000), being resolved for one group (default 100), at most. */
  subscriptions?: { maxQueuedEvents?: number; maxResolvingEvents?: number };
  /** Request limits and production switches (see use-hardening.ts); defaults are on. */
  hardening?: HardeningOptions;
  /** Shared secret of the webhook receiver (`POST /webhooks/tyk`); none → the receiver is off. */
  webhookSecret?: string;
  /** Redis health check reported by /readyz (resolves true when Redis answers); none → not configured. */
  redisPing?: () => Promise<boolean>;
  /** Deadline of one GraphQL request (ms); every upstream call it makes inherits it. Default 15 000. */
  requestDeadlineMs?: number;
  now?: () => Date;
  /** The key event bus (subscriptions); default an in-memory one for this server. */
  events?: KeyEventFeed;
  /** `naive` turns batching and caching off, for benchmarks that compare; default `batched`. */
  loaderMode?: LoaderMode;
  /** Compile hot query operations with graphql-jit (see use-query-jit.ts); default true. */
  jit?: boolean;
  /** Runs of a query operation on graphql-js before it is compiled; default 10, 0 = at once. */
  jitInterpretedRuns?: number;
  /** How long policies, the catalogue and the portal configuration are shared across requests of one credential; default 30 000 ms, 0 = never. */
  sharedCacheTtlMs?: number;
  /**
   * The shared developer index per credential (searches, filters and sorts of large organisations;
   * see loaders/developer-index.ts): a store (pass the one the change watcher refreshes) or its
   * options; default a store with the defaults (60 s, 250 000 rows, organisations over 1 000).
   */
  developerIndex?: DeveloperIndexStore | DeveloperIndexOptions;
  /** The shared key request index (large organisations' `Developer.keyRequests`), or its options; default on, 60 s. */
  keyRequestIndex?: KeyRequestIndexStore | KeyRequestIndexOptions;
  /**
   * Developer sessions (`login`, `signup`, `viewer`): the secret that signs session tokens (at least
   * 32 characters; replicas share it), their lifetime (default one hour), and the Dashboard
   * credential the gateway uses upstream for developers and anonymous callers. None → operators only.
   */
  sessions?: { secret: string; ttlMs?: number; serviceCredential: string };
  /**
   * Mutation rate limits per principal, per email tried and per address (see use-rate-limit.ts);
   * default on, counted in this process. Pass a RedisRateLimiter to share them across replicas,
   * `false` to turn them off (benchmarks).
   */
  rateLimit?: Partial<RateLimitOptions> | false;
  /** Password-checking fields (`login`, `verifyDeveloperCredentials`, …) one operation may hold; default 1. */
  maxPasswordChecksPerOperation?: number;
  /**
   * Uniform answer times of `login`, `signup` and password reset, so timing tells no email's
   * existence (src/security/uniform-duration.ts); default 150 ms floor + up to 50 ms jitter,
   * `false` turns it off (benchmarks).
   */
  credentialTiming?: UniformDurationOptions | false;
  /**
   * Where password-reset tokens, logged-out sessions and write locks (catalogue and configuration
   * read-merge-writes) are kept: in this process by default; a RedisExpiringStore shares them
   * across replicas (a reset link then works on every replica, and replicas never write over each other).
   */
  sharedStore?: ExpiringStore;
  /** Email (password reset, sign-up notices): the transport and the sender. None → no email is sent. */
  mail?: { transport: MailTransport; from: string };
  /**
   * Password reset by email (needs `mail` and `sessions`): the portal page that takes the token
   * (the link is `url?token=…`), the token lifetime (default 30 minutes), the email's subject and
   * text (`{portal}`, `{link}`, `{minutes}` are filled in). None → `requestPasswordReset` is refused.
   */
  passwordReset?: { url: string; ttlMs?: number; subject?: string; text?: string };
  /** The portal's name in emails; default "Developer portal". */
  portalName?: string;
  /**
   * Trusted documents (the codegen manifest): clients may send a manifest id instead of the text;
   * with `only`, nothing outside the manifest runs. None → any operation runs.
   */
  trustedDocuments?: { documents: TrustedDocuments; only: boolean };
  /** Which `X-Forwarded-For` entry is the client address (security/client-address.ts); default none: the TCP peer. */
  trustProxy?: TrustProxy;
  /** Serve /metrics on this port (on the gateway's host) instead of the gateway's; 0 = any free port. Default: on the gateway's port. */
  metricsPort?: number;
}

export interface StopOptions {
  /** How long /readyz answers 503 while requests are still served, so load balancers notice; default 0 ms. */
  drainDelayMs?: number;
  /** How long in-flight requests may take to finish before connections are cut; default 10 000 ms. */
  graceMs?: number;
}

export interface GatewayServer {
  yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
  http: Server;
  metrics: GatewayMetrics;
  /** The separate metrics listener's URL once started, when `metricsPort` is set. */
  readonly metricsUrl: string | undefined;
  /** Listens and resolves to the GraphQL endpoint URL. */
  start(port?: number, host?: string): Promise<string>;
  /**
   * Shuts down: readiness turns 503 at once; after `drainDelayMs` the listener closes, every
   * subscription completes (server-sent event streams end with their `complete` event), WebSocket
   * clients are closed with 1001 (going away), in-flight requests finish within `graceMs`; after it,
   * connections still open (a client that stopped reading) are cut.
   */
  stop(options?: StopOptions): Promise<void>;
}

export function buildServer(options: ServerOptions): GatewayServer {
  const metrics = new GatewayMetrics({ knownOperationNames: options.trustedDocuments?.documents.operationNames });
  const trustProxy = options.trustProxy ?? TRUST_NO_PROXY;
  const health: HealthState = { draining: false };
  const clientFor =
    options.clientFor ??
    ((credential: string, request: { signal?: AbortSignal | undefined; trace?: TraceHolder } = {}) =>
      createTykClient({
        baseUrl: options.dashboardUrl,
        credential,
        signal: request.signal,
        onBreakerChange: (group, state) => metrics.circuit.set({ group }, CIRCUIT_STATE_VALUE[state]),
        connectTimeoutMs: options.upstream?.connectTimeoutMs,
        headersTimeoutMs: options.upstream?.timeoutMs,
        bodyTimeoutMs: options.upstream?.timeoutMs,
        onAttempt: (attempt) => {
          metrics.upstreamCalls.inc({ method: attempt.method, route: attempt.route, status: statusLabel(attempt.status) });
          metrics.upstreamSeconds.observe({ route: attempt.route }, attempt.durationMs / 1000);
        },
        // A client span per attempt, and `traceparent` on it (or the caller's, passed on, without tracing).
        onAttemptStart: (start) => startAttemptSpan(options.telemetry?.tracer, request.trace, start),
      }));
  const sharedCache = new SharedCache({ ttlMs: options.sharedCacheTtlMs ?? 30_000 });
  const developerIndex = options.developerIndex instanceof DeveloperIndexStore ? options.developerIndex : new DeveloperIndexStore(options.developerIndex);
  developerIndex.reportTo((stats) => {
    metrics.developerIndexEntries.set({}, stats.entries);
    metrics.developerIndexBytes.set({}, stats.bytes);
    metrics.developerIndexCredentials.set({}, stats.credentials);
  });
  const keyRequestIndex = options.keyRequestIndex instanceof KeyRequestIndexStore ? options.keyRequestIndex : new KeyRequestIndexStore(options.keyRequestIndex);
  keyRequestIndex.reportTo((stats) => {
    metrics.keyRequestIndexEntries.set({}, stats.entries);
    metrics.keyRequestIndexCredentials.set({}, stats.credentials);
  });
  const sharedStore = options.sharedStore ?? new MemoryExpiringStore();
  const events = options.events ?? new KeyEventBus({ logger: options.logger });
  // Key request events of any replica (and the watcher's) keep the key request index in step.
  keyRequestIndex.follow(events);
  const deps = {
    clientFor,
    logger: options.logger,
    now: options.now,
    events,
    loaderMode: options.loaderMode,
    sharedCache,
    developerIndex,
    keyRequestIndex,
    requestDeadlineMs: options.requestDeadlineMs ?? 15_000,
    onBatch: (loader: string, size: number) => metrics.loaderBatch.observe({ loader }, size),
    writes: new SerialWrites(sharedStore, { logger: options.logger }),
    accounts: createAccountServices({
      store: sharedStore,
      credentialTiming: options.credentialTiming,
      mail: options.mail
        ? new MailOutbox({ ...options.mail, logger: options.logger, onOutcome: (kind, outcome) => metrics.emails.inc({ kind, outcome }) })
        : undefined,
      passwordReset: options.passwordReset,
      portalName: options.portalName,
      logger: options.logger,
    }),
    sessions: options.sessions
      ? { tokens: new SessionTokens({ secret: options.sessions.secret, ttlMs: options.sessions.ttlMs, now: options.now }), serviceCredential: options.sessions.serviceCredential }
      : undefined,
  };

  const production = options.hardening?.production ?? false;
  const hub = new SubscriptionHub({
    deps,
    events,
    maxQueued: options.subscriptions?.maxQueuedEvents,
    maxResolving: options.subscriptions?.maxResolvingEvents,
    logger: options.logger,
    // Masked and coded once per group and event, as every transport's errors are.
    formatResult: (result, ctx, document) =>
      result.errors?.length
        ? { ...result, errors: result.errors.map((e) => clientError(maskGraphQLError(e, ctx, document.loc?.source), { http: false, hideSuggestions: production })) }
        : result,
    onOverflow: (transport) => metrics.subscriptionOverflows.inc({ transport }),
    onSize: ({ members, groups }) => {
      metrics.subscriptions.set({}, members);
      metrics.subscriptionGroups.set({}, groups);
    },
  });

  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    // Trusted documents: a client may send `documentId` (a manifest id) instead of `query`.
    ...(options.trustedDocuments ? { extraParamNames: ['documentId'] } : {}),
    maskedErrors: false, // useErrorMasking masks, with the request id at hand
    logging: false,
    landingPage: false,
    // GraphiQL with its assets inlined: no CDN, so it works offline and behind closed networks.
    // Loaded on first use: the bundle is large and start-up should not wait for it.
    renderGraphiQL: async (graphiqlOptions) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(graphiqlOptions),
    graphiql: options.graphiql === false ? false : {
      title: 'portal-graph',
      defaultQuery: EXAMPLE_QUERY,
      headers: JSON.stringify(options.graphiqlHeaders ?? { authorization: '<your Tyk Dashboard API credential>' }),
      shouldPersistHeaders: false,
      // GraphiQL runs subscriptions as an event stream over GET, which the CSRF rule admits only with
      // this header (use-hardening.ts); sent with every request, beside the headers editor's.
      additionalHeaders: { [CSRF_HEADER]: 'graphiql' },
    },
    context: (initial) => {
      const request = initial.request as Request | undefined;
      const headers = request?.headers ?? headersFromConnectionParams(initial['connectionParams']);
      // Over HTTP the access log (access-log.ts) already chose it and put it on the response.
      const requestId = requestIdFor(request?.headers.get('x-request-id') ?? undefined);
      return createContext(deps, { headers, signal: request?.signal, clientAddress: clientAddressOf(initial, trustProxy) }, requestId);
    },
    plugins: [
      useHealth({ state: health, metrics: options.metricsPort === undefined ? metrics : undefined, dashboardUrl: options.dashboardUrl, redisPing: options.redisPing }),
      ...(options.webhookSecret ? [useWebhook({ secret: options.webhookSecret, events })] : []),
      ...hardeningPlugins(options.hardening),
      ...(options.trustedDocuments ? [useTrustedDocuments(options.trustedDocuments)] : []),
      useOperationMetrics(metrics),
      useAccessLog(),
      ...(options.telemetry ? [useTracing(options.telemetry.tracer, metrics.operationNames)] : []),
      useAuthentication(),
      usePasswordCheckLimit(options.maxPasswordChecksPerOperation),
      ...(options.rateLimit === false ? [] : [useRateLimit({ limiter: new MemoryRateLimiter(), ...options.rateLimit })]),
      useSubscriptionFanOut(hub, { logger: options.logger, metrics }),
      useErrorMasking(),
      useErrorCodes({ hideSuggestions: production }),
      ...(options.jit === false
        ? []
        : [useQueryJit({ interpretedRuns: options.jitInterpretedRuns, onCompile: (outcome) => metrics.jitCompilations.inc({ outcome }) })]),
    ],
  });

  const accessLog = { logger: options.logger, trustProxy };
  const http = createServer(withAccessLog(limitUnannouncedBodies(yoga, options.hardening?.maxBodyBytes ?? HARDENING_DEFAULTS.maxBodyBytes), accessLog));
  const websocket = attachGraphQLWebSocket({
    http,
    path: GRAPHQL_PATH,
    yoga,
    metrics,
    logger: options.logger,
    limits: options.websocket,
    trustedDocuments: options.trustedDocuments,
    formatError: (error: GraphQLError) => clientError(error, { http: false, hideSuggestions: production }),
    clientAddressOf: (req) => requestClientAddress(req, trustProxy),
    // The request id on the 101 answer, and one access log line when the socket closes.
    onHeaders: webSocketRequestId,
    onConnection: (socket, req) => logWebSocket(socket, req, accessLog),
  });

  let metricsServer: MetricsServer | undefined;
  return {
    yoga,
    http,
    metrics,
    get metricsUrl() {
      return metricsServer?.url;
    },
    start: async (port = 0, host = '127.0.0.1') => {
      if (options.metricsPort !== undefined) metricsServer = await startMetricsServer(metrics, options.metricsPort, host);
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          const address = http.address() as AddressInfo;
          resolve(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}${GRAPHQL_PATH}`);
        });
      });
    },
    stop: async ({ drainDelayMs = 0, graceMs = 10_000 }: StopOptions = {}) => {
      health.draining = true;
      metrics.draining.set({}, 1);
      if (drainDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, drainDelayMs));
      hub.stop();
      keyRequestIndex.unfollow();
      // Let the transports send each subscription's `complete` before the sockets are closed.
      await new Promise((resolve) => setImmediate(resolve));
      const listenerClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      // Keep-alive connections turn idle as their last request is answered: close them as they do.
      const sweep = setInterval(() => http.closeIdleConnections(), 50);
      http.closeIdleConnections();
      const cut = setTimeout(() => http.closeAllConnections(), graceMs);
      await Promise.all([websocket.close(graceMs), listenerClosed]);
      clearInterval(sweep);
      clearTimeout(cut);
      await metricsServer?.close();
      // Emails already queued get the grace period to go out; a dead SMTP server cannot hold the exit.
      const mail = deps.accounts.mail;
      if (mail) await Promise.race([mail.close(), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    },
  };
}

/**
 * The client address of an HTTP request (Yoga's node server context: the TCP peer, or the
 * X-Forwarded-For entry `trust` picks) or of a graphql-ws connection (worked out the same way from
 * its upgrade request when it opened, src/websocket.ts).
 */
function clientAddressOf(initial: Record<string, unknown>, trust: TrustProxy): string | undefined {
  const req = initial['req'] as IncomingMessage | undefined;
  if (req) return requestClientAddress(req, trust);
  return (initial['extra'] as { connection?: { clientAddress?: string } } | undefined)?.connection?.clientAddress;
}

/** graphql-ws clients send the credential in connection params (`authorization`). */
function headersFromConnectionParams(params: unknown): Headers {
  const headers = new Headers();
  const value = (params as Record<string, unknown> | undefined)?.['authorization'] ?? (params as Record<string, unknown> | undefined)?.['Authorization'];
  if (typeof value === 'string') headers.set('authorization', value);
  return headers;
}
