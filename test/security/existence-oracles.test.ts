/**
 * Nothing a caller can observe tells which emails are registered or which key hashes exist in
 * other organisations: login answers a wrong password and an unknown email alike and in the same
 * time, a sign-up for a taken email answers as a sign-up that opens no session does (and in the same
 * time), and another organisation's key hash reads as null like an unknown one.
 *
 * Timing is compared as distributions, never as absolute times: the two kinds of request are sent
 * interleaved in random order, and the test asks how often one kind was slower than the other (the
 * area under the ROC curve, 0.5 when indistinguishable, 1 when every one of one kind was slower).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS } from '../../src/dashboard/index.js';
import { startStack, type Stack } from '../support/stack.js';

const ACME = DEMO_ORGS[0]!;
const GLOBEX = DEMO_ORGS[1]!;
const LOGIN = parse(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename ... on Error { code message } } }`);
const SIGNUP = parse(`mutation($e: String!) { signup(input: { email: $e, password: "a-long-password" }) { __typename ... on SignupAccepted { message } ... on Error { code message } } }`);

/** P(a random `slow` sample > a random `fast` sample), ties counting half. */
function auc(slow: readonly number[], fast: readonly number[]): number {
  let score = 0;
  for (const a of slow) for (const b of fast) score += a > b ? 1 : a === b ? 0.5 : 0;
  return score / (slow.length * fast.length);
}

/** Runs `rounds` pairs of the two requests, each pair in random order, and returns both kinds' durations. */
async function interleaved(rounds: number, first: () => Promise<unknown>, second: () => Promise<unknown>): Promise<[number[], number[]]> {
  const times: [number[], number[]] = [[], []];
  const timed = async (kind: 0 | 1) => {
    const started = performance.now();
    await (kind === 0 ? first() : second());
    times[kind].push(performance.now() - started);
  };
  for (let i = 0; i < rounds; i++) {
    const order: (0 | 1)[] = Math.random() < 0.5 ? [0, 1] : [1, 0];
    for (const kind of order) await timed(kind);
  }
  return times;
}

let stack: Stack;
let registered: string;

beforeAll(async () => {
  stack = await startStack({
    server: {
      sessions: { secret: randomBytes(32).toString('hex'), serviceCredential: ACME.credential },
      rateLimit: { mutationsPerMinute: 10_000, loginPerEmail: 10_000, loginPerAddress: 10_000, signupPerAddress: 10_000 },
      // A small floor keeps the test short; the floor follows the slowest recent check on its own.
      credentialTiming: { minMs: 30, jitterMs: 20 },
      // The portal configuration is changed in the Dashboard's store between requests.
      sharedCacheTtlMs: 0,
    },
  });
  registered = [...stack.dashboard.store.orgs.get(ACME.orgId)!.developers.values()].find((d) => !d.inactive)!.email;
});
afterAll(() => stack.stop());

describe('login', () => {
  it('answers a wrong password for a registered email and an unknown email in indistinguishable time', async () => {
    const wrongPassword = () => stack.execute(LOGIN, { e: registered, p: `wrong-${randomUUID()}` }, { credential: null });
    const unknownEmail = () => stack.execute(LOGIN, { e: `nobody-${randomUUID()}@example.com`, p: 'whatever-password' }, { credential: null });
    await interleaved(6, wrongPassword, unknownEmail); // warm-up: connections, JIT, the floor's first window
    const [wrong, unknown] = await interleaved(60, wrongPassword, unknownEmail);
    const score = auc(wrong, unknown);
    // Without uniform timing every wrong-password answer is slower than most unknown-email ones (≈ 1.0).
    // With it the score is 0.5 ± 0.05 (one standard error at 60 + 60 samples): the bounds are ±4 of those.
    expect(score, `P(wrong-password slower than unknown-email) = ${score.toFixed(2)}`).toBeGreaterThan(0.3);
    expect(score, `P(wrong-password slower than unknown-email) = ${score.toFixed(2)}`).toBeLessThan(0.7);
  }, 120_000); // 132 paced logins; on a loaded machine the floor follows the slowest recent check

  it('answers both with the same body', async () => {
    const wrong = await stack.execute(LOGIN, { e: registered, p: 'not-the-password' }, { credential: null });
    const unknown = await stack.execute(LOGIN, { e: `nobody-${randomUUID()}@example.com`, p: 'not-the-password' }, { credential: null });
    expect(wrong.data).toEqual(unknown.data);
    expect(wrong.data).toMatchObject({ login: { __typename: 'InvalidCredentialsError', code: 'INVALID_CREDENTIALS' } });
  });
});

describe('signup', () => {
  it('answers a taken email with SignupAccepted and creates nothing', async () => {
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(SIGNUP, { e: registered }, { credential: null });
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ signup: { __typename: 'SignupAccepted' } });
    expect(JSON.stringify(result)).not.toMatch(/already|exists|registered/i);
    expect(stack.dashboard.requestLog.count('POST /api/portal/developers')).toBe(0);
  });

  it('answers a taken and a free email alike when the portal does not log new developers in, in indistinguishable time', async () => {
    const configuration = stack.dashboard.store.orgs.get(ACME.orgId)!.configuration!;
    const before = configuration['disable_auto_login'];
    configuration['disable_auto_login'] = true;
    try {
      const fresh = `fresh-${randomUUID()}@example.com`;
      const taken = await stack.execute(SIGNUP, { e: registered }, { credential: null });
      const created = await stack.execute(SIGNUP, { e: fresh }, { credential: null });
      expect(created.data).toEqual(taken.data);
      expect([...stack.dashboard.store.orgs.get(ACME.orgId)!.developers.values()].some((d) => d.email === fresh)).toBe(true);

      const takenEmail = () => stack.execute(SIGNUP, { e: registered }, { credential: null });
      const freeEmail = () => stack.execute(SIGNUP, { e: `fresh-${randomUUID()}@example.com` }, { credential: null });
      await interleaved(6, takenEmail, freeEmail);
      const [slowCandidate, fastCandidate] = await interleaved(40, freeEmail, takenEmail);
      const score = auc(slowCandidate, fastCandidate);
      // Without uniform timing a free email (two upstream calls more) is slower nearly every time.
      expect(score, `P(free-email sign-up slower than taken-email) = ${score.toFixed(2)}`).toBeGreaterThan(0.25);
      expect(score, `P(free-email sign-up slower than taken-email) = ${score.toFixed(2)}`).toBeLessThan(0.75);
    } finally {
      configuration['disable_auto_login'] = before;
    }
  }, 120_000);
});

describe('key(id)', () => {
  it('answers another organisation’s key hash as null, exactly like an unknown hash', async () => {
    const globexDeveloper = [...stack.dashboard.store.orgs.get(GLOBEX.orgId)!.developers.values()].find((d) => Object.keys(d.keys).length > 0)!;
    const foreignHash = Object.keys(globexDeveloper.keys)[0]!;
    const query = parse(`query($id: ID!) { key(id: $id) { id alias } }`);
    const foreign = await stack.execute(query, { id: foreignHash });
    const unknown = await stack.execute(query, { id: 'ffffffffffffffff' });
    expect(foreign.errors).toBeUndefined();
    expect(foreign).toEqual({ ...unknown });
    expect(foreign.data).toEqual({ key: null });
  });
});
