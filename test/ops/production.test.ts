/**
 * The production steps, replayed in a temporary folder as the Dockerfile runs them: build the
 * runtime (`npm run build`: src → dist only), install runtime dependencies only
 * (`npm ci --omit=dev`: no tsx, no TypeScript), then run the compiled entry with
 * `NODE_ENV=production` against a Dashboard URL (an embedded Dashboard this test starts): it answers
 * a query, and on SIGTERM drains and exits 0 within its grace. Also: production refuses to start
 * without a Dashboard URL unless the demo is asked for.
 *
 * Cost: one TypeScript build of src/ and one `npm ci --omit=dev` (from npm's cache when it has the
 * packages, else from the registry), ≈ 15–40 s on the shared 2-core machine.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedDashboard, type EmbeddedDashboard } from '../../src/dashboard/index.js';
import { alive, startGatewayProcess, until, type GatewayProcess } from '../support/process.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const QUERY = JSON.stringify({ query: 'query Count { developers(first: 3) { totalCount } }' });

let work: string;
let app: string;
let dashboard: EmbeddedDashboard;
let gateway: GatewayProcess | undefined;
let installWarnings = '';

/** The environment of a production process: nothing of this test process's gateway settings. */
function productionEnv(extra: Record<string, string>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { PATH: process.env['PATH'], HOME: process.env['HOME'], NODE_ENV: 'production', PORTAL_GRAPH_PORT: '0', PORTAL_GRAPH_LOG_LEVEL: 'info' };
  return { ...env, ...extra };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'portal-graph-production-'));
  // Build stage: the sources and the full dependency tree (the repository's, linked: an `npm ci` of it is what the Dockerfile runs).
  const build = join(work, 'build');
  for (const file of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) cpSync(join(ROOT, file), join(build, file));
  cpSync(join(ROOT, 'src'), join(build, 'src'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(build, 'node_modules'), 'dir');
  // Runtime stage: the manifest and the lock file with runtime dependencies only, then dist from the build
  // (the two are independent, so they run side by side).
  app = join(work, 'app');
  for (const file of ['package.json', 'package-lock.json']) cpSync(join(ROOT, file), join(app, file));
  const [, installed] = await Promise.all([
    run('npm', ['run', 'build', '--silent'], { cwd: build }),
    run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: app, maxBuffer: 16 * 1024 * 1024 }),
  ]);
  installWarnings = installed.stderr;
  cpSync(join(build, 'dist'), join(app, 'dist'), { recursive: true });
  dashboard = createEmbeddedDashboard({ latencyMs: 300 });
  await dashboard.start();
}, 240_000);

afterAll(async () => {
  await dashboard?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

afterEach(() => {
  if (gateway && alive(gateway.pid)) process.kill(gateway.pid, 'SIGKILL');
  gateway = undefined;
});

describe('the production build', () => {
  it('emits only the runtime, and installs without development tools', () => {
    const dist = readdirSync(join(app, 'dist'));
    expect(dist).toContain('main.js');
    expect(dist).not.toContain('test');
    expect(dist).not.toContain('bench');
    expect(dist.filter((name) => name.endsWith('.ts'))).toEqual([]);
    for (const tool of ['tsx', 'typescript', 'vitest', '@graphql-codegen/cli']) expect(existsSync(join(app, 'node_modules', tool)), tool).toBe(false);
    for (const runtime of ['graphql-yoga', 'prom-client', 'ioredis']) expect(existsSync(join(app, 'node_modules', runtime)), runtime).toBe(true);
  });

  it('installs without engine warnings on a Node version `engines` admits', () => {
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    const admitted = major >= 24 || (major === 22 && minor >= 15);
    // On an older Node (the machine's 20) npm rightly warns: the dependencies declare ≥ 22.15.
    expect(installWarnings.includes('EBADENGINE')).toBe(!admitted);
  });

  it('runs compiled against a Dashboard URL, answers, and drains on SIGTERM to exit 0 within the grace', async () => {
    gateway = await startGatewayProcess('npm', ['run', 'start:prod', '--silent'], {
      cwd: app,
      env: productionEnv({ PORTAL_GRAPH_DASHBOARD_URL: dashboard.url, PORTAL_GRAPH_DRAIN_DELAY_MS: '200', PORTAL_GRAPH_SHUTDOWN_GRACE_MS: '5000' }),
    });
    const credential = dashboard.orgs[0]!.credential;
    const ask = () => fetch(gateway!.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: credential }, body: QUERY });
    const first = await ask();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ data: { developers: { totalCount: 250 } } });
    // Production defaults: no GraphiQL.
    expect((await fetch(gateway.url, { headers: { accept: 'text/html' } })).headers.get('content-type') ?? '').not.toContain('text/html');

    dashboard.requestLog.clear();
    const inFlight = ask();
    await until(() => dashboard.requestLog.count() > 0, 10_000, 'the query reaching the Dashboard');
    gateway.child.kill('SIGTERM');
    await gateway.waitForLine((line) => line['msg'] === 'shutting down: draining', 5_000);
    expect((await fetch(`${new URL(gateway.url).origin}/readyz`)).status).toBe(503);
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await gateway.exited).toBe(0);
    expect(alive(gateway.pid)).toBe(false);
    // Every stdout line was JSON (banner included), and none carried the Dashboard credential.
    expect(gateway.other()).toBe('');
    expect(JSON.stringify(gateway.lines)).not.toContain(credential);
  }, 60_000);

  it('refuses to start in production without a Dashboard URL, naming the variable', async () => {
    const refused = await run(process.execPath, ['dist/main.js'], { cwd: app, env: productionEnv({}) as NodeJS.ProcessEnv }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('PORTAL_GRAPH_DASHBOARD_URL');
    expect(refused.stderr).toContain('PORTAL_GRAPH_DEMO=true');
  }, 30_000);

  it('runs the embedded demo in production only when PORTAL_GRAPH_DEMO=true', async () => {
    gateway = await startGatewayProcess(process.execPath, ['dist/main.js'], { cwd: app, env: productionEnv({ PORTAL_GRAPH_DEMO: 'true', PORTAL_GRAPH_DRAIN_DELAY_MS: '0' }) });
    const upstream = await gateway.waitForLine((line) => typeof line['dashboardUrl'] === 'string');
    expect(upstream['embedded']).toBe(true);
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
  }, 30_000);
});
