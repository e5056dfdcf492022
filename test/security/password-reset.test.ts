/**
 * Password reset by email, end to end through a real SMTP server on loopback: the request answers
 * the same whether or not the email is registered (and in the same time), only a registered active
 * developer gets an email, the link's token works once, expires, and dies when the password changes
 * by another route; the reset ends the developer's sessions; no token reaches the log; limits hold
 * per email and per address; with Redis, a link requested on one replica works on another, once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'graphql';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, DEMO_PASSWORD } from '../../src/dashboard/index.js';
import type { DeveloperRecord } from '../../src/dashboard/store.js';
import { outboxTransport, smtpTransport } from '../../src/mail/transport.js';
import { MemoryExpiringStore, RedisExpiringStore } from '../../src/security/expiring-store.js';
import type { ServerOptions } from '../../src/server.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp.js';
import { startStack, type Stack } from '../support/stack.js';

const ACME = DEMO_ORGS[0]!;
const RESET_URL = 'https://portal.acme.example/account/reset';
const REQUEST = parse(`mutation($e: String!) { requestPasswordReset(email: $e) { __typename ... on PasswordResetRequested { message } ... on Error { code message } } }`);
const RESET = parse(`mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) { __typename ... on PasswordResetPayload { email } ... on Error { code } ... on ValidationError { field } } }`);
const LOGIN = parse(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename ... on Session { token } } }`);
const VIEWER = parse(`{ viewer { id } }`);

type Data = Record<string, Record<string, unknown>>;

function resetOptions(sink: SmtpSink, extra: Partial<ServerOptions> = {}): Partial<ServerOptions> {
  return {
    sessions: { secret: randomBytes(32).toString('hex'), serviceCredential: ACME.credential },
    mail: { transport: smtpTransport({ url: sink.url }), from: '"Acme portal" <portal@acme.example>' },
    passwordReset: { url: RESET_URL },
    portalName: 'Acme portal',
    rateLimit: { mutationsPerMinute: 10_000, loginPerEmail: 10_000, loginPerAddress: 10_000, resetPerEmail: 10_000, resetPerAddress: 10_000 },
    credentialTiming: { minMs: 20, jitterMs: 10 },
    ...extra,
  };
}

function tokenOf(text: string): string {
  const link = /https:\/\/portal\.acme\.example\/account\/reset\?token=([A-Za-z0-9_-]+)/.exec(text);
  if (!link) throw new Error(`no reset link in: ${text}`);
  return link[1]!;
}

function activeDevelopers(stack: Stack): DeveloperRecord[] {
  return [...stack.dashboard.store.orgs.get(ACME.orgId)!.developers.values()].filter((d) => !d.inactive);
}

describe('password reset by email', () => {
  let sink: SmtpSink;
  let stack: Stack;
  let clock = Date.now();
  let developers: DeveloperRecord[];
  let next = 0;
  /** A developer no other test of this file has used. */
  const freshDeveloper = () => developers[next++]!;

  beforeAll(async () => {
    sink = await startSmtpSink();
    // The token store's clock is the test's, so expiry is tested without waiting.
    stack = await startStack({ server: resetOptions(sink, { sharedStore: new MemoryExpiringStore({ now: () => clock }) }) });
    developers = activeDevelopers(stack).slice(0, 20);
  });
  afterAll(async () => {
    await stack.stop();
    await sink.stop();
  });

  /** Asks for a reset for `email` and returns the token from the email that arrives. */
  async function requestToken(email: string): Promise<string> {
    const before = sink.received.length;
    const answer = await stack.execute(REQUEST, { e: email }, { credential: null });
    expect((answer.data as Data)['requestPasswordReset']!['__typename']).toBe('PasswordResetRequested');
    return tokenOf((await sink.waitForMailTo(email, before)).text);
  }

  it('emails a link to the developer, from the configured sender, naming the portal; the token sets a new password once', async () => {
    const developer = freshDeveloper();
    const before = sink.received.length;
    await stack.execute(REQUEST, { e: developer.email }, { credential: null });
    const mail = await sink.waitForMailTo(developer.email, before);
    expect(mail.from).toContain('portal@acme.example');
    expect(mail.subject).toContain('Acme portal');
    expect(mail.text).toContain('Acme portal');
    const token = tokenOf(mail.text);

    stack.dashboard.requestLog.clear();
    const reset = await stack.execute(RESET, { t: token, p: 'a-brand-new-password' }, { credential: null });
    expect((reset.data as Data)['resetPassword']).toEqual({ __typename: 'PasswordResetPayload', email: developer.email });
    expect(stack.dashboard.requestLog.count('POST /api/portal/developers/password/:id')).toBe(1);
    const login = await stack.execute(LOGIN, { e: developer.email, p: 'a-brand-new-password' }, { credential: null });
    expect((login.data as Data)['login']!['__typename']).toBe('Session');

    const again = await stack.execute(RESET, { t: token, p: 'yet-another-password' }, { credential: null });
    expect((again.data as Data)['resetPassword']).toEqual({ __typename: 'InvalidResetTokenError', code: 'INVALID_RESET_TOKEN' });
  });

  it('answers an unknown email exactly like a registered one, and sends nothing', async () => {
    const developer = freshDeveloper();
    const queued = () => stack.logs.filter((l) => l.includes('password reset email queued')).length;
    const before = queued();
    const unknown = await stack.execute(REQUEST, { e: `nobody-${randomUUID()}@example.com` }, { credential: null });
    expect(queued()).toBe(before);
    const known = await stack.execute(REQUEST, { e: developer.email }, { credential: null });
    expect(unknown.data).toEqual(known.data);
    expect(queued()).toBe(before + 1);
  });

  it('answers both in indistinguishable time', async () => {
    const developer = freshDeveloper();
    const times: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
    for (let i = 0; i < 30; i++) {
      for (const kind of Math.random() < 0.5 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const)) {
        const started = performance.now();
        await stack.execute(REQUEST, { e: kind === 'known' ? developer.email : `nobody-${randomUUID()}@example.com` }, { credential: null });
        if (i >= 5) times[kind].push(performance.now() - started); // the first rounds warm up
      }
    }
    let score = 0;
    for (const a of times.known) for (const b of times.unknown) score += a > b ? 1 : a === b ? 0.5 : 0;
    score /= times.known.length * times.unknown.length;
    expect(score, `P(known slower than unknown) = ${score.toFixed(2)}`).toBeGreaterThan(0.25);
    expect(score, `P(known slower than unknown) = ${score.toFixed(2)}`).toBeLessThan(0.75);
  }, 120_000);

  it('refuses a token past its lifetime', async () => {
    const developer = freshDeveloper();
    const token = await requestToken(developer.email);
    clock += 31 * 60_000; // the default lifetime is 30 minutes
    const reset = await stack.execute(RESET, { t: token, p: 'too-late-password' }, { credential: null });
    expect((reset.data as Data)['resetPassword']).toEqual({ __typename: 'InvalidResetTokenError', code: 'INVALID_RESET_TOKEN' });
  });

  it('refuses a token once the password changed by another route (the Dashboard itself), without writing', async () => {
    const developer = freshDeveloper();
    const token = await requestToken(developer.email);
    const changed = await fetch(`${stack.dashboard.url}/api/portal/developers/password/${developer.id}`, {
      method: 'POST',
      headers: { authorization: ACME.credential, 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'changed-in-tyk' }),
    });
    expect(changed.status).toBe(200);
    stack.dashboard.requestLog.clear();
    const reset = await stack.execute(RESET, { t: token, p: 'a-password-after' }, { credential: null });
    expect((reset.data as Data)['resetPassword']).toEqual({ __typename: 'InvalidResetTokenError', code: 'INVALID_RESET_TOKEN' });
    expect(stack.dashboard.requestLog.count('POST /api/portal/developers/password/:id')).toBe(0);
  });

  it('keeps the token when the new password is too short', async () => {
    const developer = freshDeveloper();
    const token = await requestToken(developer.email);
    const short = await stack.execute(RESET, { t: token, p: 'abc' }, { credential: null });
    expect((short.data as Data)['resetPassword']).toMatchObject({ __typename: 'ValidationError', field: 'newPassword' });
    const reset = await stack.execute(RESET, { t: token, p: 'long-enough-now' }, { credential: null });
    expect((reset.data as Data)['resetPassword']!['__typename']).toBe('PasswordResetPayload');
  });

  it('ends the developer’s sessions', async () => {
    const developer = freshDeveloper();
    const login = await stack.execute(LOGIN, { e: developer.email, p: DEMO_PASSWORD }, { credential: null });
    const auth = `Bearer ${(login.data as Data)['login']!['token']}`;
    expect((await stack.execute(VIEWER, {}, { credential: auth })).data).toEqual({ viewer: { id: developer.id } });
    const token = await requestToken(developer.email);
    await stack.execute(RESET, { t: token, p: 'sessions-end-now' }, { credential: null });
    const after = await stack.execute(VIEWER, {}, { credential: auth });
    expect([after.status, after.errors?.map((e) => e.extensions?.['code'])]).toEqual([401, ['SESSION_EXPIRED']]);
  });

  it('sends nothing for an inactive developer, with the same answer', async () => {
    const inactive = [...stack.dashboard.store.orgs.get(ACME.orgId)!.developers.values()].find((d) => d.inactive)!;
    const queued = () => stack.logs.filter((l) => l.includes('password reset email queued')).length;
    const before = queued();
    const answer = await stack.execute(REQUEST, { e: inactive.email }, { credential: null });
    expect((answer.data as Data)['requestPasswordReset']!['__typename']).toBe('PasswordResetRequested');
    expect(queued()).toBe(before);
  });

  it('writes no token, no link and no email address to the log', async () => {
    const tokens = sink.received.map((m) => tokenOf(m.text));
    const log = stack.logs.join('\n');
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) expect(log).not.toContain(token);
    expect(log).not.toContain(RESET_URL);
    for (const mail of sink.received) expect(log).not.toContain(mail.to[0]!);
  });

  it('tells the owner of a taken email that someone tried to sign up with it', async () => {
    const developer = freshDeveloper();
    const before = sink.received.length;
    const signup = await stack.execute(parse(`mutation($e: String!) { signup(input: { email: $e, password: "a-long-password" }) { __typename } }`), { e: developer.email }, { credential: null });
    expect((signup.data as Data)['signup']!['__typename']).toBe('SignupAccepted');
    const notice = await sink.waitForMailTo(developer.email, before);
    expect(notice.subject).toContain('Acme portal');
    expect(notice.text).toMatch(/already has an account/);
  });

  it('refuses a document asking for several resets at once, before any email', async () => {
    const queued = () => stack.logs.filter((l) => l.includes('password reset email queued')).length;
    const before = queued();
    const result = await stack.execute(
      parse(`mutation($a: String!, $b: String!) { a: requestPasswordReset(email: $a) { __typename } b: requestPasswordReset(email: $b) { __typename } }`),
      { a: developers[0]!.email, b: developers[1]!.email },
      { credential: null },
    );
    expect(result.errors?.map((e) => e.extensions?.['code'])).toEqual(['TOO_MANY_PASSWORD_CHECKS']);
    expect(queued()).toBe(before);
  });
});

describe('limits and configuration', () => {
  let sink: SmtpSink;
  let stack: Stack;
  beforeAll(async () => {
    sink = await startSmtpSink();
    stack = await startStack({ server: resetOptions(sink, { rateLimit: { mutationsPerMinute: 1_000, resetPerEmail: 2, resetPerAddress: 5 } }) });
  });
  afterAll(async () => {
    await stack.stop();
    await sink.stop();
  });

  it('limits reset emails per email and per address, registered or not, before anything is sent', async () => {
    const email = `limited-${randomUUID()}@example.com`;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await stack.execute(REQUEST, { e: email }, { credential: null })).status);
    expect(statuses).toEqual([200, 200, 429]);
    const others: number[] = [];
    for (let i = 0; i < 3; i++) others.push((await stack.execute(REQUEST, { e: `other-${i}-${randomUUID()}@example.com` }, { credential: null })).status);
    expect(others).toEqual([200, 200, 429]); // the address's budget of 5: three above (the refused one counts), two here
  });

  it('refuses requestPasswordReset when the gateway has no email configured', async () => {
    const bare = await startStack({ server: { sessions: { secret: randomBytes(32).toString('hex'), serviceCredential: ACME.credential } } });
    try {
      const result = await bare.execute(REQUEST, { e: 'anyone@example.com' }, { credential: null });
      expect((result.data as Data)['requestPasswordReset']).toMatchObject({ __typename: 'ForbiddenError', code: 'FORBIDDEN' });
    } finally {
      await bare.stop();
    }
  });
});

describe('the embedded demo without SMTP', () => {
  it('writes the email to the outbox directory and only the directory to the log', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'portal-graph-outbox-test-'));
    const stack = await startStack({
      server: {
        sessions: { secret: randomBytes(32).toString('hex'), serviceCredential: ACME.credential },
        mail: { transport: outboxTransport(directory), from: '"Developer portal" <no-reply@localhost>' },
        passwordReset: { url: 'http://127.0.0.1:4000/graphql' },
      },
    });
    try {
      const developer = activeDevelopers(stack)[0]!;
      await stack.execute(REQUEST, { e: developer.email }, { credential: null });
      const deadline = Date.now() + 10_000;
      while (readdirSync(directory).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const [file] = readdirSync(directory);
      const text = readFileSync(join(directory, file!), 'utf8');
      expect(text).toContain(`To: ${developer.email}`);
      const token = /\?token=([A-Za-z0-9_-]+)/.exec(text)![1]!;
      expect(stack.logs.join('\n')).not.toContain(token);
      const reset = await stack.execute(RESET, { t: token, p: 'demo-new-password' }, { credential: null });
      expect((reset.data as Data)['resetPassword']!['__typename']).toBe('PasswordResetPayload');
    } finally {
      await stack.stop();
    }
  });
});

const REDIS_URL = process.env['REDIS_URL'];
describe.skipIf(!REDIS_URL)('across replicas, through Redis', () => {
  const prefix = `portal-graph-test-accounts-${randomUUID()}`;
  const connections: Redis[] = [];
  const stacks: Stack[] = [];
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    const secret = randomBytes(32).toString('hex');
    const redis = () => {
      const client = new Redis(REDIS_URL!, { maxRetriesPerRequest: 1 });
      client.on('error', () => undefined);
      connections.push(client);
      return client;
    };
    const replica = (upstream?: Stack['dashboard']) =>
      startStack({ upstream, server: resetOptions(sink, { sessions: { secret, serviceCredential: ACME.credential }, sharedStore: new RedisExpiringStore({ redis: redis(), prefix }) }) });
    const first = await replica();
    stacks.push(first, await replica(first.dashboard));
  });
  afterAll(async () => {
    // The second replica first: the first one owns the Dashboard.
    for (const stack of [...stacks].reverse()) await stack.stop();
    await sink.stop();
    const keys = await connections[0]!.keys(`${prefix}:*`);
    if (keys.length) await connections[0]!.del(...keys);
    connections.forEach((c) => c.disconnect());
  });

  it('resets with a link asked for on another replica, once, and keeps no token in Redis', async () => {
    const [a, b] = stacks as [Stack, Stack];
    const developer = activeDevelopers(a)[3]!;
    const before = sink.received.length;
    await a.execute(REQUEST, { e: developer.email }, { credential: null });
    const token = tokenOf((await sink.waitForMailTo(developer.email, before)).text);
    const keys = await connections[0]!.keys(`${prefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).not.toContain(token);
    expect((await connections[0]!.mget(...keys)).join('')).not.toContain(token);

    const reset = await b.execute(RESET, { t: token, p: 'replica-password' }, { credential: null });
    expect((reset.data as Data)['resetPassword']!['__typename']).toBe('PasswordResetPayload');
    const again = await a.execute(RESET, { t: token, p: 'replica-password-2' }, { credential: null });
    expect((again.data as Data)['resetPassword']!['__typename']).toBe('InvalidResetTokenError');
  });

  it('refuses on every replica a session logged out on one', async () => {
    const [a, b] = stacks as [Stack, Stack];
    const developer = activeDevelopers(a)[4]!;
    const login = await a.execute(LOGIN, { e: developer.email, p: DEMO_PASSWORD }, { credential: null });
    const auth = `Bearer ${(login.data as Data)['login']!['token']}`;
    expect((await b.execute(VIEWER, {}, { credential: auth })).data).toEqual({ viewer: { id: developer.id } });
    const out = await a.execute(parse(`mutation { logout { __typename } }`), {}, { credential: auth });
    expect((out.data as Data)['logout']!['__typename']).toBe('LogoutPayload');
    const after = await b.execute(VIEWER, {}, { credential: auth });
    expect(after.errors?.map((e) => e.extensions?.['code'])).toEqual(['SESSION_EXPIRED']);
  });
});
