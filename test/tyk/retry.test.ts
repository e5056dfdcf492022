/**
 * The retry policy per verb, `outcomeUnknown`, and the AbortSignal (before sending, in flight and
 * during the backoff). Attempts are counted with `onAttempt` and the MockAgent's call history.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TykUnavailableError } from '../../src/tyk/errors.js';
import { closeMocks, envelope, hex, mocked, rejectionOf } from './support.js';

afterEach(closeMocks);

const ID = hex(7);
const DEV_PATH = `/api/portal/developers/${ID}`;
const networkError = (code: string) => Object.assign(new Error(`simulated ${code}`), { code });

describe('GET', () => {
  it('retries on 503 twice, then fails as unavailable after three attempts', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: DEV_PATH, method: 'GET' }).reply(503, 'busy').times(3);
    const error = await rejectionOf(m.client.getDeveloper(ID));
    expect(error).toBeInstanceOf(TykUnavailableError);
    expect(error.status).toBe(503);
    expect(m.attempts.map((a) => [a.attempt, a.status, a.error])).toEqual([
      [1, 503, 'TYK_UNAVAILABLE'],
      [2, 503, 'TYK_UNAVAILABLE'],
      [3, 503, 'TYK_UNAVAILABLE'],
    ]);
  });

  it.each([502, 504])('retries on %i and returns the answer of the next attempt', async (status) => {
    const m = mocked();
    m.dashboard.intercept({ path: DEV_PATH, method: 'GET' }).reply(status, '');
    m.dashboard.intercept({ path: DEV_PATH, method: 'GET' }).reply(200, { id: ID, email: 'a@b.c' });
    await expect(m.client.getDeveloper(ID)).resolves.toMatchObject({ id: ID });
    expect(m.attempts.map((a) => a.status)).toEqual([status, 200]);
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'UND_ERR_CONNECT_TIMEOUT', 'ECONNRESET', 'UND_ERR_SOCKET'])('retries after %s with no answer', async (code) => {
    const m = mocked();
    m.dashboard.intercept({ path: DEV_PATH, method: 'GET' }).replyWithError(networkError(code));
    m.dashboard.intercept({ path: DEV_PATH, method: 'GET' }).reply(200, { id: ID, email: 'a@b.c' });
    await expect(m.client.getDeveloper(ID)).resolves.toMatchObject({ id: ID });
    expect(m.attempts.map((a) => a.status)).toEqual([undefined, 200]);
  });

  it.each([400, 401, 403, 404, 429, 500])('does not retry a %i', async (status) => {
    const m = mocked();
    m.dashboard.intercept({ path: DEV_PATH, method: 'GET' }).reply(status, envelope('no', 'Error')).times(3);
    await rejectionOf(m.client.getDeveloper(ID));
    expect(m.attempts).toHaveLength(1);
  });

  it('does not retry a timeout after the request was sent', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: DEV_PATH, method: 'GET' }).replyWithError(networkError('UND_ERR_HEADERS_TIMEOUT')).times(3);
    const error = await rejectionOf(m.client.getDeveloper(ID));
    expect(error).toMatchObject({ code: 'TYK_UNAVAILABLE', outcomeUnknown: false });
    expect(error.message).toContain('timed out');
    expect(m.attempts).toHaveLength(1);
  });

  it('never makes more than two extra attempts, whatever maxRetries asks for', async () => {
    const m = mocked({ maxRetries: 10 });
    m.dashboard.intercept({ path: DEV_PATH, method: 'GET' }).reply(503, '').times(5);
    await rejectionOf(m.client.getDeveloper(ID));
    expect(m.attempts).toHaveLength(3);
  });

  it('makes one attempt with maxRetries 0', async () => {
    const m = mocked({ maxRetries: 0 });
    m.dashboard.intercept({ path: DEV_PATH, method: 'GET' }).reply(503, '').times(3);
    await rejectionOf(m.client.getDeveloper(ID));
    expect(m.attempts).toHaveLength(1);
  });

  it('waits between attempts, the second wait longer on average than the first', async () => {
    const m = mocked({ retryDelayMs: 40 });
    m.dashboard.intercept({ path: DEV_PATH, method: 'GET' }).reply(503, '').times(3);
    const started = performance.now();
    await rejectionOf(m.client.getDeveloper(ID));
    // 40 ms ×[0.5, 1.5) then 80 ms ×[0.5, 1.5): at least 60 ms in all.
    expect(performance.now() - started).toBeGreaterThanOrEqual(59);
  });
});

describe('POST', () => {
  it('is attempted exactly once on 503', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/portal/developers', method: 'POST' }).reply(503, '').times(3);
    const error = await rejectionOf(m.client.createDeveloper({ email: 'a@b.c', password: 'secret1' }));
    expect(error).toMatchObject({ code: 'TYK_UNAVAILABLE', outcomeUnknown: false });
    expect(m.agent.getCallHistory()!.calls()).toHaveLength(1);
  });

  it('is attempted exactly once on a reset, and its outcome is unknown', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/portal/developers', method: 'POST' }).replyWithError(networkError('ECONNRESET')).times(3);
    const error = await rejectionOf(m.client.createDeveloper({ email: 'a@b.c', password: 'secret1' }));
    expect(error).toMatchObject({ code: 'TYK_UNAVAILABLE', outcomeUnknown: true });
    expect(m.attempts).toHaveLength(1);
  });

  it('is not retried even when the connection was refused', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/portal/developers', method: 'POST' }).replyWithError(networkError('ECONNREFUSED')).times(3);
    const error = await rejectionOf(m.client.createDeveloper({ email: 'a@b.c', password: 'secret1' }));
    expect(error).toMatchObject({ code: 'TYK_UNAVAILABLE', outcomeUnknown: false });
    expect(m.attempts).toHaveLength(1);
  });

  it('marks a 502 or 504 to a write as outcome unknown (a proxy may have passed it on)', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: '/api/portal/developers', method: 'POST' }).reply(504, '');
    await expect(m.client.createDeveloper({ email: 'a@b.c', password: 'secret1' })).rejects.toMatchObject({ outcomeUnknown: true });
  });
});

describe('PUT and DELETE', () => {
  it('does not retry a PUT that was sent and lost its answer, and says the outcome is unknown', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: DEV_PATH, method: 'PUT' }).replyWithError(networkError('UND_ERR_SOCKET')).times(3);
    const error = await rejectionOf(m.client.updateDeveloper(ID, { email: 'a@b.c' }));
    expect(error).toMatchObject({ code: 'TYK_UNAVAILABLE', outcomeUnknown: true });
    expect(m.attempts).toHaveLength(1);
  });

  it('does not retry a PUT answered 503', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: DEV_PATH, method: 'PUT' }).reply(503, '').times(3);
    await rejectionOf(m.client.updateDeveloper(ID, { email: 'a@b.c' }));
    expect(m.attempts).toHaveLength(1);
  });

  it('retries a PUT whose connection was refused, since it never left', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: `/api/portal/requests/approve/${ID}`, method: 'PUT' }).replyWithError(networkError('ECONNREFUSED'));
    m.dashboard.intercept({ path: `/api/portal/requests/approve/${ID}`, method: 'PUT' }).reply(200, { RawKey: 'k', Password: '' });
    await expect(m.client.approveKeyRequest(ID)).resolves.toMatchObject({ kind: 'key', rawKey: 'k' });
    expect(m.attempts.map((a) => a.status)).toEqual([undefined, 200]);
  });

  it('retries a DELETE twice after DNS failures, then gives up with the outcome known', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: DEV_PATH, method: 'DELETE' }).replyWithError(networkError('EAI_AGAIN')).times(3);
    const error = await rejectionOf(m.client.deleteDeveloper(ID));
    expect(error).toMatchObject({ code: 'TYK_UNAVAILABLE', outcomeUnknown: false });
    expect(error.message).toContain('could not connect');
    expect(m.attempts).toHaveLength(3);
  });

  it('does not retry a DELETE after a reset', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: DEV_PATH, method: 'DELETE' }).replyWithError(networkError('ECONNRESET')).times(3);
    await expect(m.client.deleteDeveloper(ID)).rejects.toMatchObject({ outcomeUnknown: true });
    expect(m.attempts).toHaveLength(1);
  });
});

describe('AbortSignal', () => {
  it('makes no request when the signal is already aborted', async () => {
    const m = mocked();
    const error = await rejectionOf(m.client.getDeveloper(ID, { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ code: 'TYK_UNAVAILABLE', outcomeUnknown: false });
    expect(m.agent.getCallHistory()!.calls()).toHaveLength(0);
  });

  it('stops a call in flight', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: DEV_PATH, method: 'GET' }).reply(200, { id: ID, email: 'a@b.c' }).delay(5_000);
    const started = performance.now();
    const error = await rejectionOf(m.client.getDeveloper(ID, { signal: AbortSignal.timeout(50) }));
    expect(error).toMatchObject({ code: 'TYK_UNAVAILABLE' });
    expect(error.message).toContain('aborted');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('marks an aborted write in flight as outcome unknown', async () => {
    const m = mocked();
    m.dashboard.intercept({ path: DEV_PATH, method: 'PUT' }).reply(200, envelope('Data updated')).delay(5_000);
    await expect(m.client.updateDeveloper(ID, { email: 'a@b.c' }, { signal: AbortSignal.timeout(50) })).rejects.toMatchObject({ outcomeUnknown: true });
  });

  it('stops waiting to retry when aborted during the backoff, with no further attempt', async () => {
    const m = mocked({ retryDelayMs: 5_000 });
    m.dashboard.intercept({ path: DEV_PATH, method: 'GET' }).reply(503, '').times(3);
    const controller = new AbortController();
    const call = m.client.getDeveloper(ID, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const error = await rejectionOf(call);
    expect(error).toMatchObject({ code: 'TYK_UNAVAILABLE', route: 'GET /api/portal/developers/:id' });
    expect(error.message).toContain('waiting to retry');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(m.attempts).toHaveLength(1);
  });
});

describe('onAttempt', () => {
  it('reports each attempt with method, route template, status and duration, and survives a throwing hook', async () => {
    const seen: unknown[] = [];
    const m = mocked({
      onAttempt: (a) => {
        seen.push(a);
        throw new Error('metrics backend down');
      },
    });
    m.dashboard.intercept({ path: DEV_PATH, method: 'GET' }).reply(502, '');
    m.dashboard.intercept({ path: DEV_PATH, method: 'GET' }).reply(200, { id: ID, email: 'a@b.c' });
    await expect(m.client.getDeveloper(ID)).resolves.toMatchObject({ id: ID });
    expect(seen).toEqual([
      { method: 'GET', route: 'GET /api/portal/developers/:id', status: 502, durationMs: expect.any(Number), attempt: 1, error: 'TYK_UNAVAILABLE' },
      { method: 'GET', route: 'GET /api/portal/developers/:id', status: 200, durationMs: expect.any(Number), attempt: 2, error: undefined },
    ]);
  });
});
