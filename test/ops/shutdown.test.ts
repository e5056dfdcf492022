/**
 * SIGTERM on a real `npm start` (the README's command): npm passes the signal to node (the script
 * execs it), readiness turns 503 at once, the request in flight still completes, node exits 0
 * within its bound and npm with it, and no node is left behind.
 */
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedDashboard, type EmbeddedDashboard } from '../../src/dashboard/index.js';
import { alive, startGatewayProcess, until, type GatewayProcess } from '../support/process.js';

const ROOT = resolve(import.meta.dirname, '../..');
let gateway: GatewayProcess | undefined;
let dashboard: EmbeddedDashboard;

beforeAll(async () => {
  dashboard = createEmbeddedDashboard({ latencyMs: 600 });
  await dashboard.start();
});
afterAll(() => dashboard.stop());
afterEach(() => {
  gateway?.child.kill('SIGKILL');
  if (gateway && alive(gateway.pid)) process.kill(gateway.pid, 'SIGKILL');
});

describe('graceful shutdown under npm start', () => {
  it('drains on SIGTERM sent to npm: 503 readiness at once, in-flight request answered, exit 0 within the bound', async () => {
    gateway = await startGatewayProcess('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORTAL_GRAPH_DASHBOARD_URL: dashboard.url,
        PORTAL_GRAPH_PORT: '0',
        PORTAL_GRAPH_LOG_LEVEL: 'info',
        PORTAL_GRAPH_WATCH_INTERVAL_MS: '0',
        PORTAL_GRAPH_DRAIN_DELAY_MS: '300',
        PORTAL_GRAPH_SHUTDOWN_GRACE_MS: '5000',
        REDIS_URL: undefined,
      },
    });
    // npm runs the script in a shell that execs node: the gateway is npm's own child.
    expect(gateway.pid).not.toBe(gateway.child.pid);
    const origin = new URL(gateway.url).origin;
    dashboard.requestLog.clear();
    const inFlight = fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: dashboard.orgs[0]!.credential },
      body: JSON.stringify({ query: '{ developers(first: 3) { totalCount } }' }),
    });
    await until(() => dashboard.requestLog.count() > 0, 10_000, 'the query reaching the Dashboard');
    const signalled = Date.now();
    gateway.child.kill('SIGTERM'); // to npm, as a container runtime or a terminal would
    await gateway.waitForLine((line) => line['msg'] === 'shutting down: draining' && line['signal'] === 'SIGTERM', 5_000);
    const ready = await fetch(`${origin}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { status: string }).status).toBe('draining');

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { developers: { totalCount: 250 } } });
    expect(await gateway.exited).toBe(0);
    expect(alive(gateway.pid)).toBe(false);
    // Well under the 5 s grace: idle keep-alive connections must not hold the process open.
    expect(Date.now() - signalled).toBeLessThan(4_500);
  }, 60_000);
});
