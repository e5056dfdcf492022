/**
 * A document with several mutations, one of which the caller may not run: that one answers a
 * ForbiddenError in its own place, before its resolver runs, and the mutations around it run and
 * keep their results — never `data: null` after a write happened.
 */
import { randomBytes } from 'node:crypto';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, DEMO_PASSWORD } from '../../src/dashboard/index.js';
import type { DeveloperRecord } from '../../src/dashboard/store.js';
import { startStack, type Stack } from '../support/stack.js';

const ACME = DEMO_ORGS[0]!;
let stack: Stack;
let me: DeveloperRecord;
let other: DeveloperRecord;
let auth: string;

beforeAll(async () => {
  stack = await startStack({ server: { sessions: { secret: randomBytes(32).toString('hex'), serviceCredential: ACME.credential } } });
  const developers = [...stack.dashboard.store.orgs.get(ACME.orgId)!.developers.values()].filter((d) => !d.inactive);
  me = developers.find((d) => Object.keys(d.keys).length >= 1)!;
  other = developers.find((d) => d.id !== me.id)!;
  const login = await stack.execute(parse(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ... on Session { token } } }`), { e: me.email, p: DEMO_PASSWORD }, { credential: null });
  auth = `Bearer ${(login.data as { login: { token: string } }).login.token}`;
});
afterAll(() => stack.stop());

describe('several mutations in one document', () => {
  it('keeps the results of the mutations that ran when one in the middle is refused', async () => {
    const keyId = Object.keys(me.keys)[0]!;
    const result = await stack.execute(
      parse(`mutation($me: ID!, $other: ID!, $key: ID!) {
        renamed: updateDeveloper(id: $me, input: { name: "Renamed by a batch" }) { __typename ... on DeveloperPayload { developer { name } } }
        refused: deleteDeveloper(id: $other) { __typename ... on Error { code } }
        revoked: revokeKey(developerId: $me, keyId: $key) { __typename ... on RevokeKeyPayload { revokedKeyId } }
      }`),
      { me: me.id, other: other.id, key: keyId },
      { credential: auth },
    );
    expect(result.data).toEqual({
      renamed: { __typename: 'DeveloperPayload', developer: { name: 'Renamed by a batch' } },
      refused: { __typename: 'ForbiddenError', code: 'FORBIDDEN' },
      revoked: { __typename: 'RevokeKeyPayload', revokedKeyId: keyId },
    });
    const org = stack.dashboard.store.orgs.get(ACME.orgId)!;
    expect(org.developers.has(other.id)).toBe(true);
    expect(keyId in org.developers.get(me.id)!.keys).toBe(false);
    expect(stack.dashboard.requestLog.entries().some((e) => e.route === 'DELETE /api/portal/developers/:id')).toBe(false);
  });
});
