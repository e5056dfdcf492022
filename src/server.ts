/**
 * buildServer: the GraphQL gateway (Yoga over HTTP, graphql-ws on the same path) bound to one
 * Dashboard origin. It never reads process.env and never listens on import: `start()` listens,
 * `stop()` closes, and tests may call `yoga.fetch()` without a port.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { createContext, type GatewayContext } from './context.js';
import { KeyEventBus } from './events/bus.js';
import type { KeyEventFeed } from './events/key-event.js';
import { SharedCache, type LoaderMode } from './loaders/index.js';
import { CIRCUIT_STATE_VALUE, GatewayMetrics } from './metrics.js';
import { useErrorCodes } from './plugins/use-error-codes.js';
import { useErrorMasking } from './plugins/use-error-masking.js';
import { CSRF_HEADER, HARDENING_DEFAULTS, hardeningPlugins, type HardeningOptions } from './plugins/use-hardening.js';
import { limitUnannouncedBodies } from './http-body-limit.js';
import { useHealth, type HealthState } from './plugins/use-health.js';
import { useOperationMetrics } from './plugins/use-operation-metrics.js';
import { useQueryJit } from './plugins/use-query-jit.js';
import { useTracing } from './plugins/use-tracing.js';
import { useWebhook } from './plugins/use-webhook.js';
import { recordAttemptSpan, type Telemetry, type TraceHolder } from './telemetry.js';
import { useAuthentication } from './plugins/use-authentication.js';
import { usePasswordCheckLimit } from './plugins/use-password-check-limit.js';
import { useRateLimit, type RateLimitOptions } from './plugins/use-rate-limit.js';
import { MemoryRateLimiter } from './security/rate-limiter.js';
import { useTrustedDocuments } from './plugins/use-trusted-documents.js';
import { resolveOperation, type TrustedDocuments } from './security/trusted-documents.js';
import { SessionTokens } from './security/session-token.js';
import type { UniformDurationOptions } from './security/uniform-duration.js';
import { createAccountServices } from './domain/accounts.js';
import { MemoryExpiringStore, type ExpiringStore } from './security/expiring-store.js';
import { SerialWrites } from './domain/serial-writes.js';
import { MailOutbox } from './mail/outbox.js';
import type { MailTransport } from './mail/transport.js';
import { schema } from './schema/index.js';
import { createTykClient } from './tyk/client.js';
import type { TykClient } from './tyk/types.js';

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
  /** graphql-ws limits: largest frame (default 64 KiB), operations per connection (default 50), time to `connection_init` (default 5 000 ms). */
  websocket?: { maxPayloadBytes?: number; maxOperationsPerConnection?: number; connectionInitWaitTimeoutMs?: number };
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
  /** Listens and resolves to the GraphQL endpoint URL. */
  start(port?: number, host?: string): Promise<string>;
  /**
   * Shuts down: readiness turns 503 at once; after `drainDelayMs` the listener closes, WebSocket
   * clients are closed with 1001 (going away), in-flight requests finish within `graceMs`.
   */
  stop(options?: StopOptions): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function buildServer(options: ServerOptions): GatewayServer {
  const metrics = new GatewayMetrics();
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
          metrics.upstreamCalls.inc({ method: attempt.method, route: attempt.route, status: String(attempt.status ?? 'none') });
          metrics.upstreamSeconds.observe({ route: attempt.route }, attempt.durationMs / 1000);
          if (options.telemetry) recordAttemptSpan(options.telemetry.tracer, request.trace, attempt);
        },
      }));
  const sharedCache = new SharedCache({ ttlMs: options.sharedCacheTtlMs ?? 30_000 });
  const sharedStore = options.sharedStore ?? new MemoryExpiringStore();
  const events = options.events ?? new KeyEventBus({ logger: options.logger });
  const deps = {
    clientFor,
    logger: options.logger,
    now: options.now,
    events,
    loaderMode: options.loaderMode,
    sharedCache,
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
      const asked = request?.headers.get('x-request-id');
      const requestId = asked && REQUEST_ID.test(asked) ? asked : randomUUID();
      return createContext(deps, { headers, signal: request?.signal, clientAddress: clientAddressOf(initial) }, requestId);
    },
    plugins: [
      useHealth({ state: health, metrics, dashboardUrl: options.dashboardUrl, redisPing: options.redisPing }),
      ...(options.webhookSecret ? [useWebhook({ secret: options.webhookSecret, events })] : []),
      ...hardeningPlugins(options.hardening),
      ...(options.trustedDocuments ? [useTrustedDocuments(options.trustedDocuments)] : []),
      useOperationMetrics(metrics),
      ...(options.telemetry ? [useTracing(options.telemetry.tracer)] : []),
      useAuthentication(),
      usePasswordCheckLimit(options.maxPasswordChecksPerOperation),
      ...(options.rateLimit === false ? [] : [useRateLimit({ limiter: new MemoryRateLimiter(), ...options.rateLimit })]),
      useErrorMasking(),
      useErrorCodes(),
      ...(options.jit === false
        ? []
        : [useQueryJit({ interpretedRuns: options.jitInterpretedRuns, onCompile: (outcome) => metrics.jitCompilations.inc({ outcome }) })]),
    ],
  });

  const http = createServer(limitUnannouncedBodies(yoga, options.hardening?.maxBodyBytes ?? HARDENING_DEFAULTS.maxBodyBytes));
  const wsLimits = { maxPayloadBytes: 64 * 1024, maxOperationsPerConnection: 50, connectionInitWaitTimeoutMs: 5_000, ...options.websocket };
  // A frame over the limit closes the socket with 1009 (message too big).
  const ws = new WebSocketServer({ server: http, path: GRAPHQL_PATH, maxPayload: wsLimits.maxPayloadBytes });
  const activeOperations = new WeakMap<object, number>();
  ws.on('connection', (socket) => {
    metrics.openSockets.inc({}, 1);
    socket.once('close', () => metrics.openSockets.inc({}, -1));
  });
  useServer(
    {
      execute: (args) => (args.rootValue as { execute: (a: unknown) => unknown }).execute(args) as never,
      subscribe: (args) => (args.rootValue as { subscribe: (a: unknown) => unknown }).subscribe(args) as never,
      // graphql-ws closes a socket that sends no connection_init in time with 4408.
      connectionInitWaitTimeout: wsLimits.connectionInitWaitTimeoutMs,
      onOperation: () => metrics.openOperations.inc({}, 1),
      onComplete: (ctx) => {
        metrics.openOperations.inc({}, -1);
        const socket = ctx.extra.socket;
        activeOperations.set(socket, Math.max(0, (activeOperations.get(socket) ?? 1) - 1));
      },
      onSubscribe: async (ctx, _id, params) => {
        const active = activeOperations.get(ctx.extra.socket) ?? 0;
        if (active >= wsLimits.maxOperationsPerConnection) {
          return [
            new GraphQLError(`At most ${wsLimits.maxOperationsPerConnection} operations may run on one connection.`, {
              extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
            }),
          ];
        }
        const { schema: envelopedSchema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          connectionParams: ctx.connectionParams,
          params,
        });
        const trusted = options.trustedDocuments ? resolveOperation(options.trustedDocuments, params) : { query: params.query };
        if (trusted instanceof GraphQLError) return [new GraphQLError(trusted.message, { extensions: { code: trusted.extensions['code'] } })];
        const document = parse(trusted.query ?? '');
        const errors = validate(envelopedSchema, document);
        if (errors.length > 0) return errors;
        activeOperations.set(ctx.extra.socket, active + 1);
        return {
          schema: envelopedSchema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
      },
    },
    ws,
  );

  return {
    yoga,
    http,
    metrics,
    start: (port = 0, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          const address = http.address() as AddressInfo;
          resolve(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}${GRAPHQL_PATH}`);
        });
      }),
    stop: async ({ drainDelayMs = 0, graceMs = 10_000 }: StopOptions = {}) => {
      health.draining = true;
      metrics.draining.set({}, 1);
      if (drainDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, drainDelayMs));
      for (const client of ws.clients) client.close(1001, 'Going away');
      const closed = new Promise<void>((resolve) => ws.close(() => http.close(() => resolve())));
      // Keep-alive connections turn idle as their last request is answered: close them as they do.
      const sweep = setInterval(() => http.closeIdleConnections(), 50);
      http.closeIdleConnections();
      const cut = setTimeout(() => http.closeAllConnections(), graceMs);
      await closed;
      clearInterval(sweep);
      clearTimeout(cut);
      // Emails already queued get the grace period to go out; a dead SMTP server cannot hold the exit.
      const mail = deps.accounts.mail;
      if (mail) await Promise.race([mail.close(), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    },
  };
}

/** The TCP peer of an HTTP request (Yoga's node server context) or of a graphql-ws connection. */
function clientAddressOf(initial: Record<string, unknown>): string | undefined {
  const req = (initial['req'] as IncomingMessage | undefined) ?? (initial['extra'] as { request?: IncomingMessage } | undefined)?.request;
  return req?.socket?.remoteAddress;
}

/** graphql-ws clients send the credential in connection params (`authorization`). */
function headersFromConnectionParams(params: unknown): Headers {
  const headers = new Headers();
  const value = (params as Record<string, unknown> | undefined)?.['authorization'] ?? (params as Record<string, unknown> | undefined)?.['Authorization'];
  if (typeof value === 'string') headers.set('authorization', value);
  return headers;
}
