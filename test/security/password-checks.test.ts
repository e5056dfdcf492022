/**
 * Password checks are counted over the whole operation — root fields, named fragments, inline
 * fragments, aliases — before any field runs, on every transport: an operation holding more than
 * one password-checking field is refused whole (TOO_MANY_PASSWORD_CHECKS), and each check inside a
 * fragment counts against the email's and the address's budget. Counted from the embedded
 * Dashboard's request log (`POST /api/portal/developers/verify_credentials`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, DEMO_PASSWORD } from '../../src/dashboard/index.js';
import { startStack, type Stack } from '../support/stack.js';
import { sseSubscribe, wsSubscribe } from '../support/subscribers.js';
import { rootFields, selectedOperation } from '../../src/security/root-fields.js';

const ACME = DEMO_ORGS[0]!;
const VERIFY_ROUTE = 'POST /api/portal/developers/verify_credentials';

let stack: Stack;
let email: string;

beforeAll(async () => {
  stack = await startStack({
    server: {
      rateLimit: { mutationsPerMinute: 1_000, loginPerEmail: 3, loginPerAddress: 1_000 },
      sessions: { secret: randomBytes(32).toString('hex'), serviceCredential: ACME.credential },
      credentialTiming: { minMs: 0, jitterMs: 0 },
    },
  });
  email = [...stack.dashboard.store.orgs.get(ACME.orgId)!.developers.values()].find((d) => !d.inactive)!.email;
});
afterAll(() => stack.stop());

/** `count` aliased `login` fields for one email, in a named fragment on Mutation. */
function loginsInFragment(count: number, password = 'wrong-password'): string {
  const fields = Array.from({ length: count }, (_, i) => `l${i}: login(email: $e, password: "${password}") { __typename }`).join(' ');
  return `mutation($e: String!) { ...Guesses } fragment Guesses on Mutation { ${fields} }`;
}

/** `count` aliased `verifyDeveloperCredentials` fields inside an inline fragment. */
function verifiesInInlineFragment(count: number): string {
  const fields = Array.from({ length: count }, (_, i) => `v${i}: verifyDeveloperCredentials(email: $e, password: "guess-${i}") { __typename }`).join(' ');
  return `mutation($e: String!) { ... on Mutation { ${fields} } }`;
}

function codesOf(result: { errors?: readonly { extensions?: Record<string, unknown> }[] }): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions?.['code']);
}

describe('rootFields', () => {
  it('finds fields in nested named and inline fragments, each node once however often its fragment is spread', () => {
    // F0 spreads F1 twice, F1 spreads F2 twice, … : 2^20 paths, 21 distinct field nodes.
    const levels = 20;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Mutation { f${i}: login(email: "a@b.co", password: "x") { __typename } ...F${i + 1} ... on Mutation { ...F${i + 1} } }`);
    const document = parse(`mutation { ...F0 } ${fragments.join(' ')} fragment F${levels} on Mutation { last: login(email: "a@b.co", password: "x") { __typename } }`);
    const fields = rootFields(document, selectedOperation(document, undefined)!);
    expect(fields.map((f) => f.alias?.value)).toEqual([...Array.from({ length: levels }, (_, i) => `f${i}`), 'last']);
  });
});

describe('over HTTP', () => {
  it('refuses a named fragment holding several logins before any password is checked', async () => {
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(parse(loginsInFragment(12)), { e: email });
    expect(codesOf(result)).toEqual(['TOO_MANY_PASSWORD_CHECKS']);
    expect(result.status).toBe(400);
    expect(result.data ?? null).toBeNull();
    expect(stack.dashboard.requestLog.count(VERIFY_ROUTE)).toBe(0);
  });

  it('refuses an operator’s inline fragment of verifyDeveloperCredentials the same way', async () => {
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(parse(verifiesInInlineFragment(15)), { e: email });
    expect(codesOf(result)).toEqual(['TOO_MANY_PASSWORD_CHECKS']);
    expect(stack.dashboard.requestLog.count(VERIFY_ROUTE)).toBe(0);
  });

  it('refuses two aliased logins at the root, and a login beside a verify', async () => {
    const two = await stack.execute(parse(`mutation($e: String!) { a: login(email: $e, password: "x-wrong-1") { __typename } b: login(email: $e, password: "x-wrong-2") { __typename } }`), { e: email });
    expect(codesOf(two)).toEqual(['TOO_MANY_PASSWORD_CHECKS']);
    const mixed = await stack.execute(
      parse(`mutation($e: String!) { login(email: $e, password: "x-wrong") { __typename } ...V } fragment V on Mutation { verifyDeveloperCredentials(email: $e, password: "y") { __typename } }`),
      { e: email },
    );
    expect(codesOf(mixed)).toEqual(['TOO_MANY_PASSWORD_CHECKS']);
  });

  it('counts one login inside a fragment against the email’s budget: the check past it is never made', async () => {
    const target = `fragment-budget-${randomUUID()}@example.com`;
    stack.dashboard.requestLog.clear();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await stack.execute(parse(loginsInFragment(1)), { e: target })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(stack.dashboard.requestLog.count(VERIFY_ROUTE)).toBe(3);
  });

  it('still runs one login in a fragment and answers it', async () => {
    const result = await stack.execute(parse(loginsInFragment(1, DEMO_PASSWORD).replace('{ __typename }', '{ __typename ... on Session { developer { email } } }')), { e: email });
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ l0: { __typename: 'Session', developer: { email } } });
  });
});

describe('over graphql-ws and SSE', () => {
  it('refuses a fragment of logins over graphql-ws before any password is checked', async () => {
    stack.dashboard.requestLog.clear();
    const ws = await wsSubscribe(stack.url, ACME.credential, loginsInFragment(12), { e: email });
    try {
      const answer = await ws.next();
      const errors = (answer['errors'] ?? (answer['error'] as unknown[] | undefined)) as { extensions?: Record<string, unknown> }[];
      expect(errors.map((e) => e.extensions?.['code'])).toEqual(['TOO_MANY_PASSWORD_CHECKS']);
      expect(stack.dashboard.requestLog.count(VERIFY_ROUTE)).toBe(0);
    } finally {
      await ws.close();
    }
  });

  it('refuses a fragment of verifications over SSE before any password is checked', async () => {
    stack.dashboard.requestLog.clear();
    const sse = await sseSubscribe(stack.url, ACME.credential, verifiesInInlineFragment(8), { e: email });
    try {
      const answer = (await sse.next()) as { errors?: { extensions?: Record<string, unknown> }[] };
      expect(codesOf(answer)).toEqual(['TOO_MANY_PASSWORD_CHECKS']);
      expect(stack.dashboard.requestLog.count(VERIFY_ROUTE)).toBe(0);
    } finally {
      await sse.close();
    }
  });
});
