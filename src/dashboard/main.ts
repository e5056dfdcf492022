/**
 * `npm run dashboard`: the embedded Tyk Dashboard alone, for curl and for pointing a gateway at it.
 * Listens on PORTAL_GRAPH_DASHBOARD_PORT (default 3000) and PORTAL_GRAPH_DASHBOARD_HOST (default
 * 127.0.0.1), fills the first demo organisation with PORTAL_GRAPH_DEMO_DEVELOPERS developers
 * (default 250), and prints each demo organisation's credentials.
 */
import { ConfigError, loadDemoDevelopers } from '../config.js';
import { createEmbeddedDashboard, DEMO_PASSWORD } from './index.js';

const port = Number(process.env['PORTAL_GRAPH_DASHBOARD_PORT'] ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`PORTAL_GRAPH_DASHBOARD_PORT must be a port number, got ${JSON.stringify(process.env['PORTAL_GRAPH_DASHBOARD_PORT'])}\n`);
  process.exit(1);
}
let developers: number;
try {
  developers = loadDemoDevelopers();
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}
const generating = performance.now();
const dashboard = createEmbeddedDashboard({ port, host: process.env['PORTAL_GRAPH_DASHBOARD_HOST'] ?? '127.0.0.1', demoSize: { developers: [developers, 30] } });
const generatedMs = Math.round(performance.now() - generating);
const url = await dashboard.start();
process.stdout.write(`Embedded Tyk Dashboard (Classic portal API) at ${url} (demo data: ${developers} developers in ${generatedMs} ms)\n`);
for (const org of dashboard.orgs) {
  process.stdout.write(`  org "${org.name}" (${org.orgId}): authorization: ${org.credential}   read-only: ${org.readOnlyCredential}\n`);
}
process.stdout.write(`  demo developers log in with password: ${DEMO_PASSWORD}\n`);
const stop = () => void dashboard.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
