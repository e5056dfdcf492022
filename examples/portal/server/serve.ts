/**
 * `npm run portal`: builds the portal, starts the gateway exactly as `npm start` does (embedded
 * Tyk Dashboard with demo data unless PORTAL_GRAPH_DASHBOARD_URL is set) with this portal's trusted
 * documents and password-reset page, and serves the portal in front of it. Prints the portal's URL.
 *
 * PORTAL_PORT (default 4173) and PORTAL_HOST (default 127.0.0.1) place the portal; the gateway
 * takes its own PORTAL_GRAPH_* settings. Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readyLineOf } from '../../../src/banner.js';
import { buildPortal, PORTAL_DIR, PORTAL_MANIFEST } from './build.js';
import { createPortalServer } from './portal-server.js';

const REPOSITORY = fileURLToPath(new URL('../../..', import.meta.url));
const outDir = `${PORTAL_DIR}dist`;
const port = Number(process.env['PORTAL_PORT'] ?? 4173);
const host = process.env['PORTAL_HOST'] ?? '127.0.0.1';

process.stdout.write('portal: building…\n');
await buildPortal(outDir);

let gatewayOrigin = '';
const portal = createPortalServer({ root: outDir, gateway: () => gatewayOrigin });
const portalUrl = await portal.start(port, host);

const gateway = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'src/main.ts'], {
  cwd: REPOSITORY,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {
    ...process.env,
    PORTAL_GRAPH_TRUSTED_DOCUMENTS: process.env['PORTAL_GRAPH_TRUSTED_DOCUMENTS'] ?? PORTAL_MANIFEST,
    PORTAL_GRAPH_PASSWORD_RESET_URL: process.env['PORTAL_GRAPH_PASSWORD_RESET_URL'] ?? `${portalUrl}reset-password`,
  },
});

let buffered = '';
gateway.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (gatewayOrigin) return;
  buffered += chunk.toString('utf8');
  const lines = buffered.split('\n');
  buffered = lines.pop() ?? '';
  for (const line of lines) {
    // A JSON log line here: the gateway's stdout is a pipe.
    const url = readyLineOf(line.trim())?.url;
    if (!url) continue;
    gatewayOrigin = new URL(url).origin;
    buffered = '';
    process.stdout.write(`\nportal: ${portalUrl}  (open it in a browser; GraphQL through ${portalUrl}graphql → ${url})\n`);
    return;
  }
});

let stopping = false;
function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  gateway.kill(signal);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
gateway.on('exit', (code, signal) => {
  void portal.stop().then(() => process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0))));
});
