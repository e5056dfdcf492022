/**
 * `npm run dashboard` alone (its entry, src/dashboard/main.ts, as a child process on a free port)
 * serves Tyk's reference portal's flow end to end over HTTP: sign-up with no keys, the dashboard
 * page's analytics over `,`, a key request by `for_plan`, its approval, and the dashboard again
 * with the new key. PORTAL_GRAPH_DASHBOARD_EMPTY_ANALYTICS switches the no-rows answer to
 * `"data": null`, and a bad value stops the process with a message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { client, daysAgo, dmy, iso8601WithOffset } from './support.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

interface Started {
  url: string;
  /** authorization credential per org name, as printed. */
  credentials: Map<string, string>;
  exited: Promise<number | null>;
  child: ChildProcess;
}

/** Starts the entry with PORTAL_GRAPH_DASHBOARD_PORT=0 and waits for the lines it prints. */
function startScript(env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/dashboard/main.ts'], {
    env: { ...process.env, PORTAL_GRAPH_DASHBOARD_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => (err += String(chunk)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const url = /Classic portal API\) at (http:\/\/\S+)/.exec(out)?.[1];
      if (url && out.includes('demo developers log in with password')) {
        const credentials = new Map([...out.matchAll(/org "([^"]+)" \([0-9a-f]{24}\): authorization: (\S+)/g)].map((m) => [m[1]!, m[2]!]));
        resolve({ url, credentials, exited, child });
      }
    });
    child.once('exit', (code) => reject(Object.assign(new Error(`exited ${code} before it was ready: ${out}${err}`), { code, err })));
  });
}

/** The reference portal's dashboard page: aggregate analytics of subscriptions + ',', summed. */
async function dashboardHits(tyk: ReturnType<typeof client>, subscriptions: Record<string, string>) {
  const today = new Date();
  const answer = await tyk('GET', `/api/activity/keys/aggregate/${Object.values(subscriptions).join(',')},/${dmy(daysAgo(30, today), true)}/${dmy(today, true)}?p=-1&res=day`);
  expect(answer.status, answer.text).toBe(200);
  return { rows: answer.json.data as { hits: number }[] | null, hits: (answer.json.data as { hits: number }[]).reduce((sum, row) => sum + row.hits, 0) };
}

describe('npm run dashboard', () => {
  it('serves the reference portal’s flow: sign-up, no-key dashboard, key request, approval, dashboard with the key', async () => {
    const script = await startScript();
    const portal = client(script.url, { authorization: script.credentials.get('Acme')! });

    const signedUp = await portal('POST', '/api/portal/developers', { email: 'script@example.com', password: 'script-pass', inactive: false, fields: { Name: 'Script User', Location: 'Oslo' } });
    expect(signedUp.status).toBe(200);
    const developer = (await portal('GET', '/api/portal/developers/email/script@example.com')).json;
    expect(await dashboardHits(portal, developer.subscriptions)).toEqual({ rows: [], hits: 0 });

    const catalogue = (await portal('GET', '/api/portal/catalogue')).json;
    const configuration = (await portal('GET', '/api/portal/configuration')).json;
    const policyId = catalogue.apis.find((api: { show: boolean; auth_type: string }) => api.show && api.auth_type !== 'oauth').policy_id;
    const request = await portal('POST', '/api/portal/requests', { by_user: developer.id, fields: { usecase: 'demo', traffic: '10' }, date_created: iso8601WithOffset(new Date()), version: 'v2', for_plan: policyId });
    expect(request.status).toBe(200);
    // Acme reviews key requests: the portal leaves it pending, an admin approves it (a bodiless PUT).
    expect(configuration.require_key_approval).toBe(true);
    const pending = (await portal('GET', '/api/portal/requests?approved=false&p=-1')).json.Data;
    expect(pending.map((r: { id: string }) => r.id)).toContain(request.json.Message);
    const approval = await portal('PUT', `/api/portal/requests/approve/${request.json.Message}`);
    expect(approval.status).toBe(200);
    expect(approval.json.RawKey).toEqual(expect.any(String));

    const after = (await portal('GET', '/api/portal/developers/email/script@example.com')).json;
    const hash = after.subscriptions[policyId];
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    // The new key's analytics: 200 and a list (no traffic yet, as on a real Dashboard a minute after issue)…
    expect(await dashboardHits(portal, after.subscriptions)).toEqual({ rows: [], hits: 0 });
    expect((await portal('GET', `/api/keys/${hash}?hashed=1`)).json.data.alias).toBe('script@example.com');
    // …and the same page for a demo developer whose keys have a month of traffic.
    const veteran = (await portal('GET', '/api/portal/developers?p=-1')).json.Data.find((d: { subscriptions: object }) => Object.keys(d.subscriptions).length > 0);
    expect((await dashboardHits(portal, veteran.subscriptions)).hits).toBeGreaterThan(0);

    script.child.kill('SIGTERM');
    expect(await script.exited).toBe(0);
  }, 60_000);

  it('answers "data": null for no rows with PORTAL_GRAPH_DASHBOARD_EMPTY_ANALYTICS=null, and refuses a bad value', async () => {
    const script = await startScript({ PORTAL_GRAPH_DASHBOARD_EMPTY_ANALYTICS: 'null' });
    const tyk = client(script.url, { authorization: script.credentials.get('Globex')! });
    expect((await tyk('GET', '/api/activity/keys/aggregate/,/1/1/2026/31/1/2026?p=-1&res=day')).json).toEqual({ data: null, pages: 0 });
    script.child.kill('SIGTERM');
    expect(await script.exited).toBe(0);

    const refused = await startScript({ PORTAL_GRAPH_DASHBOARD_EMPTY_ANALYTICS: 'nil' }).catch((error: { code: number; err: string }) => error);
    expect(refused).toMatchObject({ code: 1, err: expect.stringContaining('PORTAL_GRAPH_DASHBOARD_EMPTY_ANALYTICS must be "empty" or "null"') });
  }, 60_000);
});
