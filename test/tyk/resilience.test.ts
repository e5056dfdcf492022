/**
 * The circuit breaker and the retry budget, in isolation and against the embedded Dashboard.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedDashboard, type EmbeddedDashboard } from '../../src/dashboard/index.js';
import { CircuitBreaker, routeGroup } from '../../src/tyk/breaker.js';
import { closeTykPools, createTykClient } from '../../src/tyk/client.js';
import { TykUnavailableError } from '../../src/tyk/errors.js';
import { RetryBudget } from '../../src/tyk/retry-budget.js';

describe('CircuitBreaker', () => {
  it('opens at the failure rate, fails fast, lets one probe through after the cooldown, closes on success', () => {
    let now = 0;
    const changes: string[] = [];
    const breaker = new CircuitBreaker({ minimumCalls: 4, failureRate: 0.5, cooldownMs: 1000 }, () => now, (s) => changes.push(s));
    breaker.record(false);
    breaker.record(true);
    breaker.record(false);
    expect(breaker.state).toBe('closed');
    breaker.record(true);
    expect(breaker.state).toBe('open');
    expect(breaker.allow()).toBe(false);
    now = 1000;
    expect(breaker.allow()).toBe(true);
    expect(breaker.allow()).toBe(false);
    breaker.record(false);
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('opens again when the probe fails, and forgets outcomes older than the window', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ minimumCalls: 2, failureRate: 1, cooldownMs: 100, windowMs: 2_000 }, () => now);
    breaker.record(true);
    now = 3_000;
    breaker.record(true);
    expect(breaker.state).toBe('closed');
    breaker.record(true);
    expect(breaker.state).toBe('open');
    now = 3_100;
    expect(breaker.allow()).toBe(true);
    breaker.record(true);
    expect(breaker.state).toBe('open');
  });

  it('groups route templates by their first two segments after /api, up to the first parameter', () => {
    expect(routeGroup('GET /api/portal/developers/:id/keys')).toBe('portal/developers');
    expect(routeGroup('GET /api/activity/keys/aggregate/:keys/:fromD/:fromM/:fromY/:toD/:toM/:toY')).toBe('activity/keys');
    expect(routeGroup('POST /api/apis/oauth/:apiId')).toBe('apis/oauth');
    // One group for every key, and for every API, not one per id read.
    expect(routeGroup('GET /api/keys/:id')).toBe('keys');
    expect(routeGroup('GET /api/apis/:apiId/keys/:id')).toBe('apis');
  });
});

describe('RetryBudget', () => {
  it('allows a reserve of retries, then about one retry per five first attempts', () => {
    const budget = new RetryBudget({ ratio: 0.2, minTokens: 2 });
    expect(budget.withdraw()).toBe(true);
    expect(budget.withdraw()).toBe(true);
    expect(budget.withdraw()).toBe(false);
    for (let i = 0; i < 5; i++) budget.deposit();
    expect(budget.withdraw()).toBe(true);
    expect(budget.withdraw()).toBe(false);
  });
});

describe('against the embedded Dashboard', () => {
  let dashboard: EmbeddedDashboard;
  beforeAll(async () => {
    dashboard = createEmbeddedDashboard();
    await dashboard.start();
  });
  afterEach(async () => {
    dashboard.clearFaults();
    await closeTykPools();
  });
  afterAll(() => dashboard.stop());

  const client = (options: Parameters<typeof createTykClient>[0] extends infer O ? Partial<O> : never = {}) =>
    createTykClient({ baseUrl: dashboard.url, credential: dashboard.orgs[0]!.credential, retryDelayMs: 1, ...options });

  it('stops calling a failing route group once its circuit opens, and other groups still work', async () => {
    const tyk = client({ breaker: { minimumCalls: 5, failureRate: 0.5, cooldownMs: 60_000 }, retryBudget: false, maxRetries: 0 });
    dashboard.injectFault({ routePrefix: 'GET /api/portal/policies', status: 503 });
    dashboard.requestLog.clear();
    for (let i = 0; i < 12; i++) await expect(tyk.listPolicies()).rejects.toBeInstanceOf(TykUnavailableError);
    expect(dashboard.requestLog.count('GET /api/portal/policies')).toBe(5);
    await expect(tyk.getPortalConfiguration()).resolves.toMatchObject({ require_key_approval: true });
  });

  it('keeps one circuit for all key reads: failures across many keys open it for the next key', async () => {
    const tyk = client({ breaker: { minimumCalls: 5, failureRate: 0.5, cooldownMs: 60_000 }, retryBudget: false, maxRetries: 0 });
    dashboard.injectFault({ routePrefix: 'GET /api/keys/', status: 503 });
    dashboard.requestLog.clear();
    for (let i = 0; i < 5; i++) await expect(tyk.getKey(`key${i}`)).rejects.toBeInstanceOf(TykUnavailableError);
    await expect(tyk.getKey('another-key')).rejects.toThrow(/circuit for keys is open/);
    expect(dashboard.requestLog.count('GET /api/keys/:id')).toBe(5);
  });

  it('lets a probe through after the cooldown and closes when it succeeds', async () => {
    const tyk = client({ breaker: { minimumCalls: 3, failureRate: 0.5, cooldownMs: 200 }, retryBudget: false, maxRetries: 0 });
    const remove = dashboard.injectFault({ route: 'GET /api/portal/catalogue', status: 500 });
    for (let i = 0; i < 3; i++) await expect(tyk.getCatalogue()).rejects.toThrow();
    await expect(tyk.getCatalogue()).rejects.toThrow(/circuit/);
    remove();
    await new Promise((r) => setTimeout(r, 250));
    await expect(tyk.getCatalogue()).resolves.toMatchObject({ apis: expect.any(Array) });
    await expect(tyk.getCatalogue()).resolves.toBeDefined();
  });

  it('caps retries during an outage to the budget', async () => {
    const tyk = client({ breaker: false, retryBudget: { ratio: 0.2, minTokens: 3 } });
    dashboard.injectFault({ route: 'GET /api/portal/configuration', status: 503 });
    dashboard.requestLog.clear();
    for (let i = 0; i < 20; i++) await expect(tyk.getPortalConfiguration()).rejects.toBeInstanceOf(TykUnavailableError);
    // 20 first attempts; retries: the reserve of 3 plus what 20 × 0.2 earned, not 2 per call (40).
    expect(dashboard.requestLog.count('GET /api/portal/configuration')).toBeLessThanOrEqual(20 + 3 + 4);
  });

  it('waits out a short Retry-After on 429 and then succeeds', async () => {
    const tyk = client({ breaker: false, retryBudget: false });
    dashboard.injectFault({ route: 'GET /api/portal/configuration', status: 429, headers: { 'retry-after': '1' }, times: 1 });
    const started = performance.now();
    await expect(tyk.getPortalConfiguration()).resolves.toBeDefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('fails at once on a Retry-After longer than it may wait', async () => {
    const tyk = client({ breaker: false, retryBudget: false, maxRetryAfterMs: 500 });
    dashboard.injectFault({ route: 'GET /api/portal/configuration', status: 429, headers: { 'retry-after': '30' }, times: 1 });
    dashboard.requestLog.clear();
    await expect(tyk.getPortalConfiguration()).rejects.toBeInstanceOf(TykUnavailableError);
    expect(dashboard.requestLog.count('GET /api/portal/configuration')).toBe(1);
  });
});
