/**
 * The client against the embedded Dashboard over real HTTP, for what client-dashboard.test.ts does
 * not reach: the client's route templates are the Dashboard's own route names, paging of every
 * portal list, the remaining routes (OAuth client creation, keys through an API, encoded emails),
 * and every injected fault classified as the client promises (retries counted in the Dashboard's
 * request log, not in the client).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedDashboard, type EmbeddedDashboard } from '../../src/dashboard/index.js';
import { closeTykPools, createTykClient } from '../../src/tyk/client.js';
import { TYK_PAGE_SIZE } from '../../src/tyk/contract.js';
import type { TykAttempt, TykClient, TykClientOptions } from '../../src/tyk/types.js';

let dashboard: EmbeddedDashboard;
let tyk: TykClient;
const attempts: TykAttempt[] = [];

function clientFor(options: Partial<TykClientOptions> = {}): TykClient {
  return createTykClient({ baseUrl: dashboard.url, credential: dashboard.orgs[0]!.credential, retryDelayMs: 5, breaker: false, retryBudget: false, ...options });
}

beforeAll(async () => {
  dashboard = createEmbeddedDashboard();
  await dashboard.start();
  tyk = clientFor({ onAttempt: (a) => attempts.push(a) });
});
afterEach(() => dashboard.clearFaults());
afterAll(async () => {
  await closeTykPools();
  await dashboard.stop();
});

let n = 0;
const email = () => `transport-${Date.now()}-${n++}@example.com`;

describe('route names', () => {
  it('names every call with the template the Dashboard routed it to', async () => {
    attempts.length = 0;
    dashboard.requestLog.clear();
    const developers = (await tyk.listDevelopers()).data;
    const withKeys = developers.find((d) => Object.keys(d.keys).length >= 2)!;
    const keys = Object.keys(withKeys.keys);
    const policy = (await tyk.listPolicies()).data[0]!;
    const range = { from: new Date(Date.now() - 3 * 86_400_000), to: new Date(), resolution: 'day' as const };
    const id = await tyk.createDeveloper({ email: email(), password: 'long-enough' });
    await tyk.getDeveloper(id);
    await tyk.getDeveloperByEmail(withKeys.email);
    await tyk.verifyDeveloperCredentials(withKeys.email, 'wrong-password');
    await tyk.setDeveloperPassword(id, 'another-password');
    const issued = await tyk.addDeveloperKey(id, { apply_policies: [policy._id] });
    expect(issued.kind).toBe('key');
    const [hash] = Object.keys((await tyk.getDeveloper(id)).keys);
    await tyk.changeDeveloperKeyPolicies(id, hash!, [policy._id]);
    await tyk.resetDeveloperKeyQuota(id, hash!);
    await tyk.getKey(hash!);
    await tyk.getAggregateKeyUsage(keys, range);
    await tyk.getKeyUsage(keys[0]!, range);
    await tyk.revokeDeveloperKey(id, hash!);
    const requestId = await tyk.createKeyRequest({ by_user: id, for_plan: policy._id });
    await tyk.listKeyRequests({ approved: false });
    await tyk.getKeyRequest(requestId);
    await tyk.approveKeyRequest(requestId);
    await tyk.searchPolicies({ q: policy.name });
    await tyk.getPolicy(policy._id);
    await tyk.getCatalogue();
    await tyk.getPortalConfiguration();
    await tyk.deleteDeveloper(id);

    const logged = dashboard.requestLog.entries().map((e) => e.route);
    expect(logged).not.toContain('UNMATCHED');
    expect(attempts.map((a) => a.route)).toEqual(logged);
  });
});

describe('paging', () => {
  it.each([
    ['developers', (c: TykClient, page?: number) => c.listDevelopers(page === undefined ? {} : { page })],
    ['key requests', (c: TykClient, page?: number) => c.listKeyRequests(page === undefined ? {} : { page })],
    ['policies', (c: TykClient, page?: number) => c.listPolicies(page === undefined ? {} : { page })],
  ] as const)('walks %s page by page to the same items p=-1 returns at once', async (_what, list) => {
    const all = await list(tyk);
    const first = await list(tyk, 1);
    expect(first.data.length).toBe(Math.min(TYK_PAGE_SIZE, all.data.length));
    expect(first.pages).toBe(Math.ceil(all.data.length / TYK_PAGE_SIZE));
    const walked: unknown[] = [];
    for (let page = 1; page <= first.pages; page++) walked.push(...(await list(tyk, page)).data);
    expect(walked).toEqual(all.data);
    expect((await list(tyk, first.pages + 1)).data).toEqual([]);
  });
});

describe('the remaining routes', () => {
  it('finds a developer whose email has + and @ through the encoded by-email route', async () => {
    const address = `plus+${Date.now()}@example.com`;
    const id = await tyk.createDeveloper({ email: address, password: 'long-enough' });
    expect((await tyk.getDeveloperByEmail(address)).id).toBe(id);
    expect(dashboard.requestLog.entries().at(-1)!.path).toContain('%2B');
  });

  it('creates a Dashboard OAuth client, reads it and lists it', async () => {
    const policy = (await tyk.listPolicies()).data[0]!;
    const apiId = Object.keys(policy.access_rights)[0]!;
    const created = await tyk.createOAuthClient(apiId, { redirect_uri: 'https://app.example/cb', policy_id: policy._id, description: 'round trip' });
    expect(created).toMatchObject({ redirect_uri: 'https://app.example/cb', policy_id: policy._id });
    expect(created.client_id).not.toBe('');
    expect(await tyk.getOAuthClient(apiId, created.client_id)).toMatchObject({ client_id: created.client_id, secret: created.secret });
    expect((await tyk.listOAuthClients(apiId)).map((c) => c.client_id)).toContain(created.client_id);
  });

  it('reads a key session through an API route, by hash and by raw key', async () => {
    const policy = (await tyk.listPolicies({ active: true })).data[0]!;
    const id = await tyk.createDeveloper({ email: email(), password: 'long-enough' });
    const issued = await tyk.addDeveloperKey(id, { apply_policies: [policy._id] });
    if (issued.kind !== 'key') throw new Error('expected a key');
    const [hash] = Object.keys((await tyk.getDeveloper(id)).keys);
    const apiId = Object.keys(policy.access_rights)[0]!;
    expect((await tyk.getKey(hash!, { apiId })).key_hash).toBe(hash);
    expect((await tyk.getKey(issued.rawKey, { apiId, hashed: false })).key_hash).toBe(hash);
  });

  it('lists approved requests only when asked, and pending ones only when asked', async () => {
    const approved = await tyk.listKeyRequests({ approved: true });
    const pending = await tyk.listKeyRequests({ approved: false });
    const all = await tyk.listKeyRequests();
    expect(approved.data.every((r) => r.approved)).toBe(true);
    expect(pending.data.every((r) => !r.approved)).toBe(true);
    expect(approved.data.length + pending.data.length).toBe(all.data.length);
  });
});

describe('faults', () => {
  const DEVELOPER = 'GET /api/portal/developers/:id';
  let developerId: string;
  beforeAll(async () => {
    developerId = (await tyk.listDevelopers({ page: 1 })).data[0]!.id;
  });

  it.each(['html', 'malformed', 'truncated', 'oversized'] as const)('reports a 200 with a %s body as a contract mismatch, without retrying', async (body) => {
    dashboard.requestLog.clear();
    dashboard.injectFault({ route: DEVELOPER, body });
    await expect(tyk.getDeveloper(developerId)).rejects.toMatchObject({ code: 'TYK_CONTRACT_MISMATCH', status: 200 });
    expect(dashboard.requestLog.count(DEVELOPER)).toBe(1);
  });

  it('retries a GET through two 503s and returns the third answer', async () => {
    dashboard.requestLog.clear();
    dashboard.injectFault({ route: DEVELOPER, status: 503, times: 2 });
    await expect(tyk.getDeveloper(developerId)).resolves.toMatchObject({ id: developerId });
    expect(dashboard.requestLog.count(DEVELOPER)).toBe(3);
  });

  it('gives up on a GET after three 502s', async () => {
    dashboard.requestLog.clear();
    dashboard.injectFault({ route: DEVELOPER, status: 502 });
    await expect(tyk.getDeveloper(developerId)).rejects.toMatchObject({ code: 'TYK_UNAVAILABLE', status: 502 });
    expect(dashboard.requestLog.count(DEVELOPER)).toBe(3);
  });

  it('retries a GET whose connection was reset before any answer', async () => {
    dashboard.requestLog.clear();
    dashboard.injectFault({ route: DEVELOPER, reset: true, times: 1 });
    await expect(tyk.getDeveloper(developerId)).resolves.toMatchObject({ id: developerId });
    expect(dashboard.requestLog.count(DEVELOPER)).toBe(2);
  });

  it('sends a POST once on a reset and once on a 503', async () => {
    for (const fault of [{ reset: true }, { status: 503 }]) {
      dashboard.requestLog.clear();
      dashboard.injectFault({ route: 'POST /api/portal/developers', ...fault, times: 3 });
      const error = await tyk.createDeveloper({ email: email(), password: 'long-enough' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'TYK_UNAVAILABLE', outcomeUnknown: fault.reset === true });
      expect(dashboard.requestLog.count('POST /api/portal/developers')).toBe(1);
      dashboard.clearFaults();
    }
  });

  it('sends a PUT once on a reset and says its outcome is unknown', async () => {
    dashboard.requestLog.clear();
    dashboard.injectFault({ route: 'PUT /api/portal/configuration', reset: true, times: 3 });
    await expect(tyk.updatePortalConfiguration({ require_key_approval: true })).rejects.toMatchObject({ code: 'TYK_UNAVAILABLE', outcomeUnknown: true });
    expect(dashboard.requestLog.count('PUT /api/portal/configuration')).toBe(1);
  });

  it('fails as unavailable when the answer is slower than the headers timeout', async () => {
    const impatient = clientFor({ headersTimeoutMs: 150, maxRetries: 0 });
    dashboard.injectFault({ route: DEVELOPER, delayMs: 1_500, status: 200, body: { id: developerId, email: 'late@example.com' } });
    await expect(impatient.getDeveloper(developerId)).rejects.toMatchObject({ code: 'TYK_UNAVAILABLE' });
  });

  it('stops waiting when the caller aborts a slow call', async () => {
    dashboard.setLatency(1_500);
    try {
      const started = performance.now();
      await expect(tyk.getDeveloper(developerId, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ code: 'TYK_UNAVAILABLE' });
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      dashboard.setLatency(0);
    }
  });

  it('keeps a planted secret and the credential out of the error of an upstream 400, 500 and 503', async () => {
    const planted = 'PLANTED-SECRET-77aa';
    const credential = dashboard.orgs[0]!.credential;
    for (const status of [400, 500, 503]) {
      dashboard.injectFault({ route: DEVELOPER, status, body: { Status: 'Error', Message: `${planted} ${credential}`, Meta: { secret: planted } } });
      const error = (await tyk.getDeveloper(developerId).catch((e: unknown) => e)) as Error;
      expect(`${error.message} ${JSON.stringify(error)} ${String(error.stack)}`).not.toMatch(new RegExp(`${planted}|${credential}`));
      dashboard.clearFaults();
    }
  });
});
