/**
 * The embedded Dashboard's wire behaviour as real clients meet it: bodies without Content-Type,
 * `%40` and raw `@`, trailing slashes, analytics formats, passwords never served, and the knobs
 * tests rely on (latency, faults, request log, rounds).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedDashboard, type EmbeddedDashboard } from '../../src/dashboard/index.js';
import { murmur32, murmur64 } from '../../src/dashboard/hash.js';

let dashboard: EmbeddedDashboard;
let credential: string;
beforeAll(async () => {
  dashboard = createEmbeddedDashboard();
  await dashboard.start();
  credential = dashboard.orgs[0]!.credential;
});
afterAll(() => dashboard.stop());
afterEach(() => {
  dashboard.clearFaults();
  dashboard.setLatency(0);
});

async function call(path: string, init: RequestInit = {}) {
  const response = await fetch(`${dashboard.url}${path}`, { ...init, headers: { authorization: credential, ...(init.headers as Record<string, string>) } });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: response.status, body: body as Record<string, unknown> & { Data?: Record<string, unknown>[] } };
}

describe('what real clients send', () => {
  it('parses a JSON body sent as form-encoded or with no Content-Type at all', async () => {
    const asForm = await call('/api/portal/developers', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: JSON.stringify({ email: 'form@example.com', password: 'long-enough' }),
    });
    expect(asForm.status).toBe(200);
    const bare = await fetch(`${dashboard.url}/api/portal/developers`, {
      method: 'POST',
      headers: { authorization: credential },
      body: new Blob([JSON.stringify({ email: 'bare@example.com', password: 'long-enough' })]),
    });
    expect(bare.status).toBe(200);
  });

  it('finds a developer by email with a raw @ or %40, and accepts trailing and doubled slashes', async () => {
    const raw = await call('/api/portal/developers/email/form@example.com');
    const encoded = await call('/api/portal/developers/email/form%40example.com/');
    expect(raw.status).toBe(200);
    expect(encoded.body['id']).toBe(raw.body['id']);
    expect((await call('/api//portal/policies/')).status).toBe(200);
    expect((await call('/api/portal/catalogue/')).status).toBe(200);
  });

  it('accepts `Bearer <secret>` as well as the raw secret', async () => {
    const response = await fetch(`${dashboard.url}/api/portal/configuration`, { headers: { authorization: `Bearer ${credential}` } });
    expect(response.status).toBe(200);
  });

  it('never serves a password or its hash', async () => {
    const created = await call('/api/portal/developers', { method: 'POST', body: JSON.stringify({ email: 'hashme@example.com', password: 'plain-text-pw' }) });
    const id = String(created.body['Message']);
    const everything = JSON.stringify([await call(`/api/portal/developers/${id}`), await call('/api/portal/developers?p=-1')]);
    expect(everything).not.toContain('plain-text-pw');
    expect(everything).not.toContain('scrypt$');
    expect(everything).not.toContain('"password"');
  });

  it('answers analytics for a key list with a trailing comma and zero-padded or plain dates', async () => {
    const developers = (await call('/api/portal/developers?p=-1')).body.Data!;
    const keys = Object.keys(developers.find((d) => Object.keys(d['keys'] as object).length >= 2)!['keys'] as object);
    const now = new Date();
    const from = new Date(now.getTime() - 5 * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const plain = `${from.getUTCDate()}/${from.getUTCMonth() + 1}/${from.getUTCFullYear()}/${now.getUTCDate()}/${now.getUTCMonth() + 1}/${now.getUTCFullYear()}`;
    const padded = `${pad(from.getUTCDate())}/${pad(from.getUTCMonth() + 1)}/${from.getUTCFullYear()}/${pad(now.getUTCDate())}/${pad(now.getUTCMonth() + 1)}/${now.getUTCFullYear()}`;
    const a = await call(`/api/activity/keys/aggregate/${keys.join(',')},/${plain}?res=day&p=-1`);
    const b = await call(`/api/activity/keys/aggregate/${keys.join(',')}/${padded}?res=day&p=-1`);
    expect(a.status).toBe(200);
    expect(a.body).toEqual(b.body);
    expect((a.body['data'] as unknown[]).length).toBeGreaterThan(0);
    expect(a.body['pages']).toBe(0);
    expect((await call(`/api/activity/keys/aggregate/${keys[0]},/31/2/2026/1/3/2026?res=day`)).body['Message']).toBe('Key could not be decoded.');
  });

  it('gives the same synthetic traffic on every run (it is a function of key and hour)', async () => {
    const developers = (await call('/api/portal/developers?p=-1')).body.Data!;
    const key = Object.keys(developers.find((d) => Object.keys(d['keys'] as object).length > 0)!['keys'] as object)[0]!;
    const at = new Date(Date.UTC(2026, 0, 20));
    const [mine, theirs] = [createEmbeddedDashboard({ now: () => at }), createEmbeddedDashboard({ now: () => at })];
    await Promise.all([mine.start(), theirs.start()]);
    try {
      const usage = (d: EmbeddedDashboard) =>
        fetch(`${d.url}/api/activity/keys/${key}/1/1/2026/28/1/2026?res=day`, { headers: { authorization: credential } }).then((r) => r.json());
      const [a, b] = await Promise.all([usage(mine), usage(theirs)]);
      expect(a).toEqual(b);
      expect((a as { data: unknown[] }).data.length).toBeGreaterThan(0);
    } finally {
      await Promise.all([mine.stop(), theirs.stop()]);
    }
  });
});

describe('knobs for tests and benchmarks', () => {
  it('adds latency to every answer', async () => {
    dashboard.setLatency(120);
    const started = performance.now();
    await call('/api/portal/configuration');
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('injects a status, a malformed, truncated or HTML body, or a reset, for a number of requests', async () => {
    dashboard.injectFault({ route: 'GET /api/portal/configuration', status: 503, times: 1 });
    expect((await call('/api/portal/configuration')).status).toBe(503);
    expect((await call('/api/portal/configuration')).status).toBe(200);

    dashboard.injectFault({ route: 'GET /api/portal/configuration', body: 'malformed', times: 1 });
    expect(typeof (await call('/api/portal/configuration')).body).toBe('string');
    dashboard.injectFault({ route: 'GET /api/portal/configuration', body: 'html', times: 1 });
    expect(String((await call('/api/portal/configuration')).body)).toContain('<html>');
    dashboard.injectFault({ route: 'GET /api/portal/configuration', body: 'truncated', times: 1 });
    await expect(call('/api/portal/configuration')).rejects.toThrow();
    dashboard.injectFault({ route: 'GET /api/portal/configuration', reset: true, times: 1 });
    await expect(call('/api/portal/configuration')).rejects.toThrow();
    expect((await call('/api/portal/configuration')).status).toBe(200);
  });

  it('logs each request with its route template and counts sequential rounds', async () => {
    dashboard.setLatency(60);
    dashboard.requestLog.clear();
    await call('/api/portal/developers?p=1');
    await Promise.all([call('/api/portal/policies/search?policy_ids='), call('/api/portal/catalogue'), call('/api/portal/configuration')]);
    expect(dashboard.requestLog.count()).toBe(4);
    expect(dashboard.requestLog.count('GET /api/portal/developers')).toBe(1);
    expect(dashboard.requestLog.count('GET /api/portal/policies/search')).toBe(1);
    expect(dashboard.requestLog.rounds()).toBe(2);
    expect(dashboard.requestLog.entries()[0]).toMatchObject({ method: 'GET', status: 200, orgId: dashboard.orgs[0]!.orgId });
  });
});

describe('key hashing', () => {
  it('matches MurmurHash3 reference values', () => {
    expect(murmur32('')).toBe('00000000');
    expect(murmur32('hello')).toBe('248bfa47');
    expect(murmur64('hello')).toBe('cbd8a7b341bd9b02');
  });

  it('can issue 8-character murmur32 hashes instead of 16', async () => {
    const d32 = createEmbeddedDashboard({ hashFunction: 'murmur32' });
    await d32.start();
    try {
      const developers = await fetch(`${d32.url}/api/portal/developers?p=-1`, { headers: { authorization: credential } }).then((r) => r.json() as Promise<{ Data: { keys: object }[] }>);
      const hashes = developers.Data.flatMap((d) => Object.keys(d.keys));
      expect(hashes.length).toBeGreaterThan(0);
      expect(hashes.every((h) => /^[0-9a-f]{8}$/.test(h))).toBe(true);
    } finally {
      await d32.stop();
    }
  });
});
