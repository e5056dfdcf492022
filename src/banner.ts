/**
 * The start-up banner: where the gateway listens and what it talks to. On a terminal it is plain
 * text for a person; anywhere else (a container, a log collector) it is JSON log lines on the
 * process logger, so every line of stdout is JSON.
 *
 * In embedded mode it shows the demo organisations' credentials and a demo login: they are the
 * embedded Dashboard's public demo values (in the source), never a real Dashboard's credential.
 */
import type { Logger } from 'pino';

export interface BannerInfo {
  url: string;
  readyMs: number;
  graphiql: boolean;
  dashboardUrl: string;
  metricsUrl?: string | undefined;
  /** Present when the embedded Dashboard runs. */
  demo?: {
    orgs: { name: string; credential: string }[];
    developers: number;
    login?: { email: string; password: string } | undefined;
    /** Where emails are written when no SMTP server is configured (the demo's password reset). */
    outbox?: string | undefined;
  };
}

const READY_MESSAGE = 'portal-graph ready';
const READY_TEXT = /^portal-graph ready in (\d+) ms: (\S+)/;

/**
 * The URL and ready time in one line of the gateway's stdout, when it is the banner's ready line
 * in either form (text on a terminal, a JSON log line otherwise): what a supervisor (`npm run
 * portal`, `npm run bench:scale`) waits for.
 */
export function readyLineOf(line: string): { url: string; readyMs: number } | undefined {
  const text = READY_TEXT.exec(line);
  if (text) return { url: text[2]!, readyMs: Number(text[1]) };
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as { msg?: unknown; url?: unknown; readyMs?: unknown };
    return entry.msg === READY_MESSAGE && typeof entry.url === 'string' && typeof entry.readyMs === 'number' ? { url: entry.url, readyMs: entry.readyMs } : undefined;
  } catch {
    return undefined;
  }
}

export function bannerText(info: BannerInfo): string[] {
  const lines = [`${READY_MESSAGE} in ${info.readyMs} ms: ${info.url}${info.graphiql ? '  (GraphiQL: open it in a browser)' : ''}`];
  if (info.metricsUrl) lines.push(`metrics: ${info.metricsUrl}`);
  if (info.demo) {
    lines.push(`upstream: embedded Tyk Dashboard at ${info.dashboardUrl} (demo data, ${info.demo.developers} developers in the first org: PORTAL_GRAPH_DEMO_DEVELOPERS; set PORTAL_GRAPH_DASHBOARD_URL for a real one)`);
    for (const org of info.demo.orgs) lines.push(`  demo org "${org.name}": Authorization: ${org.credential}`);
    const login = info.demo.login;
    if (login) lines.push(`  demo developer login: mutation { login(email: "${login.email}", password: "${login.password}") { ... on Session { token } } }`);
    if (info.demo.outbox) lines.push(`  emails (password reset) are written to ${info.demo.outbox} (no PORTAL_GRAPH_SMTP_URL set); copy the token from the link into resetPassword(token: …)`);
  } else {
    lines.push(`upstream: Tyk Dashboard at ${info.dashboardUrl}`);
  }
  return lines;
}

/**
 * Writes the banner: text on a TTY, JSON log lines otherwise. The banner is written at `info` even
 * when the log level is higher (`warn`, `error`): the ready line is what supervisors and tests wait
 * for. Only `silent` silences it.
 */
export function printBanner(info: BannerInfo, processLogger: Logger, stdout: { isTTY?: boolean; write(text: string): unknown } = process.stdout): void {
  if (stdout.isTTY) {
    stdout.write(`${bannerText(info).join('\n')}\n`);
    return;
  }
  if (processLogger.level === 'silent') return;
  const logger = processLogger.isLevelEnabled('info') ? processLogger : processLogger.child({}, { level: 'info' });
  logger.info({ url: info.url, readyMs: info.readyMs, pid: process.pid, graphiql: info.graphiql, ...(info.metricsUrl ? { metricsUrl: info.metricsUrl } : {}) }, READY_MESSAGE);
  logger.info({ dashboardUrl: info.dashboardUrl, embedded: info.demo !== undefined, ...(info.demo ? { demoDevelopers: info.demo.developers } : {}) }, info.demo ? 'upstream: embedded Tyk Dashboard with demo data' : 'upstream: Tyk Dashboard');
  for (const org of info.demo?.orgs ?? []) logger.info({ demoOrg: org.name, demoAuthorization: org.credential }, 'demo organisation (public demo credential)');
  if (info.demo?.login) logger.info({ demoEmail: info.demo.login.email, demoPassword: info.demo.login.password }, 'demo developer login');
  if (info.demo?.outbox) logger.info({ outbox: info.demo.outbox }, 'emails (password reset) are written to the outbox directory: no PORTAL_GRAPH_SMTP_URL set');
}
