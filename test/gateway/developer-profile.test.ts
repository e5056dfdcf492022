/**
 * A developer's profile as a portal's profile page shows and edits it: the Gravatar avatar, and the
 * telephone and country fields, which a developer may set only when the portal's sign-up form has
 * them (the error names the fields it has); operators may set any.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, DEMO_PASSWORD } from '../../src/dashboard/index.js';
import type { DeveloperRecord } from '../../src/dashboard/store.js';
import { startStack, type Stack } from '../support/stack.js';
import { MyProfileDocument } from '../generated/graphql.js';

const ACME = DEMO_ORGS[0]!;
let stack: Stack;
let me: DeveloperRecord;
let token: string;

const UPDATE = parse(`mutation($id: ID!, $input: UpdateDeveloperInput!) { updateDeveloper(id: $id, input: $input) {
  __typename ... on DeveloperPayload { developer { telephone country fields { name value } } } ... on ValidationError { message field } } }`);

function configuration() {
  return stack.dashboard.store.orgs.get(ACME.orgId)!.configuration!;
}

beforeAll(async () => {
  stack = await startStack({ server: { sessions: { secret: randomBytes(32).toString('hex'), serviceCredential: ACME.credential }, sharedCacheTtlMs: 0 } });
  me = [...stack.dashboard.store.orgs.get(ACME.orgId)!.developers.values()].find((d) => !d.inactive)!;
  const login = await stack.execute(parse(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ... on Session { token } } }`), { e: me.email, p: DEMO_PASSWORD }, { credential: null });
  token = (login.data as { login: { token: string } }).login.token;
});
afterAll(() => stack.stop());

describe('avatarUrl', () => {
  it('is the Gravatar URL of the trimmed, lower-cased email’s SHA-256, at the size asked, with no call beyond the developer', async () => {
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(parse(`query($id: ID!) { developer(id: $id) { small: avatarUrl(size: 40) avatarUrl } }`), { id: me.id });
    const hash = createHash('sha256').update(me.email.trim().toLowerCase()).digest('hex');
    expect(result.data).toEqual({ developer: { small: `https://www.gravatar.com/avatar/${hash}?s=40&d=identicon`, avatarUrl: `https://www.gravatar.com/avatar/${hash}?s=80&d=identicon` } });
    expect(stack.dashboard.requestLog.entries().map((e) => e.route)).toEqual(['GET /api/portal/developers/:id']);
  });

  it('treats differently-cased emails alike and refuses an impossible size with BAD_USER_INPUT', async () => {
    const { gravatarUrl } = await import('../../src/schema/developer-profile.js');
    expect(gravatarUrl(' Dev@Example.COM ', 80)).toBe(gravatarUrl('dev@example.com', 80));
    const result = await stack.execute(parse(`query($id: ID!) { developer(id: $id) { avatarUrl(size: 0) } }`), { id: me.id });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

describe('the example profile page (examples/developer-portal.graphql)', () => {
  it('reads the developer’s avatar, contact fields and week totals through viewer', async () => {
    const result = await stack.execute(MyProfileDocument, {}, { credential: `Bearer ${token}` });
    expect(result.errors).toBeUndefined();
    const viewer = result.data!.viewer!;
    expect(viewer).toMatchObject({ id: me.id, email: me.email, avatarUrl: expect.stringMatching(/^https:\/\/www\.gravatar\.com\/avatar\/[0-9a-f]{64}\?s=96&d=identicon$/) });
    expect(viewer.usageSummary!.hits).toBe(viewer.usage!.reduce((n, b) => n + b.hits, 0));
  });
});

describe('telephone and country', () => {
  it('lets a developer set them when the portal’s sign-up form has them', async () => {
    const before = configuration()['signup_fields'];
    configuration()['signup_fields'] = ['Company', 'Telephone', 'Country'];
    try {
      const result = await stack.execute(UPDATE, { id: me.id, input: { telephone: '+44 20 7946 0000', country: 'GB' } }, { credential: `Bearer ${token}` });
      expect(result.data).toMatchObject({ updateDeveloper: { __typename: 'DeveloperPayload', developer: { telephone: '+44 20 7946 0000', country: 'GB' } } });
      expect(stack.dashboard.store.orgs.get(ACME.orgId)!.developers.get(me.id)!.fields).toMatchObject({ Telephone: '+44 20 7946 0000', Country: 'GB' });
    } finally {
      configuration()['signup_fields'] = before;
    }
  });

  it('refuses a developer a field the form does not have, naming the fields it has, before any write', async () => {
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(UPDATE, { id: me.id, input: { country: 'FR' } }, { credential: `Bearer ${token}` });
    expect(result.data).toMatchObject({ updateDeveloper: { __typename: 'ValidationError', field: 'input.country' } });
    const message = (result.data as { updateDeveloper: { message: string } }).updateDeveloper.message;
    expect(message).toContain('"Country"');
    for (const name of configuration()['signup_fields'] as string[]) expect(message).toContain(JSON.stringify(name));
    const custom = await stack.execute(UPDATE, { id: me.id, input: { fields: [{ name: 'tier', value: 'gold' }] } }, { credential: `Bearer ${token}` });
    expect(custom.data).toMatchObject({ updateDeveloper: { __typename: 'ValidationError', field: 'input.fields[0].name' } });
    expect(stack.dashboard.requestLog.entries().filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('lets an operator set any field', async () => {
    const result = await stack.execute(UPDATE, { id: me.id, input: { country: 'NL', fields: [{ name: 'tier', value: 'gold' }] } });
    expect(result.data).toMatchObject({ updateDeveloper: { developer: { country: 'NL' } } });
  });

  it('checks a sign-up’s telephone against the form the same way', async () => {
    const result = await stack.execute(
      parse(`mutation($e: String!) { signup(input: { email: $e, password: "a-long-password", telephone: "123" }) { __typename ... on ValidationError { field message } } }`),
      { e: `profile-${randomUUID()}@example.com` },
      { credential: null },
    );
    expect(result.data).toMatchObject({ signup: { __typename: 'ValidationError', field: 'input.telephone' } });
    expect((result.data as { signup: { message: string } }).signup.message).toContain('"Company"');
  });
});
