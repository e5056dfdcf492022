/**
 * The only reader of process.env. Every setting has a default and a doc line; a bad value stops the
 * process with a message naming the variable and what it expects.
 */
import { z } from 'zod';
import { parseTrustProxy, TrustProxyError, type TrustProxy } from './security/client-address.js';

const port = z.coerce.number().int().min(0).max(65535);
const positiveMs = z.coerce.number().int().positive();
/** Developers in the first demo organisation (the embedded Dashboard's demo data). */
const demoDevelopers = z.coerce.number().int().min(0).max(500_000).default(250);

const EnvSchema = z.object({
  /** Port the gateway listens on. Default 4000. */
  PORTAL_GRAPH_PORT: port.default(4000),
  /** Interface the gateway binds. Default 127.0.0.1 (use 0.0.0.0 in a container). */
  PORTAL_GRAPH_HOST: z.string().min(1).default('127.0.0.1'),
  /** Tyk Dashboard origin, e.g. https://dashboard.example.com. Unset → the embedded Dashboard. */
  PORTAL_GRAPH_DASHBOARD_URL: z
    .string()
    .url()
    .refine((u) => /^https?:/.test(u), 'must be an http(s) URL')
    .optional(),
  /** Run the embedded demo Dashboard even with NODE_ENV=production (which otherwise needs PORTAL_GRAPH_DASHBOARD_URL). */
  PORTAL_GRAPH_DEMO: z.enum(['true', 'false']).optional(),
  /** Serve /metrics on this port (same interface) instead of the gateway's port. Unset → on the gateway's port. */
  PORTAL_GRAPH_METRICS_PORT: port.optional(),
  /** Which X-Forwarded-For entry is the client address: a hop count or a list of proxy addresses/CIDR ranges. Unset → the TCP peer. */
  PORTAL_GRAPH_TRUST_PROXY: z
    .string()
    .optional()
    .superRefine((value, check) => {
      try {
        parseTrustProxy(value);
      } catch (error) {
        if (!(error instanceof TrustProxyError)) throw error;
        check.addIssue({ code: 'custom', message: `${error.message} (expected a hop count such as 1, or addresses/CIDR ranges such as 10.0.0.0/8,192.168.0.1)` });
      }
    }),
  /** Port of the embedded Dashboard when it runs in-process. Default 0 (any free port). */
  PORTAL_GRAPH_EMBEDDED_DASHBOARD_PORT: port.default(0),
  /** Artificial latency of the embedded Dashboard per request (ms), for demos and tests. Default 0. */
  PORTAL_GRAPH_EMBEDDED_DASHBOARD_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /** Developers in the embedded Dashboard's first demo organisation (Acme; Globex keeps 30). Default 250. */
  PORTAL_GRAPH_DEMO_DEVELOPERS: demoDevelopers,
  /** How long a credential's shared developer index answers searches and sorts after it was built (ms); 0 turns it off. Default 60000. */
  PORTAL_GRAPH_DEVELOPER_INDEX_TTL_MS: z.coerce.number().int().min(0).default(60_000),
  /** Developer rows the shared developer index keeps across all credentials. Default 250000. */
  PORTAL_GRAPH_DEVELOPER_INDEX_MAX_ENTRIES: z.coerce.number().int().min(0).default(250_000),
  /** How long a credential's shared key request index answers developers' key requests after it was built (ms); 0 turns it off. Default 60000. */
  PORTAL_GRAPH_KEY_REQUEST_INDEX_TTL_MS: z.coerce.number().int().min(0).default(60_000),
  /** On SIGTERM, how long /readyz answers 503 while requests are still served (ms). Default 5000. */
  PORTAL_GRAPH_DRAIN_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(5_000),
  /** After draining, how long in-flight requests may take before connections are cut (ms). Default 10000. */
  PORTAL_GRAPH_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  /** Deadline of one GraphQL request (ms); its upstream calls are aborted then. Default 15000. */
  PORTAL_GRAPH_REQUEST_DEADLINE_MS: z.coerce.number().int().positive().default(15_000),
  /** Upstream connect timeout per attempt (ms). Default 2000. */
  PORTAL_GRAPH_UPSTREAM_CONNECT_TIMEOUT_MS: positiveMs.default(2000),
  /** Upstream response timeout per attempt (ms). Default 10000. */
  PORTAL_GRAPH_UPSTREAM_TIMEOUT_MS: positiveMs.default(10_000),
  /** Serve GraphiQL at the GraphQL path. Default true, false when NODE_ENV=production. */
  PORTAL_GRAPH_GRAPHIQL: z.enum(['true', 'false']).optional(),
  /** Answer introspection. Default true, false when NODE_ENV=production. */
  PORTAL_GRAPH_INTROSPECTION: z.enum(['true', 'false']).optional(),
  /** `production` hides field suggestions and, unless overridden, introspection and GraphiQL. */
  NODE_ENV: z.string().optional(),
  /** Compile hot query operations with graphql-jit. Default true. */
  PORTAL_GRAPH_JIT: z.enum(['true', 'false']).default('true'),
  /** Runs of a query operation on graphql-js before graphql-jit compiles it. Default 10 (use-query-jit.ts); 0 = at once. */
  PORTAL_GRAPH_JIT_AFTER_RUNS: z.coerce.number().int().min(0).optional(),
  /** How long policies, catalogue and portal configuration are shared across one credential's requests (ms). Default 30000; 0 = never. */
  PORTAL_GRAPH_SHARED_CACHE_TTL_MS: z.coerce.number().int().min(0).default(30_000),
  /** pino log level. Default info. */
  PORTAL_GRAPH_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** OTLP/HTTP endpoint for traces, e.g. http://collector:4318 (the OpenTelemetry standard variable). Unset → no traces. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** Shared secret of the webhook receiver POST /webhooks/tyk. Unset → a random one in embedded mode, the receiver off otherwise. */
  PORTAL_GRAPH_WEBHOOK_SECRET: z.string().min(16).optional(),
  /** Change watcher poll interval (ms); 0 turns it off. Default 10000. */
  PORTAL_GRAPH_WATCH_INTERVAL_MS: z.coerce.number().int().min(0).default(10_000),
  /** Comma-separated Dashboard credentials the change watcher polls with, one per organisation. Embedded mode: the demo orgs'. */
  PORTAL_GRAPH_WATCH_CREDENTIALS: z.string().optional(),
  /** Redis URL for cross-replica subscriptions. Unset → in-memory fan-out. */
  REDIS_URL: z.string().url().optional(),
  /** Prefix of every Redis key and channel, so deployments (or tests) can share one Redis. Default portal-graph. */
  PORTAL_GRAPH_REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, '1–64 of A–Z a–z 0–9 . _ : -').default('portal-graph'),
  /** Dashboard credential the gateway uses for developers and anonymous visitors (login, signup, viewer). Unset → developer sessions off; embedded mode: the first demo org's. */
  PORTAL_GRAPH_SERVICE_CREDENTIAL: z.string().min(1).optional(),
  /** Secret that signs developer session tokens (at least 32 characters; the same on every replica). Unset → a random one per process. */
  PORTAL_GRAPH_SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** Lifetime of a developer session token (seconds). Default 3600. */
  PORTAL_GRAPH_SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(3600),
  /** Deepest field nesting a document may have. Default 12. */
  PORTAL_GRAPH_MAX_DEPTH: z.coerce.number().int().positive().default(12),
  /** Most aliases in one document. Default 15. */
  PORTAL_GRAPH_MAX_ALIASES: z.coerce.number().int().positive().default(15),
  /** Most tokens in one document. Default 3000. */
  PORTAL_GRAPH_MAX_TOKENS: z.coerce.number().int().positive().default(3_000),
  /** Most directives in one document. Default 20. */
  PORTAL_GRAPH_MAX_DIRECTIVES: z.coerce.number().int().positive().default(20),
  /** Largest estimated cost of one document (graphql-armor's cost model). Default 75000: admits a `first: 100` admin list (use-hardening.ts). */
  PORTAL_GRAPH_MAX_COST: z.coerce.number().int().positive().default(75_000),
  /** Largest HTTP request body in bytes. Default 100000. */
  PORTAL_GRAPH_MAX_BODY_BYTES: z.coerce.number().int().min(1_024).default(100_000),
  /** Largest graphql-ws frame in bytes; a bigger one closes the socket with 1009. Default 65536. */
  PORTAL_GRAPH_WS_MAX_PAYLOAD_BYTES: z.coerce.number().int().min(1_024).default(64 * 1024),
  /** Operations one graphql-ws connection may run at once. Default 50. */
  PORTAL_GRAPH_WS_MAX_OPERATIONS: z.coerce.number().int().positive().default(50),
  /** Time a WebSocket has to send connection_init before it is closed with 4408 (ms). Default 5000. */
  PORTAL_GRAPH_WS_INIT_TIMEOUT_MS: positiveMs.default(5_000),
  /** Bytes a WebSocket may hold unsent (its client not reading) before it is closed with 1013. Default 1048576. */
  PORTAL_GRAPH_WS_MAX_BUFFERED_BYTES: z.coerce.number().int().min(65_536).default(1024 * 1024),
  /** Events waiting for one subscriber before its subscription ends with SUBSCRIPTION_OVERFLOW and its connection is dropped. Default 1000. */
  PORTAL_GRAPH_SUBSCRIPTION_MAX_QUEUED: z.coerce.number().int().min(1).max(100_000).default(1_000),
  /** Path of the trusted documents manifest (codegen's persisted-documents.json). Unset → any operation runs. */
  PORTAL_GRAPH_TRUSTED_DOCUMENTS: z.string().min(1).optional(),
  /** Run only operations from the manifest. Default true when NODE_ENV=production and a manifest is set. */
  PORTAL_GRAPH_TRUSTED_DOCUMENTS_ONLY: z.enum(['true', 'false']).optional(),
  /** Mutation fields one principal may run per minute. Default 60; 0 turns every rate limit off. */
  PORTAL_GRAPH_RATE_LIMIT_MUTATIONS_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  /** Password checks (login) per email per 15 minutes. Default 10. */
  PORTAL_GRAPH_RATE_LIMIT_LOGIN_PER_EMAIL: z.coerce.number().int().positive().default(10),
  /** Password checks (login) per client address per 15 minutes. Default 30. */
  PORTAL_GRAPH_RATE_LIMIT_LOGIN_PER_ADDRESS: z.coerce.number().int().positive().default(30),
  /** Sign-ups per client address per hour. Default 10. */
  PORTAL_GRAPH_RATE_LIMIT_SIGNUP_PER_ADDRESS: z.coerce.number().int().positive().default(10),
  /** Password-reset emails asked for per email per hour. Default 3. */
  PORTAL_GRAPH_RATE_LIMIT_RESET_PER_EMAIL: z.coerce.number().int().positive().default(3),
  /** Password-reset emails asked for per client address per hour. Default 10. */
  PORTAL_GRAPH_RATE_LIMIT_RESET_PER_ADDRESS: z.coerce.number().int().positive().default(10),
  /** SMTP server for password-reset emails and sign-up notices: smtp://user:pass@host:port or smtps://… Unset → no email (embedded demo: the outbox directory). */
  PORTAL_GRAPH_SMTP_URL: z
    .string()
    .url()
    .refine((u) => /^smtps?:\/\//.test(u), 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** Sender of the gateway's emails, e.g. "Acme portal" <portal@acme.example>. Default "<portal name>" <no-reply@localhost>. */
  PORTAL_GRAPH_MAIL_FROM: z.string().min(3).optional(),
  /** The portal's name in emails. Default "Developer portal". */
  PORTAL_GRAPH_PORTAL_NAME: z.string().min(1).max(100).optional(),
  /** The portal page that takes a reset token; the email links to <url>?token=<token>. Unset → password reset off (embedded demo: the GraphiQL URL). */
  PORTAL_GRAPH_PASSWORD_RESET_URL: z
    .string()
    .url()
    .refine((u) => /^https?:/.test(u), 'must be an http(s) URL')
    .optional(),
  /** Lifetime of a password-reset token (minutes). Default 30. */
  PORTAL_GRAPH_PASSWORD_RESET_TTL_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** Subject of the reset email; {portal}, {minutes} are filled in. Default "Reset your {portal} password". */
  PORTAL_GRAPH_PASSWORD_RESET_SUBJECT: z.string().min(1).max(200).optional(),
  /** Text of the reset email; {portal}, {link}, {minutes} are filled in ("\n" for a line break). Default: src/mail/templates.ts. */
  PORTAL_GRAPH_PASSWORD_RESET_TEXT: z.string().min(1).max(5_000).refine((t) => t.includes('{link}'), 'must contain {link}').optional(),
  /** Directory the embedded demo writes emails to when no SMTP server is set. Default <tmp>/portal-graph-outbox. */
  PORTAL_GRAPH_DEMO_OUTBOX: z.string().min(1).optional(),
  /** Password-checking fields (login, verifyDeveloperCredentials, …) one operation may hold. Default 1. */
  PORTAL_GRAPH_MAX_PASSWORD_CHECKS: z.coerce.number().int().positive().default(1),
  /** Shortest answer time of login, sign-up and password-reset requests (ms), so timing tells no email's existence. Default 150. */
  PORTAL_GRAPH_CREDENTIAL_MIN_MS: z.coerce.number().int().min(0).max(10_000).default(150),
  /** Random extra answer time of those requests (ms, uniform in [0, value]). Default 50. */
  PORTAL_GRAPH_CREDENTIAL_JITTER_MS: z.coerce.number().int().min(0).max(10_000).default(50),
});

/** Every variable loadConfig reads (container files and docs are checked against it). */
export const ENVIRONMENT_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

export interface Config {
  port: number;
  host: string;
  /** undefined → run the embedded Dashboard. */
  dashboardUrl: string | undefined;
  /** PORTAL_GRAPH_DEMO=true: the embedded Dashboard may run in production. */
  demo: boolean;
  /** Port of a separate /metrics listener; undefined → /metrics on the gateway's port. */
  metricsPort: number | undefined;
  /** How the client address is read from X-Forwarded-For (security/client-address.ts). */
  trustProxy: TrustProxy;
  embeddedDashboardPort: number;
  embeddedDashboardLatencyMs: number;
  /** Developers in the embedded Dashboard's first demo organisation. */
  demoDevelopers: number;
  /** The shared developer index: TTL (0 = off) and rows kept across credentials. */
  developerIndex: { ttlMs: number; maxEntries: number };
  keyRequestIndex: { ttlMs: number };
  shutdown: { drainDelayMs: number; graceMs: number };
  upstream: { connectTimeoutMs: number; timeoutMs: number };
  requestDeadlineMs: number;
  graphiql: boolean;
  production: boolean;
  introspection: boolean;
  sharedCacheTtlMs: number;
  /** Compile hot query operations with graphql-jit. */
  jit: boolean;
  /** Runs of a query operation on graphql-js before it is compiled; undefined → the plugin's default. */
  jitInterpretedRuns: number | undefined;
  logLevel: z.infer<typeof EnvSchema>['PORTAL_GRAPH_LOG_LEVEL'];
  redisUrl: string | undefined;
  /** Prefix of Redis keys and channels. */
  redisPrefix: string;
  /** Developer sessions; `secret` undefined → generate one per process. */
  sessions: { serviceCredential: string | undefined; secret: string | undefined; ttlMs: number };
  /** Document and body limits (see use-hardening.ts). */
  limits: { maxDepth: number; maxAliases: number; maxTokens: number; maxDirectives: number; maxCost: number; maxBodyBytes: number };
  /** graphql-ws limits. */
  websocket: { maxPayloadBytes: number; maxOperationsPerConnection: number; connectionInitWaitTimeoutMs: number; maxBufferedBytes: number };
  /** Subscription queues (see subscriptions/hub.ts). */
  subscriptions: { maxQueuedEvents: number };
  /** Trusted documents: manifest path (undefined → off) and whether only they run. */
  trustedDocuments: { path: string | undefined; only: boolean };
  rateLimit: { mutationsPerMinute: number; loginPerEmail: number; loginPerAddress: number; signupPerAddress: number; resetPerEmail: number; resetPerAddress: number };
  /** Email: SMTP URL (undefined → none), sender, portal name, the demo's outbox directory. */
  mail: { smtpUrl: string | undefined; from: string | undefined; portalName: string | undefined; demoOutbox: string | undefined };
  /** Password reset: the portal page (undefined → off, or the embedded default), token lifetime, templates. */
  passwordReset: { url: string | undefined; ttlMs: number; subject: string | undefined; text: string | undefined };
  /** Password checks one operation may hold. */
  maxPasswordChecks: number;
  /** Uniform answer times of the credential flows (src/security/uniform-duration.ts). */
  credentialTiming: { minMs: number; jitterMs: number };
  webhookSecret: string | undefined;
  watch: { intervalMs: number; credentials: string[] };
  otlpEndpoint: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  // The embedded Dashboard's credentials are public (printed, and in the source): never by accident in production.
  if (e.NODE_ENV === 'production' && !e.PORTAL_GRAPH_DASHBOARD_URL && e.PORTAL_GRAPH_DEMO !== 'true') {
    throw new ConfigError(
      'Invalid configuration:\n  PORTAL_GRAPH_DASHBOARD_URL: required when NODE_ENV=production (without it the embedded demo Dashboard would run, with public credentials); set PORTAL_GRAPH_DEMO=true to run the demo anyway',
    );
  }
  return {
    port: e.PORTAL_GRAPH_PORT,
    host: e.PORTAL_GRAPH_HOST,
    dashboardUrl: e.PORTAL_GRAPH_DASHBOARD_URL?.replace(/\/+$/, ''),
    demo: e.PORTAL_GRAPH_DEMO === 'true',
    metricsPort: e.PORTAL_GRAPH_METRICS_PORT,
    trustProxy: parseTrustProxy(e.PORTAL_GRAPH_TRUST_PROXY),
    embeddedDashboardPort: e.PORTAL_GRAPH_EMBEDDED_DASHBOARD_PORT,
    embeddedDashboardLatencyMs: e.PORTAL_GRAPH_EMBEDDED_DASHBOARD_LATENCY_MS,
    demoDevelopers: e.PORTAL_GRAPH_DEMO_DEVELOPERS,
    developerIndex: { ttlMs: e.PORTAL_GRAPH_DEVELOPER_INDEX_TTL_MS, maxEntries: e.PORTAL_GRAPH_DEVELOPER_INDEX_MAX_ENTRIES },
    keyRequestIndex: { ttlMs: e.PORTAL_GRAPH_KEY_REQUEST_INDEX_TTL_MS },
    shutdown: { drainDelayMs: e.PORTAL_GRAPH_DRAIN_DELAY_MS, graceMs: e.PORTAL_GRAPH_SHUTDOWN_GRACE_MS },
    upstream: { connectTimeoutMs: e.PORTAL_GRAPH_UPSTREAM_CONNECT_TIMEOUT_MS, timeoutMs: e.PORTAL_GRAPH_UPSTREAM_TIMEOUT_MS },
    requestDeadlineMs: e.PORTAL_GRAPH_REQUEST_DEADLINE_MS,
    production: e.NODE_ENV === 'production',
    graphiql: e.PORTAL_GRAPH_GRAPHIQL ? e.PORTAL_GRAPH_GRAPHIQL === 'true' : e.NODE_ENV !== 'production',
    introspection: e.PORTAL_GRAPH_INTROSPECTION ? e.PORTAL_GRAPH_INTROSPECTION === 'true' : e.NODE_ENV !== 'production',
    sharedCacheTtlMs: e.PORTAL_GRAPH_SHARED_CACHE_TTL_MS,
    jit: e.PORTAL_GRAPH_JIT === 'true',
    jitInterpretedRuns: e.PORTAL_GRAPH_JIT_AFTER_RUNS,
    logLevel: e.PORTAL_GRAPH_LOG_LEVEL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.PORTAL_GRAPH_REDIS_PREFIX,
    limits: {
      maxDepth: e.PORTAL_GRAPH_MAX_DEPTH,
      maxAliases: e.PORTAL_GRAPH_MAX_ALIASES,
      maxTokens: e.PORTAL_GRAPH_MAX_TOKENS,
      maxDirectives: e.PORTAL_GRAPH_MAX_DIRECTIVES,
      maxCost: e.PORTAL_GRAPH_MAX_COST,
      maxBodyBytes: e.PORTAL_GRAPH_MAX_BODY_BYTES,
    },
    websocket: {
      maxPayloadBytes: e.PORTAL_GRAPH_WS_MAX_PAYLOAD_BYTES,
      maxOperationsPerConnection: e.PORTAL_GRAPH_WS_MAX_OPERATIONS,
      connectionInitWaitTimeoutMs: e.PORTAL_GRAPH_WS_INIT_TIMEOUT_MS,
      maxBufferedBytes: e.PORTAL_GRAPH_WS_MAX_BUFFERED_BYTES,
    },
    subscriptions: { maxQueuedEvents: e.PORTAL_GRAPH_SUBSCRIPTION_MAX_QUEUED },
    trustedDocuments: {
      path: e.PORTAL_GRAPH_TRUSTED_DOCUMENTS,
      only: e.PORTAL_GRAPH_TRUSTED_DOCUMENTS_ONLY ? e.PORTAL_GRAPH_TRUSTED_DOCUMENTS_ONLY === 'true' : e.NODE_ENV === 'production' && e.PORTAL_GRAPH_TRUSTED_DOCUMENTS !== undefined,
    },
    rateLimit: {
      mutationsPerMinute: e.PORTAL_GRAPH_RATE_LIMIT_MUTATIONS_PER_MINUTE,
      loginPerEmail: e.PORTAL_GRAPH_RATE_LIMIT_LOGIN_PER_EMAIL,
      loginPerAddress: e.PORTAL_GRAPH_RATE_LIMIT_LOGIN_PER_ADDRESS,
      signupPerAddress: e.PORTAL_GRAPH_RATE_LIMIT_SIGNUP_PER_ADDRESS,
      resetPerEmail: e.PORTAL_GRAPH_RATE_LIMIT_RESET_PER_EMAIL,
      resetPerAddress: e.PORTAL_GRAPH_RATE_LIMIT_RESET_PER_ADDRESS,
    },
    mail: { smtpUrl: e.PORTAL_GRAPH_SMTP_URL, from: e.PORTAL_GRAPH_MAIL_FROM, portalName: e.PORTAL_GRAPH_PORTAL_NAME, demoOutbox: e.PORTAL_GRAPH_DEMO_OUTBOX },
    passwordReset: {
      url: e.PORTAL_GRAPH_PASSWORD_RESET_URL,
      ttlMs: e.PORTAL_GRAPH_PASSWORD_RESET_TTL_MINUTES * 60_000,
      subject: e.PORTAL_GRAPH_PASSWORD_RESET_SUBJECT,
      text: e.PORTAL_GRAPH_PASSWORD_RESET_TEXT?.replace(/\\n/g, '\n'),
    },
    maxPasswordChecks: e.PORTAL_GRAPH_MAX_PASSWORD_CHECKS,
    credentialTiming: { minMs: e.PORTAL_GRAPH_CREDENTIAL_MIN_MS, jitterMs: e.PORTAL_GRAPH_CREDENTIAL_JITTER_MS },
    sessions: { serviceCredential: e.PORTAL_GRAPH_SERVICE_CREDENTIAL, secret: e.PORTAL_GRAPH_SESSION_SECRET, ttlMs: e.PORTAL_GRAPH_SESSION_TTL_SECONDS * 1000 },
    webhookSecret: e.PORTAL_GRAPH_WEBHOOK_SECRET,
    watch: {
      intervalMs: e.PORTAL_GRAPH_WATCH_INTERVAL_MS,
      credentials: (e.PORTAL_GRAPH_WATCH_CREDENTIALS ?? '').split(',').map((c) => c.trim()).filter(Boolean),
    },
    otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
  };
}

/**
 * `PORTAL_GRAPH_DEMO_DEVELOPERS` alone, for `npm run dashboard` (which reads no other setting);
 * throws ConfigError on a bad value.
 */
export function loadDemoDevelopers(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = demoDevelopers.safeParse(env['PORTAL_GRAPH_DEMO_DEVELOPERS']);
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n  PORTAL_GRAPH_DEMO_DEVELOPERS: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}
