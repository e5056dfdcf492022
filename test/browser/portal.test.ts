/**
 * The reference portal (examples/portal) in real headless Chromium, built as it would be deployed
 * and served in front of a real gateway and embedded Dashboard: a developer's whole journey, from the
 * anonymous catalogue to logging in with a password reset by email.
 *
 * The page must never log a console error, fail a request or get a 4xx/5xx answer; every GraphQL
 * request it sends must be a trusted document sent by id (the gateway runs trusted-only).
 *
 * UPDATE_SCREENSHOTS=1 writes the README's screenshots to examples/portal/screenshots; otherwise
 * they go to a temporary folder (printed), so a CI run never dirties the tree.
 * Skips with a notice when Chromium is missing, except under CI, where `.ci/run` installs it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalServer, type PortalServer } from '../../examples/portal/server/portal-server.js';
import { buildPortal, PORTAL_MANIFEST } from '../../examples/portal/server/build.js';
import { DEMO_ORGS, DEMO_PASSWORD } from '../../src/dashboard/index.js';
import { smtpTransport } from '../../src/mail/transport.js';
import { TrustedDocuments } from '../../src/security/trusted-documents.js';
import { ApproveKeyRequestDocument, UpdatePortalConfigurationDocument } from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  if (process.env['CI']) throw new Error(`Chromium is missing at ${CHROMIUM}; .ci/run installs it (apt-get install chromium).`);
  console.warn(`[browser test skipped] no Chromium at ${CHROMIUM}; install Debian's chromium (apt-get install chromium) to run the portal test.`);
}

const ACME = DEMO_ORGS[0]!;
const SCREENSHOTS = process.env['UPDATE_SCREENSHOTS'] === '1' ? fileURLToPath(new URL('../../examples/portal/screenshots/', import.meta.url)) : mkdtempSync(join(tmpdir(), 'portal-graph-portal-shots-'));
/** An identicon-like image standing in for Gravatar, which a closed network cannot reach. */
const IDENTICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 5 5" shape-rendering="crispEdges"><rect width="5" height="5" fill="#f0f0f0"/><path fill="#7b5cc4" d="M1 0h3v1H1zM0 1h1v2H0zM4 1h1v2H4zM2 2h1v1H2zM1 3h3v1H1zM0 4h2v1H0zM3 4h2v1H3z"/></svg>`;

const portalManifest = JSON.parse(readFileSync(PORTAL_MANIFEST, 'utf8')) as Record<string, string>;
const testManifest = JSON.parse(readFileSync(new URL('../generated/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>;

/** What the browser did wrong, and which GraphQL requests it sent. */
interface Watch {
  problems: string[];
  outside: string[];
  avatars: string[];
  graphql: { operationName?: string; query?: unknown; hash?: string }[];
  /** Every GraphQL answer body the page received, in order. */
  answers: string[];
  subscriptions: string[];
}

/** The operation a GraphQL POST body names, for failure messages. */
function operationOf(body: string | null): string {
  try {
    return (JSON.parse(body ?? '') as { operationName?: string }).operationName ?? '';
  } catch {
    return '';
  }
}

function watch(context: BrowserContext, page: Page): Watch {
  const w: Watch = { problems: [], outside: [], avatars: [], graphql: [], answers: [], subscriptions: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') w.problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => w.problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => w.problems.push(`request failed: ${request.method()} ${request.url()} ${operationOf(request.postData())} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/graphql') void response.text().then((text) => w.answers.push(text), () => undefined);
    if (response.status() >= 400) w.problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()} ${operationOf(response.request().postData())}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (/(^|\.)gravatar\.com$/.test(url.hostname)) return void w.avatars.push(request.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['blob:', 'data:'].includes(url.protocol)) w.outside.push(request.url());
    if (url.pathname === '/graphql' && request.method() === 'POST') {
      const body = JSON.parse(request.postData() ?? '{}') as { operationName?: string; query?: unknown; extensions?: { persistedQuery?: { sha256Hash?: string } } };
      w.graphql.push({ operationName: body.operationName, query: body.query, hash: body.extensions?.persistedQuery?.sha256Hash });
    }
  });
  page.on('websocket', (socket) => {
    socket.on('framesent', (frame) => {
      const message = JSON.parse(String(frame.payload)) as { type?: string; payload?: { query?: string } };
      if (message.type === 'subscribe') w.subscriptions.push(message.payload?.query ?? '');
    });
  });
  // Gravatar is the one service outside the portal's origin a page may load (the avatar).
  void context.route(/^https:\/\/(www|secure)\.gravatar\.com\//, (route) => route.fulfill({ status: 200, contentType: 'image/svg+xml', body: IDENTICON }));
  return w;
}

/**
 * The page fits a 360 px wide screen: nothing wider than the viewport once the layout has settled
 * (charts measure their box after a resize, so give them up to 5 s).
 */
async function fitsPhoneWidth(page: Page): Promise<boolean> {
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 360, height: 780 });
  const fits = await page
    .waitForFunction(() => window.innerWidth === 360 && document.documentElement.scrollWidth <= window.innerWidth, undefined, { timeout: 5_000 })
    .then(() => true, () => false);
  await page.setViewportSize(viewport);
  return fits;
}

/** A link of the site's main navigation. */
function navLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

async function shot(page: Page, name: string) {
  // No chart tooltip under a mouse left where the last click was.
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe.skipIf(!available)('the reference portal', () => {
  let stack: Stack;
  let portal: PortalServer;
  let portalUrl: string;
  let browser: Browser;
  let inbox: SmtpSink;
  const built = mkdtempSync(join(tmpdir(), 'portal-graph-portal-build-'));

  beforeAll(async () => {
    inbox = await startSmtpSink();
    // The portal server first (it learns the gateway's address later): the reset email links to its page.
    let gatewayOrigin = '';
    portal = createPortalServer({ root: built, gateway: () => gatewayOrigin });
    portalUrl = await portal.start(0);
    const [, started] = await Promise.all([
      buildPortal(built),
      startStack({
        server: {
          sessions: { secret: 'reference-portal-test-session-secret-0123456789', serviceCredential: ACME.credential },
          // The portal's operations and the test's own (an operator approving a request), nothing else.
          trustedDocuments: { documents: new TrustedDocuments({ ...testManifest, ...portalManifest }), only: true },
          rateLimit: false,
          mail: { transport: smtpTransport({ url: inbox.url }), from: '"Acme developer portal" <portal@acme.example>' },
          passwordReset: { url: `${portalUrl}reset-password` },
        },
      }),
    ]);
    stack = started;
    gatewayOrigin = new URL(stack.url).origin;
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    await stack?.stop();
    await inbox?.stop();
    rmSync(built, { recursive: true, force: true });
    console.info(`[browser test] portal screenshots: ${SCREENSHOTS}`);
  });

  it('walks a developer from the catalogue through keys, analytics and revocation to a password reset by email', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const w = watch(context, page);
    const org = stack.dashboard.store.orgs.get(ACME.orgId)!;
    const email = 'ria.portal@example.test';
    const password = 'first-password';
    const changedPassword = 'changed-password';

    try {
      // 1. Anonymous catalogue: every entry the portal shows, none it hides.
      await page.goto(portalUrl);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('API catalogue');
      const shown = (org.catalogue!.apis as { name: string; show: boolean }[]).filter((a) => a.show).map((a) => a.name);
      await expect.poll(() => page.getByRole('list', { name: 'APIs' }).getByRole('heading', { level: 2 }).allTextContents()).toEqual(shown);
      // The first Tab stop is the skip link, and it moves focus to the page's content.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      expect(await fitsPhoneWidth(page)).toBe(true);
      await shot(page, 'catalogue');

      // 2. Sign up with the portal's own sign-up fields: the demo portal's Company, and the
      //    telephone and country the Classic portal's profile has, once the portal asks for them.
      //    An operator changes the form through the gateway (which drops its cached configuration).
      const form = await stack.execute(UpdatePortalConfigurationDocument, { input: { signupFields: ['Company', 'Telephone', 'Country'] } });
      expect(form.data?.updatePortalConfiguration.__typename).toBe('PortalConfigurationPayload');
      await navLink(page, 'Sign up').click();
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Name', { exact: true }).fill('Ria Portal');
      for (const field of org.configuration!['signup_fields'] as string[]) await page.getByLabel(field, { exact: true }).fill(`${field} value`);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByLabel('Confirm password').fill(password);
      expect(await fitsPhoneWidth(page)).toBe(true);
      await shot(page, 'signup');
      await page.getByRole('button', { name: 'Sign up' }).click();

      // 3. The dashboard: 7 days of usage, all zero, for a developer without keys.
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe('Welcome, Ria Portal');
      const developer = [...org.developers.values()].find((d) => d.email === email)!;
      expect(developer.fields).toMatchObject({ Name: 'Ria Portal', Company: 'Company value', Telephone: 'Telephone value', Country: 'Country value' });
      const weekly = page.locator('figure.usage-chart');
      await expect.poll(() => weekly.getAttribute('data-buckets')).toBe('7');
      expect(await weekly.getAttribute('data-total-hits')).toBe('0');
      expect(await page.getByTestId('total-hits').textContent()).toBe('0');
      expect(await page.locator('figure.usage-chart .recharts-surface').count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByText('You have no keys yet').count()).toBe(1);

      // 4. Request a key; Acme's portal reviews requests, so it waits for approval.
      const entry = (org.catalogue!.apis as { name: string; show: boolean; auth_type: string; policy_id: string }[]).find((a) => a.show && a.auth_type !== 'oauth')!;
      await navLink(page, 'Catalogue').click();
      await page.getByRole('link', { name: `Request a key for ${entry.name}` }).click();
      await expect.poll(() => page.getByRole('checkbox', { name: new RegExp(entry.name) }).isChecked()).toBe(true);
      for (const field of org.configuration!['key_request_fields'] as string[]) await page.getByLabel(field, { exact: true }).fill('Reference portal test');
      await page.getByRole('button', { name: 'Request key' }).click();
      await expect.poll(() => page.getByText(/is waiting for approval/).count(), { timeout: 15_000 }).toBe(1);
      const pending = [...org.keyRequests.values()].find((r) => r.by_user === developer.id && !r.approved)!;
      expect(pending.apply_policies).toEqual([entry.policy_id]);
      expect(pending.fields).toMatchObject({ Purpose: 'Reference portal test' });

      // 5. An administrator approves it: the live notice (subscription) and the key appear.
      await page.getByRole('link', { name: 'Go to your dashboard' }).click();
      await expect.poll(() => page.getByRole('list', { name: 'Pending key requests' }).count()).toBe(1);
      await expect.poll(() => w.subscriptions.length).toBeGreaterThan(0);
      const approved = await stack.execute(ApproveKeyRequestDocument, { id: pending.id });
      expect(approved.data?.approveKeyRequest.__typename).toBe('KeyRequestPayload');
      const notice = page.getByTestId('key-issued-notice');
      await expect.poll(() => notice.count(), { timeout: 15_000 }).toBe(1);
      const policyName = stack.dashboard.store.orgs.get(ACME.orgId)!.policies.get(entry.policy_id)!.name;
      expect(await notice.textContent()).toContain(policyName);
      const keyCards = page.getByRole('list', { name: 'Keys' }).getByRole('listitem');
      await expect.poll(() => keyCards.count(), { timeout: 15_000 }).toBe(1);
      const keyId = Object.keys(stack.dashboard.store.orgs.get(ACME.orgId)!.developers.get(developer.id)!.keys)[0]!;
      expect(await keyCards.first().getAttribute('data-key-id')).toBe(keyId);
      const quota = keyCards.first().getByRole('meter');
      const session = org.keys.get(keyId)!;
      expect(Number(await quota.getAttribute('aria-valuenow'))).toBe(session.quota_remaining);
      expect(Number(await quota.getAttribute('aria-valuemax'))).toBe(session.quota_max);
      expect(await fitsPhoneWidth(page)).toBe(true);
      await shot(page, 'dashboard');
      await page.getByRole('button', { name: 'Dismiss notice' }).click();

      // 6. With approval turned off (by an operator), a request is granted at once and the raw key shown once.
      const instant = await stack.execute(UpdatePortalConfigurationDocument, { input: { requireKeyApproval: false } });
      expect(instant.data?.updatePortalConfiguration.__typename).toBe('PortalConfigurationPayload');
      const second = (org.catalogue!.apis as { name: string; show: boolean; auth_type: string; policy_id: string }[]).find((a) => a.show && a.auth_type !== 'oauth' && a.policy_id !== entry.policy_id)!;
      await page.getByRole('link', { name: 'Request a key', exact: true }).click();
      await page.getByRole('checkbox', { name: new RegExp(second.name) }).check();
      await page.getByRole('button', { name: 'Request key' }).click();
      await expect.poll(() => page.getByText(/is ready\. Copy it now/).count(), { timeout: 15_000 }).toBe(1);
      const rawKey = (await page.getByTestId('secret-value').textContent()) ?? '';
      expect(rawKey.length).toBeGreaterThan(20);
      await expect.poll(() => page.getByTestId('key-issued-notice').count(), { timeout: 15_000 }).toBe(1);
      await shot(page, 'key-issued');
      await page.getByRole('button', { name: 'Dismiss notice' }).click();

      // 7. An OAuth client for the OAuth entry; its secret is read only when asked for.
      const oauthEntry = (org.catalogue!.apis as { name: string; show: boolean; auth_type: string; policy_id: string }[]).find((a) => a.show && a.auth_type === 'oauth')!;
      await page.getByRole('link', { name: 'Go to your dashboard' }).click();
      await page.getByRole('link', { name: 'Request a key', exact: true }).click();
      await page.getByRole('checkbox', { name: new RegExp(oauthEntry.name) }).check();
      await page.getByLabel('Redirect URI').fill('https://ria.example/callback');
      await page.getByLabel('Application description').fill('Ria test app');
      await page.getByLabel('Use case').fill('Signing in customers');
      await page.getByRole('button', { name: 'Request key' }).click();
      await expect.poll(() => page.getByText(/Your OAuth client for .* is ready/).count(), { timeout: 15_000 }).toBe(1);
      const clients = Object.values(org.developers.get(developer.id)!.oauth_clients).flat();
      expect(clients).toHaveLength(1);
      const client = clients[0]!;
      expect(client).toMatchObject({ redirect_uri: 'https://ria.example/callback', app_description: 'Ria test app', use_case: 'Signing in customers' });
      await navLink(page, 'OAuth clients').click();
      const clientCard = page.getByRole('list', { name: 'OAuth clients' }).getByRole('listitem');
      await expect.poll(() => clientCard.getByRole('heading').textContent(), { timeout: 15_000 }).toBe('Ria test app');
      expect(await clientCard.getByText(client.client_id).count()).toBe(1);
      expect(w.answers.filter((a) => a.includes(client.secret))).toEqual([]);
      expect(await page.getByText(client.secret).count()).toBe(0);
      await clientCard.getByRole('button', { name: 'Show secret' }).click();
      await expect.poll(() => clientCard.getByTestId('secret-value').textContent(), { timeout: 15_000 }).toBe(client.secret);
      expect(await fitsPhoneWidth(page)).toBe(true);
      await shot(page, 'oauth-clients');
      await clientCard.getByRole('button', { name: 'Hide secret' }).click();
      expect(await page.getByText(client.secret).count()).toBe(0);

      // 8. Per-key analytics by hour, day and month.
      await navLink(page, 'Dashboard').click();
      await expect.poll(() => keyCards.count(), { timeout: 15_000 }).toBe(2);
      await page.locator(`[data-key-id="${keyId}"]`).getByRole('link', { name: /^Analytics/ }).click();
      const chart = page.locator('figure.usage-chart');
      await expect.poll(() => chart.getAttribute('data-buckets'), { timeout: 15_000 }).toBe('30');
      stack.dashboard.requestLog.clear();
      await page.getByRole('button', { name: 'By hour' }).click();
      await expect.poll(() => chart.getAttribute('data-buckets'), { timeout: 15_000 }).toBe('24');
      // The page reads the one key it shows (the developer holds two): one usage call, that key's.
      const usageCalls = stack.dashboard.requestLog.entries().filter((e) => e.path.startsWith('/api/activity/keys/'));
      expect(usageCalls.map((e) => e.path.split('/')[4])).toEqual([keyId]);
      await page.getByRole('button', { name: 'By month' }).click();
      await expect.poll(() => chart.getAttribute('data-buckets'), { timeout: 15_000 }).toBe('12');
      expect(await page.getByRole('button', { name: 'By month' }).getAttribute('aria-pressed')).toBe('true');
      expect(await fitsPhoneWidth(page)).toBe(true);
      await page.getByRole('button', { name: 'By day' }).click();
      await expect.poll(() => chart.getAttribute('data-buckets'), { timeout: 15_000 }).toBe('30');

      // 9. Revoke the first key, by keyboard: the button, then the confirmation.
      await page.getByRole('link', { name: '← Dashboard' }).click();
      const card = page.locator(`[data-key-id="${keyId}"]`);
      await card.getByRole('button', { name: /^Revoke/ }).focus();
      await page.keyboard.press('Enter');
      await card.getByRole('button', { name: 'Yes, revoke' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByText(`Key …${keyId.slice(-6)} was revoked.`).count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(() => keyCards.count(), { timeout: 15_000 }).toBe(1);
      expect(org.keys.has(keyId)).toBe(false);

      // 10. Edit the profile: name and the portal's sign-up fields.
      await navLink(page, 'Profile').click();
      for (const field of org.configuration!['signup_fields'] as string[]) {
        await expect.poll(() => page.getByLabel(field, { exact: true }).inputValue(), { timeout: 15_000 }).toBe(`${field} value`);
        await page.getByLabel(field, { exact: true }).fill(`${field} edited`);
      }
      await page.getByLabel('Name', { exact: true }).fill('Ria P. Portal');
      await page.getByRole('button', { name: 'Save details' }).click();
      await expect.poll(() => page.getByText('Your details were saved.').count(), { timeout: 15_000 }).toBe(1);
      expect(org.developers.get(developer.id)!.fields).toMatchObject({ Name: 'Ria P. Portal', Company: 'Company edited', Telephone: 'Telephone edited', Country: 'Country edited' });
      // The Gravatar avatar: SHA-256 of the trimmed, lower-cased email, an identicon when it has none.
      const avatar = page.locator('img.avatar');
      expect(new URL((await avatar.getAttribute('src'))!).pathname).toBe(`/avatar/${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`);
      await expect.poll(() => avatar.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)).toBe(true);
      expect(w.avatars.length).toBeGreaterThan(0);
      expect(await fitsPhoneWidth(page)).toBe(true);
      await shot(page, 'profile');

      // Changing the password ends every older session; the portal carries on with the new one it got.
      const before = await page.evaluate(() => localStorage.getItem('portal-graph.session'));
      await page.getByLabel('Current password').fill(password);
      await page.getByLabel('New password').fill(changedPassword);
      await page.getByRole('button', { name: 'Change password' }).click();
      await expect.poll(() => page.getByText('Your password was changed. Other sessions were logged out.').count(), { timeout: 15_000 }).toBe(1);
      expect(await page.evaluate(() => localStorage.getItem('portal-graph.session'))).not.toBe(before);
      await navLink(page, 'Dashboard').click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe('Welcome, Ria P. Portal');

      // 11. Log out: the gateway ends the session and the browser forgets it.
      const token = (JSON.parse((await page.evaluate(() => localStorage.getItem('portal-graph.session'))) ?? '{}') as { token?: string }).token;
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Log out' }).click();
      await expect.poll(() => navLink(page, 'Log in').count()).toBe(1);
      expect(await page.evaluate(() => localStorage.length)).toBe(0);
      const dashboardId = Object.keys(portalManifest).find((id) => portalManifest[id]!.startsWith('query PortalDashboard'))!;
      const reused = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ documentId: dashboardId }) });
      expect(((await reused.json()) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code).toBe('SESSION_EXPIRED');

      // 12. Forgot the password: the reset email arrives over SMTP, its link opens the reset page.
      await navLink(page, 'Log in').click();
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await page.getByLabel('Email').fill(email);
      await page.getByRole('button', { name: 'Send password reset email' }).click();
      await expect.poll(() => page.getByText(/an email with a link to choose a new password is on its way/).count(), { timeout: 15_000 }).toBe(1);
      const mail = await inbox.waitForMailTo(email, 0, 15_000);
      expect(mail.subject).toContain('password');
      const link = /https?:\/\/\S+/.exec(mail.text)?.[0] ?? '';
      expect(link.startsWith(`${portalUrl}reset-password?token=`)).toBe(true);
      await page.goto(link);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Choose a new password');
      expect(new URL(page.url()).search).toBe('');
      const newPassword = 'second-password';
      await page.getByLabel('New password', { exact: true }).fill(newPassword);
      await page.getByLabel('Confirm new password').fill(newPassword);
      expect(await fitsPhoneWidth(page)).toBe(true);
      await shot(page, 'reset-password');
      await page.getByRole('button', { name: 'Update password' }).click();
      await expect.poll(() => page.getByText('Your password was changed. Log in with the new one.').count(), { timeout: 15_000 }).toBe(1);
      expect(await page.getByLabel('Email').inputValue()).toBe(email);

      // The old password is refused, with a sentence a person reads.
      await page.getByLabel('Password').fill(changedPassword);
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 }).toBe('That email and password do not match an account.');

      // 13. Log in with the new password, by keyboard only.
      await page.getByLabel('Password').fill('');
      await page.getByLabel('Password').focus();
      await page.keyboard.type(newPassword);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe('Welcome, Ria P. Portal');

      // 14. A demo developer with traffic: the dashboard's totals and charts carry numbers.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Log out' }).click();
      const busy = [...org.developers.values()].filter((d) => !d.inactive).sort((a, b) => Object.keys(b.keys).length - Object.keys(a.keys).length)[0]!;
      await navLink(page, 'Log in').click();
      await page.getByLabel('Email').fill(busy.email);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect.poll(() => keyCards.count(), { timeout: 15_000 }).toBe(Object.keys(busy.keys).length);
      const hits = Number((await page.getByTestId('total-hits').textContent())?.replace(/,/g, ''));
      expect(hits).toBeGreaterThan(0);
      expect(await weekly.getAttribute('data-total-hits')).toBe(String(hits));
      await shot(page, 'dashboard-traffic');
      await keyCards.first().getByRole('link', { name: /^Analytics/ }).click();
      await expect.poll(() => chart.getAttribute('data-buckets'), { timeout: 15_000 }).toBe('30');
      expect(Number(await chart.getAttribute('data-total-hits'))).toBeGreaterThan(0);
      await shot(page, 'key-analytics');

      // Every request was a trusted document of the portal, by id; subscriptions carry a manifest document's text.
      expect(w.graphql.length).toBeGreaterThan(10);
      expect(w.graphql.filter((r) => r.query !== undefined || !r.hash || !portalManifest[r.hash])).toEqual([]);
      const portalDocuments = new TrustedDocuments(portalManifest);
      expect(w.subscriptions.filter((q) => !portalDocuments.allows(q))).toEqual([]);
      expect(w.outside).toEqual([]);
      expect(w.problems).toEqual([]);
    } finally {
      // Kept at the end and on failure, to look at what the browser showed (never in the committed folder).
      const last = join(tmpdir(), `portal-graph-portal-last-${process.pid}.png`);
      await page.screenshot({ path: last, fullPage: true }).catch(() => undefined);
      console.info(`[browser test] the portal's last state: ${last}`);
      await context.close();
    }
  }, 240_000);
});
