/**
 * SIGTERM on a real `npm start` process: readiness turns 503 at once, the request in flight still
 * completes, the process exits 0 within its bound.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
});

function start(env: Record<string, string>): Promise<{ url: string; exited: Promise<number | null> }> {
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORTAL_GRAPH_PORT: '0', PORTAL_GRAPH_LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const match = /ready in \d+ ms: (http:\/\/\S+\/graphql)/.exec(out);
      if (match) resolve({ url: match[1]!, exited });
    });
    child!.once('exit', (code) => reject(new Error(`exited ${code} before ready: ${out}`)));
  });
}

describe('graceful shutdown', () => {
  it('drains on SIGTERM: 503 readiness at once, in-flight request answered, exit 0 within the bound', async () => {
    const { url, exited } = await start({
      PORTAL_GRAPH_EMBEDDED_DASHBOARD_LATENCY_MS: '600',
      PORTAL_GRAPH_DRAIN_DELAY_MS: '300',
      PORTAL_GRAPH_SHUTDOWN_GRACE_MS: '5000',
    });
    const origin = new URL(url).origin;
    const inFlight = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'acme-dashboard-credential-6f1c2a9e' },
      body: JSON.stringify({ query: '{ developers(first: 3) { totalCount } }' }),
    });
    await new Promise((r) => setTimeout(r, 100));
    const signalled = Date.now();
    child!.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 50));
    const ready = await fetch(`${origin}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { status: string }).status).toBe('draining');

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { developers: { totalCount: 250 } } });
    expect(await exited).toBe(0);
    // Well under the 5 s grace: idle keep-alive connections must not hold the process open.
    expect(Date.now() - signalled).toBeLessThan(4_500);
  }, 30_000);
});
