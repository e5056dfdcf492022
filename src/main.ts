/**
 * Process entry: config → (embedded Dashboard when no URL is configured) → server → listen.
 * Signals stop it cleanly. Nothing else lives here.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PORTAL_NAME } from './domain/accounts.js';
import { outboxTransport, smtpTransport, type MailTransport } from './mail/transport.js';
import { RedisExpiringStore } from './security/expiring-store.js';
import { ConfigError, loadConfig } from './config.js';
import { createEmbeddedDashboard, DEMO_PASSWORD } from './dashboard/index.js';
import { startEvents } from './events/index.js';
import { DeveloperIndexStore } from './loaders/index.js';
import { createLogger } from './logger.js';
import { buildServer } from './server.js';
import { printBanner } from './banner.js';
import { connectRedis } from './redis-connections.js';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './security/rate-limiter.js';
import { TrustedDocuments, TrustedDocumentsError } from './security/trusted-documents.js';
import { startTelemetry } from './telemetry.js';
import { closeTykPools } from './tyk/client.js';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const trustedDocuments = loadTrustedDocuments(config.trustedDocuments);
  if (config.trustedDocuments.only && !trustedDocuments) {
    throw new ConfigError('Invalid configuration:\n  PORTAL_GRAPH_TRUSTED_DOCUMENTS_ONLY: needs PORTAL_GRAPH_TRUSTED_DOCUMENTS (the manifest path)');
  }

  let dashboardUrl = config.dashboardUrl;
  let graphiqlHeaders: Record<string, string> | undefined;
  const embedded = dashboardUrl
    ? undefined
    : createEmbeddedDashboard({ port: config.embeddedDashboardPort, latencyMs: config.embeddedDashboardLatencyMs, demoSize: { developers: [config.demoDevelopers, 30] } });
  if (embedded) {
    dashboardUrl = await embedded.start();
    const demo = embedded.orgs[0];
    if (demo) graphiqlHeaders = { authorization: demo.credential };
  }

  const telemetry = config.otlpEndpoint ? startTelemetry(config.otlpEndpoint) : undefined;
  // Two connections, one per role (redis-connections.ts): commands, and the event subscriber.
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;
  // One developer index for the server's queries and the watcher's polls, which keep it fresh.
  const developerIndex = new DeveloperIndexStore(config.developerIndex);
  const events = startEvents({
    developerIndex,
    logger,
    redis,
    redisPrefix: config.redisPrefix,
    dashboardUrl: dashboardUrl as string,
    watchIntervalMs: config.watch.intervalMs,
    watchCredentials: config.watch.credentials.length ? config.watch.credentials : (embedded?.orgs.map((o) => o.credential) ?? []),
  });
  const webhookSecret = config.webhookSecret ?? (embedded ? randomBytes(24).toString('hex') : undefined);
  const serviceCredential = config.sessions.serviceCredential ?? embedded?.orgs[0]?.credential;
  if (serviceCredential && !config.sessions.secret && !embedded) {
    logger.warn('PORTAL_GRAPH_SESSION_SECRET is not set: session tokens are signed with a random secret and end with this process (and are not accepted by other replicas)');
  }
  const sessions = serviceCredential
    ? { serviceCredential, secret: config.sessions.secret ?? randomBytes(32).toString('base64url'), ttlMs: config.sessions.ttlMs }
    : undefined;
  // Rate limits are shared across replicas through Redis when it is configured (on the commands
  // connection, which fails fast: a Redis outage falls back to per-process counting instead of stalling mutations).
  const limiter: RateLimiter = redis ? new RedisRateLimiter({ redis: redis.commands, prefix: `${config.redisPrefix}:rate`, logger }) : new MemoryRateLimiter();
  // Email: SMTP when configured; the embedded demo (never in production) writes emails to an outbox
  // directory instead, so the reset flow can be followed without any token reaching the log.
  const demoOutbox = !config.mail.smtpUrl && embedded && !config.production ? (config.mail.demoOutbox ?? join(tmpdir(), 'portal-graph-outbox')) : undefined;
  const mailTransport: MailTransport | undefined = config.mail.smtpUrl ? smtpTransport({ url: config.mail.smtpUrl }) : demoOutbox ? outboxTransport(demoOutbox) : undefined;
  const portalName = config.mail.portalName ?? DEFAULT_PORTAL_NAME;
  const resetUrl = config.passwordReset.url ?? (embedded ? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/graphql` : undefined);
  if (mailTransport && !resetUrl) logger.warn('PORTAL_GRAPH_PASSWORD_RESET_URL is not set: password reset by email is off');
  // Reset tokens and logged-out sessions are shared by every replica through Redis when it is
  // configured (on the commands connection, closed with the others).
  const sharedStore = redis ? new RedisExpiringStore({ redis: redis.commands, prefix: config.redisPrefix }) : undefined;
  const server = buildServer({
    dashboardUrl: dashboardUrl as string,
    logger,
    graphiql: config.graphiql,
    graphiqlHeaders,
    upstream: config.upstream,
    sharedCacheTtlMs: config.sharedCacheTtlMs,
    developerIndex,
    keyRequestIndex: config.keyRequestIndex,
    jit: config.jit,
    jitInterpretedRuns: config.jitInterpretedRuns,
    requestDeadlineMs: config.requestDeadlineMs,
    telemetry,
    redisPing: redis?.ping,
    events: events.bus,
    webhookSecret,
    sessions,
    rateLimit: { limiter, ...config.rateLimit },
    maxPasswordChecksPerOperation: config.maxPasswordChecks,
    credentialTiming: config.credentialTiming,
    sharedStore,
    mail: mailTransport ? { transport: mailTransport, from: config.mail.from ?? `"${portalName}" <no-reply@localhost>` } : undefined,
    passwordReset: resetUrl ? { url: resetUrl, ttlMs: config.passwordReset.ttlMs, subject: config.passwordReset.subject, text: config.passwordReset.text } : undefined,
    portalName,
    trustedDocuments,
    websocket: config.websocket,
    subscriptions: config.subscriptions,
    trustProxy: config.trustProxy,
    metricsPort: config.metricsPort,
    hardening: { production: config.production, introspection: config.introspection, ...config.limits },
  });
  const url = await server.start(config.port, config.host);
  // The embedded Dashboard sends its organisation webhooks to this gateway, as a configured Tyk would.
  if (embedded && webhookSecret) embedded.setWebhook(`${new URL(url).origin}/webhooks/tyk?secret=${webhookSecret}`);

  const demoDeveloper = embedded?.orgs[0] && [...(embedded.store.orgs.get(embedded.orgs[0].orgId)?.developers.values() ?? [])].find((d) => !d.inactive);
  printBanner(
    {
      url,
      readyMs: Math.round(process.uptime() * 1000),
      graphiql: config.graphiql,
      dashboardUrl: dashboardUrl as string,
      metricsUrl: server.metricsUrl,
      demo: embedded && {
        orgs: embedded.orgs.map((o) => ({ name: o.name, credential: o.credential })),
        developers: config.demoDevelopers,
        login: demoDeveloper && { email: demoDeveloper.email, password: DEMO_PASSWORD },
        outbox: demoOutbox,
      },
    },
    logger,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, ...config.shutdown }, 'shutting down: draining');
    // A hard bound: whatever happens, the process is gone shortly after drain + grace.
    const deadline = setTimeout(() => process.exit(1), config.shutdown.drainDelayMs + config.shutdown.graceMs + 2_000);
    deadline.unref();
    await server.stop(config.shutdown);
    await events.stop();
    await closeTykPools();
    await telemetry?.shutdown().catch(() => undefined);
    // The limiter's Redis connection is the shared commands one: closed with the others.
    if (redis) await redis.close();
    else await limiter.close?.();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`portal-graph failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  process.exit(1);
});

/** The trusted documents manifest, or undefined when none is configured; a bad file stops the process. */
function loadTrustedDocuments(setting: { path: string | undefined; only: boolean }) {
  if (!setting.path) return undefined;
  try {
    return { documents: TrustedDocuments.fromFile(setting.path), only: setting.only };
  } catch (error) {
    if (error instanceof TrustedDocumentsError) throw new ConfigError(`Invalid configuration:\n  PORTAL_GRAPH_TRUSTED_DOCUMENTS: ${error.message}`);
    throw error;
  }
}
