/**
 * `npm run portal` as a user runs it (examples/portal/server/serve.ts, a child process): it builds
 * the portal, starts the gateway on the embedded Dashboard, learns the gateway's address from its
 * ready line (a JSON log line, the gateway's stdout being a pipe), prints the portal's address, and
 * passes the portal's trusted operations through to the gateway; SIGTERM stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_MANIFEST } from '../../examples/portal/server/build.js';

let child: ChildProcess;
let output = '';
let portalUrl: string;

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'examples/portal/server/serve.ts'], {
    env: { ...process.env, PORTAL_PORT: '0', PORTAL_GRAPH_PORT: '0', PORTAL_GRAPH_WATCH_INTERVAL_MS: '60000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  portalUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no portal address within 120 s:\n${output}`)), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const printed = /^portal: (http:\/\/\S+)/m.exec(output);
      if (printed) {
        clearTimeout(timer);
        resolve(printed[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`npm run portal exited ${code}:\n${output}`)));
  });
}, 130_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

describe('npm run portal', () => {
  it('serves the built portal and passes its trusted operations to the gateway it started', async () => {
    const page = await fetch(portalUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<div id="root">');

    const manifest = JSON.parse(readFileSync(PORTAL_MANIFEST, 'utf8')) as Record<string, string>;
    const documentId = Object.keys(manifest).find((id) => manifest[id]!.startsWith('query PortalSignupForm'))!;
    const answer = await fetch(new URL('graphql', portalUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ documentId }) });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { data?: { portalConfiguration: { signupFields: string[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(Array.isArray(body.data!.portalConfiguration.signupFields)).toBe(true);
  });

  it('stops the portal and the gateway on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(portalUrl)).rejects.toThrow();
  });
});
