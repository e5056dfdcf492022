/**
 * Developer sessions end before their expiry: `logout` ends one session (its token is refused with
 * SESSION_EXPIRED, the developer's other sessions go on), and a password change by any route — the
 * gateway, or the Dashboard itself — ends every session issued before it; on HTTP and graphql-ws.
 */
import { randomBytes } from 'node:crypto';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, DEMO_PASSWORD } from '../../src/dashboard/index.js';
import type { DeveloperRecord } from '../../src/dashboard/store.js';
import { startStack, type Stack } from '../support/stack.js';
import { wsSubscribe } from '../support/subscribers.js';

const ACME = DEMO_ORGS[0]!;
const LOGIN = parse(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ... on Session { token } } }`);
const VIEWER = parse(`{ viewer { id } }`);
const LOGOUT = parse(`mutation { logout { __typename ... on LogoutPayload { loggedOut } ... on Error { code } } }`);

let stack: Stack;
let developers: DeveloperRecord[];

beforeAll(async () => {
  stack = await startStack({ server: { sessions: { secret: randomBytes(32).toString('hex'), serviceCredential: ACME.credential } } });
  developers = [...stack.dashboard.store.orgs.get(ACME.orgId)!.developers.values()].filter((d) => !d.inactive).slice(0, 5);
});
afterAll(() => stack.stop());

async function session(developer: DeveloperRecord, password = DEMO_PASSWORD): Promise<string> {
  const result = await stack.execute(LOGIN, { e: developer.email, p: password }, { credential: null });
  return `Bearer ${(result.data as { login: { token: string } }).login.token}`;
}

async function codes(auth: string): Promise<[number, unknown[] | undefined]> {
  const result = await stack.execute(VIEWER, {}, { credential: auth });
  return [result.status, result.errors?.map((e) => e.extensions?.['code'])];
}

describe('logout', () => {
  it('ends this session only, before anything runs', async () => {
    const developer = developers[0]!;
    const [first, second] = [await session(developer), await session(developer)];
    const out = await stack.execute(LOGOUT, {}, { credential: first });
    expect(out.data).toEqual({ logout: { __typename: 'LogoutPayload', loggedOut: true } });
    stack.dashboard.requestLog.clear();
    expect(await codes(first)).toEqual([401, ['SESSION_EXPIRED']]);
    expect(stack.dashboard.requestLog.entries().map((e) => e.route).filter((r) => r !== 'GET /api/portal/developers/:id')).toEqual([]);
    expect((await stack.execute(VIEWER, {}, { credential: second })).data).toEqual({ viewer: { id: developer.id } });
  });

  it('refuses a logged-out session over graphql-ws too', async () => {
    const developer = developers[1]!;
    const auth = await session(developer);
    await stack.execute(LOGOUT, {}, { credential: auth });
    const ws = await wsSubscribe(stack.url, auth, `subscription { keyIssued { keyId } }`);
    try {
      expect(JSON.stringify(await ws.next())).toContain('SESSION_EXPIRED');
    } finally {
      await ws.close();
    }
  });

  it('is for developer sessions: an operator gets FORBIDDEN, an anonymous caller UNAUTHENTICATED', async () => {
    expect((await stack.execute(LOGOUT, {})).data).toEqual({ logout: { __typename: 'ForbiddenError', code: 'FORBIDDEN' } });
    expect((await stack.execute(LOGOUT, {}, { credential: null })).errors?.map((e) => e.extensions?.['code'])).toEqual(['UNAUTHENTICATED']);
  });
});

describe('a password change', () => {
  it('made in the Dashboard itself ends the sessions issued before it; a new login works', async () => {
    const developer = developers[2]!;
    const auth = await session(developer);
    const changed = await fetch(`${stack.dashboard.url}/api/portal/developers/password/${developer.id}`, {
      method: 'POST',
      headers: { authorization: ACME.credential, 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'changed-in-the-dashboard' }),
    });
    expect(changed.status).toBe(200);
    expect(await codes(auth)).toEqual([401, ['SESSION_EXPIRED']]);
    const fresh = await session(developer, 'changed-in-the-dashboard');
    expect((await stack.execute(VIEWER, {}, { credential: fresh })).data).toEqual({ viewer: { id: developer.id } });
  });

  it('made by an operator through the gateway ends them over graphql-ws too', async () => {
    const developer = developers[3]!;
    const auth = await session(developer);
    await stack.execute(parse(`mutation($id: ID!) { setDeveloperPassword(id: $id, password: "operator-set-password") { __typename } }`), { id: developer.id });
    const ws = await wsSubscribe(stack.url, auth, `subscription { keyIssued { keyId } }`);
    try {
      expect(JSON.stringify(await ws.next())).toContain('SESSION_EXPIRED');
    } finally {
      await ws.close();
    }
  });
});
