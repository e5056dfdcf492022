/**
 * `npm run dashboard`: the embedded Tyk Dashboard alone, for curl, for real Tyk clients (Tyk's
 * reference portal, the identity broker, scripts) and for pointing a gateway at it.
 * Listens on PORTAL_GRAPH_DASHBOARD_PORT (default 3000; 0 = any free port) and
 * PORTAL_GRAPH_DASHBOARD_HOST (default 127.0.0.1), fills the first demo organisation with
 * PORTAL_GRAPH_DEMO_DEVELOPERS developers (default 250), and prints the URL and each demo
 * organisation's credentials. PORTAL_GRAPH_DASHBOARD_EMPTY_ANALYTICS (`empty`, the default, or
 * `null`) says how key analytics with no rows are answered: `"data": []` or `"data": null`.
 */
import { ConfigError, loadDemoDevelopers } from '../config.js';
import { createEmbeddedDashboard, DEMO_PASSWORD, type EmptyAnalytics } from './index.js';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const port = Number(process.env['PORTAL_GRAPH_DASHBOARD_PORT'] ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  fail(`PORTAL_GRAPH_DASHBOARD_PORT must be a port number, got ${JSON.stringify(process.env['PORTAL_GRAPH_DASHBOARD_PORT'])}`);
}
const emptyAnalytics = process.env['PORTAL_GRAPH_DASHBOARD_EMPTY_ANALYTICS'] ?? 'empty';
if (emptyAnalytics !== 'empty' && emptyAnalytics !== 'null') {
  fail(`PORTAL_GRAPH_DASHBOARD_EMPTY_ANALYTICS must be "empty" or "null", got ${JSON.stringify(emptyAnalytics)}`);
}
let developers = 0;
try {
  developers = loadDemoDevelopers();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}
const generating = performance.now();
const dashboard = createEmbeddedDashboard({
  port,
  host: process.env['PORTAL_GRAPH_DASHBOARD_HOST'] ?? '127.0.0.1',
  emptyAnalytics: emptyAnalytics as EmptyAnalytics,
  demoSize: { developers: [developers, 30] },
});
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
