import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('has a default for every setting', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', dashboardUrl: undefined, graphiql: true, requestDeadlineMs: 15_000 });
  });

  it('stops with a message naming each bad variable and what it expects', () => {
    const attempt = () => loadConfig({ PORTAL_GRAPH_PORT: 'eighty', PORTAL_GRAPH_DASHBOARD_URL: 'ftp://dashboard', PORTAL_GRAPH_GRAPHIQL: 'yes' });
    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toContain('PORTAL_GRAPH_PORT');
    expect(message).toContain('PORTAL_GRAPH_DASHBOARD_URL');
    expect(message).toContain('PORTAL_GRAPH_GRAPHIQL');
  });

  it('drops a trailing slash from the Dashboard URL', () => {
    expect(loadConfig({ PORTAL_GRAPH_DASHBOARD_URL: 'https://dashboard.example.com/' }).dashboardUrl).toBe('https://dashboard.example.com');
  });

  it('reads developer session settings, and refuses a short session secret', () => {
    expect(loadConfig({}).sessions).toEqual({ serviceCredential: undefined, secret: undefined, ttlMs: 3_600_000 });
    const secret = 'x'.repeat(32);
    expect(loadConfig({ PORTAL_GRAPH_SERVICE_CREDENTIAL: 'svc', PORTAL_GRAPH_SESSION_SECRET: secret, PORTAL_GRAPH_SESSION_TTL_SECONDS: '600' }).sessions).toEqual({
      serviceCredential: 'svc',
      secret,
      ttlMs: 600_000,
    });
    expect(() => loadConfig({ PORTAL_GRAPH_SESSION_SECRET: 'too-short' })).toThrow(/PORTAL_GRAPH_SESSION_SECRET: at least 32 characters/);
    expect(() => loadConfig({ PORTAL_GRAPH_SESSION_TTL_SECONDS: '5' })).toThrow(/PORTAL_GRAPH_SESSION_TTL_SECONDS/);
  });

  it('reads the rate limits, 0 turning them off, and refuses negative ones', () => {
    expect(loadConfig({}).rateLimit).toEqual({ mutationsPerMinute: 60, loginPerEmail: 10, loginPerAddress: 30, signupPerAddress: 10, resetPerEmail: 3, resetPerAddress: 10 });
    expect(loadConfig({ PORTAL_GRAPH_RATE_LIMIT_MUTATIONS_PER_MINUTE: '0' }).rateLimit.mutationsPerMinute).toBe(0);
    expect(() => loadConfig({ PORTAL_GRAPH_RATE_LIMIT_LOGIN_PER_EMAIL: '-1' })).toThrow(/PORTAL_GRAPH_RATE_LIMIT_LOGIN_PER_EMAIL/);
  });

  it('reads the password-check cap and the credential answer times, and refuses nonsense', () => {
    expect(loadConfig({ PORTAL_GRAPH_MAX_PASSWORD_CHECKS: '2' }).maxPasswordChecks).toBe(2);
    expect(loadConfig({ PORTAL_GRAPH_CREDENTIAL_MIN_MS: '0', PORTAL_GRAPH_CREDENTIAL_JITTER_MS: '25' }).credentialTiming).toEqual({ minMs: 0, jitterMs: 25 });
    expect(() => loadConfig({ PORTAL_GRAPH_MAX_PASSWORD_CHECKS: '0' })).toThrow(/PORTAL_GRAPH_MAX_PASSWORD_CHECKS/);
    expect(() => loadConfig({ PORTAL_GRAPH_CREDENTIAL_MIN_MS: '-5' })).toThrow(/PORTAL_GRAPH_CREDENTIAL_MIN_MS/);
  });

  it('reads the email and password-reset settings, and refuses a non-SMTP mail URL or a text without the link', () => {
    const config = loadConfig({
      PORTAL_GRAPH_SMTP_URL: 'smtps://user:secret@mail.example.com:465',
      PORTAL_GRAPH_PASSWORD_RESET_URL: 'https://portal.example.com/reset',
      PORTAL_GRAPH_PASSWORD_RESET_TTL_MINUTES: '15',
      PORTAL_GRAPH_PASSWORD_RESET_TEXT: 'Hello\\nOpen {link}',
    });
    expect(config.mail.smtpUrl).toBe('smtps://user:secret@mail.example.com:465');
    expect(config.passwordReset).toMatchObject({ url: 'https://portal.example.com/reset', ttlMs: 15 * 60_000, text: 'Hello\nOpen {link}' });
    expect(() => loadConfig({ PORTAL_GRAPH_SMTP_URL: 'http://mail.example.com' })).toThrow(/PORTAL_GRAPH_SMTP_URL/);
    expect(() => loadConfig({ PORTAL_GRAPH_PASSWORD_RESET_TEXT: 'no link here' })).toThrow(/PORTAL_GRAPH_PASSWORD_RESET_TEXT/);
  });

  it('turns trusted-only mode on in production when a manifest is set, unless told otherwise', () => {
    expect(loadConfig({}).trustedDocuments).toEqual({ path: undefined, only: false });
    expect(loadConfig({ PORTAL_GRAPH_TRUSTED_DOCUMENTS: 'm.json' }).trustedDocuments).toEqual({ path: 'm.json', only: false });
    expect(loadConfig({ PORTAL_GRAPH_TRUSTED_DOCUMENTS: 'm.json', NODE_ENV: 'production' }).trustedDocuments.only).toBe(true);
    expect(loadConfig({ PORTAL_GRAPH_TRUSTED_DOCUMENTS: 'm.json', NODE_ENV: 'production', PORTAL_GRAPH_TRUSTED_DOCUMENTS_ONLY: 'false' }).trustedDocuments.only).toBe(false);
    expect(() => loadConfig({ PORTAL_GRAPH_TRUSTED_DOCUMENTS_ONLY: 'yes' })).toThrow(/PORTAL_GRAPH_TRUSTED_DOCUMENTS_ONLY/);
  });

  it('reads every request limit, with the documented defaults', () => {
    const defaults = loadConfig({});
    expect(defaults.limits).toEqual({ maxDepth: 12, maxAliases: 15, maxTokens: 3_000, maxDirectives: 20, maxCost: 10_000, maxBodyBytes: 100_000 });
    expect(defaults.websocket).toEqual({ maxPayloadBytes: 65_536, maxOperationsPerConnection: 50, connectionInitWaitTimeoutMs: 5_000 });
    expect(loadConfig({ PORTAL_GRAPH_MAX_DEPTH: '6', PORTAL_GRAPH_WS_MAX_OPERATIONS: '3' })).toMatchObject({ limits: { maxDepth: 6 }, websocket: { maxOperationsPerConnection: 3 } });
    expect(() => loadConfig({ PORTAL_GRAPH_MAX_BODY_BYTES: '10' })).toThrow(/PORTAL_GRAPH_MAX_BODY_BYTES/);
  });
});
