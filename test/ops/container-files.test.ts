/**
 * The Dockerfile and compose.yaml cannot be built here (no Docker daemon on this machine), so what
 * can be checked without one is checked: the image runs the steps test/ops/production.test.ts
 * replays, as a non-root user with node as PID 1 and a health check on /livez; its build context
 * holds what those steps need; the compose trial's settings are ones the gateway reads and accepts,
 * with the embedded Dashboard's real demo credentials.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENVIRONMENT_VARIABLES, loadConfig } from '../../src/config.js';
import { DEMO_ORGS } from '../../src/dashboard/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(resolve(ROOT, file), 'utf8');
const dockerfile = read('Dockerfile');
/** Instructions with their arguments, line continuations joined. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => ({ op: line.split(/\s+/, 1)[0]!.toUpperCase(), args: line.slice(line.split(/\s+/, 1)[0]!.length).trim() }));
const stages = dockerfile.split(/^FROM /m).slice(1);
const last = stages.at(-1)!;

interface Service {
  command?: string[];
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  deploy?: { replicas?: number };
  stop_grace_period?: string;
}
const compose = parse(read('compose.yaml')) as { services: Record<string, Service> };

describe('the Dockerfile', () => {
  it('builds in stages: npm ci and the build, then runtime dependencies only, then an image of dist', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const runs = instructions.filter((i) => i.op === 'RUN').map((i) => i.args);
    expect(runs).toContain('npm run build');
    expect(runs.some((r) => r.startsWith('npm ci --omit=dev'))).toBe(true);
    expect(last).toMatch(/COPY --from=\w+ \/app\/dist \.\/dist/);
    expect(last).not.toMatch(/COPY (\.|src)/);
  });

  it('runs the compiled entry as node itself (PID 1, exec form), as a non-root user, checked on /livez', () => {
    const cmd = instructions.filter((i) => i.op === 'CMD').at(-1)!;
    expect(JSON.parse(cmd.args)).toEqual(['node', 'dist/main.js']);
    expect(JSON.parse(read('package.json')).scripts['start:prod']).toContain('dist/main.js');
    const user = /^USER (\S+)/m.exec(last)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(last).toMatch(/HEALTHCHECK .*\/livez/s);
    expect(last).toMatch(/NODE_ENV=production/);
  });

  it('copies only files that exist and that .dockerignore lets into the context', () => {
    const allowed = read('.dockerignore')
      .split('\n')
      .filter((line) => line.startsWith('!'))
      .map((line) => line.slice(1).replace(/\/$/, ''));
    const sources = instructions
      .filter((i) => i.op === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(existsSync(resolve(ROOT, source)), source).toBe(true);
      expect(allowed, source).toContain(source);
    }
  });
});

describe('compose.yaml', () => {
  const gateway = compose.services['gateway']!;
  const dashboard = compose.services['dashboard']!;

  it('runs two gateway replicas beside Redis and the embedded Dashboard, built from this Dockerfile', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['dashboard', 'gateway', 'redis']);
    expect(gateway.deploy?.replicas).toBe(2);
    expect(gateway.build).toBe('.');
    expect(dashboard.image).toBe(gateway.image);
    // The Dashboard stand-in runs from the same image: its compiled entry exists in src.
    expect(dashboard.command).toEqual(['node', 'dist/dashboard/main.js']);
    expect(existsSync(resolve(ROOT, 'src/dashboard/main.ts'))).toBe(true);
    for (const name of Object.keys(dashboard.environment ?? {})) expect(read('src/dashboard/main.ts')).toContain(name);
  });

  it('configures the gateways with settings the gateway reads and accepts in production', () => {
    const env = gateway.environment!;
    for (const name of Object.keys(env)) expect(ENVIRONMENT_VARIABLES, name).toContain(name);
    const config = loadConfig(env);
    expect(config).toMatchObject({ production: true, dashboardUrl: 'http://dashboard:3000', redisUrl: 'redis://redis:6379', metricsPort: 9_464 });
    // The trial's credentials are the embedded Dashboard's demo ones, so its watcher and sessions work.
    const demo = DEMO_ORGS.map((org) => org.credential);
    expect(config.watch.credentials).toEqual(demo);
    expect(demo).toContain(config.sessions.serviceCredential);
    // The runtime waits for the drain before killing a container.
    const grace = Number(/^(\d+)s$/.exec(gateway.stop_grace_period ?? '')?.[1]) * 1000;
    expect(grace).toBeGreaterThan(config.shutdown.drainDelayMs + config.shutdown.graceMs);
  });
});
