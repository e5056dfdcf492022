/**
 * `npm run dashboard`: the embedded Tyk Dashboard alone, for curl and for pointing a gateway at it.
 * Listens on PORTAL_GRAPH_DASHBOARD_PORT (default 3000) and PORTAL_GRAPH_DASHBOARD_HOST (default
 * 127.0.0.1), and prints each demo organisation's credentials.
 */
import { createEmbeddedDashboard, DEMO_PASSWORD } from './index.js';

const port = Number(process.env['PORTAL_GRAPH_DASHBOARD_PORT'] ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`PORTAL_GRAPH_DASHBOARD_PORT must be a port number, got ${JSON.stringify(process.env['PORTAL_GRAPH_DASHBOARD_PORT'])}\n`);
  process.exit(1);
}
const dashboard = createEmbeddedDashboard({ port, host: process.env['PORTAL_GRAPH_DASHBOARD_HOST'] ?? '127.0.0.1' });
const url = await dashboard.start();
process.stdout.write(`Embedded Tyk Dashboard (Classic portal API) at ${url}\n`);
for (const org of dashboard.orgs) {
  process.stdout.write(`  org "${org.name}" (${org.orgId}): authorization: ${org.credential}   read-only: ${org.readOnlyCredential}\n`);
}
process.stdout.write(`  demo developers log in with password: ${DEMO_PASSWORD}\n`);
const stop = () => void dashboard.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
