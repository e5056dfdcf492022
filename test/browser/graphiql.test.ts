/**
 * GraphiQL in real headless Chromium: the page loads with no network beyond loopback (its assets are
 * inlined by @graphql-yoga/render-graphiql), opens with the example query and the demo credential,
 * runs the query and shows the Dashboard's data.
 * Skips with a notice when Chromium is missing, except under CI, where `.ci/run` installs it.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS } from '../../src/dashboard/index.js';
import { EXAMPLE_QUERY } from '../../src/server.js';
import { startStack, type Stack } from '../support/stack.js';

/** Debian's Chromium; `CHROMIUM_PATH` points elsewhere. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  if (process.env['CI']) throw new Error(`Chromium is missing at ${CHROMIUM}; .ci/run installs it (apt-get install chromium).`);
  console.warn(`[browser test skipped] no Chromium at ${CHROMIUM}; install Debian's chromium (apt-get install chromium) to run the GraphiQL test.`);
}

/**
 * The text of one of GraphiQL's Monaco editors, found by the model URI GraphiQL gives it
 * (`…-operation.graphql`, `…-request-headers.json`, `…-response.json`). Monaco draws spaces as
 * no-break spaces and renders only the lines in view, so this is what a user sees, not the whole model.
 */
async function editorText(page: Page, model: 'operation.graphql' | 'request-headers.json' | 'response.json'): Promise<string> {
  const text = await page.evaluate((suffix) => {
    const editor = document.querySelector(`.monaco-editor[data-uri$="-${suffix}"] .view-lines`);
    return editor instanceof HTMLElement ? editor.innerText : null;
  }, model);
  return (text ?? '').replace(/\u00a0/g, ' ');
}

interface OverviewResult {
  data?: { developers?: { totalCount: number; edges: { node: { email: string } }[] } };
  errors?: unknown[];
}

describe.skipIf(!available)('GraphiQL', () => {
  let stack: Stack;
  let browser: Browser;
  const shots = mkdtempSync(join(tmpdir(), 'portal-graph-graphiql-'));

  beforeAll(async () => {
    // GraphiQL starts with the demo credential filled in, as `npm start` does in embedded mode.
    stack = await startStack({ server: { graphiqlHeaders: { authorization: DEMO_ORGS[0]!.credential } } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Without the background-networking flags Chromium dials Google's hosts, which a closed network refuses.
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('runs the example query with the prefilled credential and shows developers', async () => {
    // Playwright gives every context a fresh, empty profile.
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const outside: string[] = [];
    const pageErrors: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['blob:', 'data:'].includes(url.protocol)) outside.push(request.url());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const screenshot = join(shots, 'graphiql.png');
    try {
      // A browser navigation asks for text/html: Yoga answers with GraphiQL instead of a GraphQL response.
      const response = await page.goto(stack.url, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toMatch(/^text\/html/);

      // The operation editor holds the example query, the headers editor the demo credential.
      const example = EXAMPLE_QUERY.trim();
      await expect.poll(() => editorText(page, 'operation.graphql'), { timeout: 30_000, interval: 250 }).toBe(example);
      await expect.poll(() => editorText(page, 'request-headers.json'), { timeout: 10_000, interval: 250 }).not.toBe('');
      expect(JSON.parse(await editorText(page, 'request-headers.json'))).toEqual({ authorization: stack.credential });

      // Run it the way a user does; the answer is read off the wire and off the result pane.
      const answered = page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/graphql' && (r.request().postData() ?? '').includes('DeveloperOverview'),
        { timeout: 30_000 },
      );
      await page.getByRole('button', { name: /^Execute query/ }).click();
      const result = (await (await answered).json()) as OverviewResult;
      expect(result.errors).toBeUndefined();
      const developers = result.data?.developers;
      expect(developers?.totalCount).toBeGreaterThan(0);
      const firstEmail = developers?.edges[0]?.node.email ?? '';
      expect(firstEmail).toMatch(/^[^@\s]+@[^@\s]+$/);

      await expect
        .poll(() => editorText(page, 'response.json'), { timeout: 30_000, interval: 250 })
        .toContain(`"totalCount": ${developers!.totalCount}`);
      expect(await editorText(page, 'response.json')).toContain(`"email": "${firstEmail}"`);

      expect(outside, 'requests beyond loopback (a CDN asset?)').toEqual([]);
      expect(pageErrors, 'uncaught errors in the page').toEqual([]);
    } finally {
      // Kept at the end and on failure, to look at what the browser showed.
      await page.screenshot({ path: screenshot, fullPage: true }).catch(() => undefined);
      console.info(`[browser test] GraphiQL screenshot: ${screenshot}`);
      await page.close();
    }
  }, 90_000);

  it('runs a subscription out of the box: GraphiQL’s event stream carries what the server requires, and events arrive', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/graphql' && (r.request().headers()['accept'] ?? '').includes('text/event-stream')) statuses.push(r.status());
    });
    const screenshot = join(shots, 'graphiql-subscription.png');
    try {
      const subscription = 'subscription LiveKeys { keyIssued { type keyId } }';
      await page.goto(`${stack.url}?query=${encodeURIComponent(subscription)}`, { waitUntil: 'load' });
      await expect.poll(() => editorText(page, 'operation.graphql'), { timeout: 30_000, interval: 250 }).toBe(subscription);
      await page.getByRole('button', { name: /^Execute/ }).click();
      await expect.poll(() => statuses.length, { timeout: 30_000, interval: 100 }).toBeGreaterThan(0);
      expect(statuses).toEqual([200]);
      // A key issued now is the event the open stream shows.
      const org = stack.dashboard.store.orgs.get(DEMO_ORGS[0]!.orgId)!;
      const developer = [...org.developers.values()].find((d) => !d.inactive)!;
      const policyId = [...org.policies.values()].find((p) => p.auth_type !== 'oauth')!._id;
      let issuedKeyId = '';
      await expect
        .poll(
          async () => {
            // Issue until the stream has subscribed on the server (an event before that is not delivered).
            const issued = await stack.execute(parse(`mutation($d: ID!, $p: [ID!]!) { addKey(developerId: $d, policyIds: $p) { ... on IssuedKey { key { id } } } }`), { d: developer.id, p: [policyId] });
            issuedKeyId = (issued.data as { addKey: { key: { id: string } } }).addKey.key.id;
            return editorText(page, 'response.json');
          },
          { timeout: 30_000, interval: 1_000 },
        )
        .toContain('"KEY_ISSUED"');
      expect(issuedKeyId).not.toBe('');
    } finally {
      await page.screenshot({ path: screenshot, fullPage: true }).catch(() => undefined);
      await page.close();
    }
  }, 90_000);
});
