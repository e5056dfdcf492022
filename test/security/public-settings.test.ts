/**
 * `portalConfiguration` is readable by everyone a portal's public pages serve — anonymous visitors
 * and developers — for the settings those pages need, while its operator-only fields answer
 * FORBIDDEN (developers) or UNAUTHENTICATED (anonymous) field by field, and operators read all.
 */
import { randomBytes } from 'node:crypto';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, DEMO_PASSWORD } from '../../src/dashboard/index.js';
import { startStack, type Stack } from '../support/stack.js';
import { PortalSettingsDocument } from '../generated/graphql.js';

const ACME = DEMO_ORGS[0]!;
const PUBLIC = parse(`{ portalConfiguration { signupFields keyRequestFields requireKeyApproval disableSignup disableLogin catalogueLoginOnly disableAutoLogin } }`);
const OPERATOR_ONLY = parse(`{ portalConfiguration { signupFields notificationEmail hashKeys } }`);

let stack: Stack;
let developerAuth: string;

beforeAll(async () => {
  stack = await startStack({ server: { sessions: { secret: randomBytes(32).toString('hex'), serviceCredential: ACME.credential } } });
  const configuration = stack.dashboard.store.orgs.get(ACME.orgId)!.configuration!;
  configuration['email'] = 'portal-admin@acme.example';
  const me = [...stack.dashboard.store.orgs.get(ACME.orgId)!.developers.values()].find((d) => !d.inactive)!;
  const login = await stack.execute(parse(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ... on Session { token } } }`), { e: me.email, p: DEMO_PASSWORD }, { credential: null });
  developerAuth = `Bearer ${(login.data as { login: { token: string } }).login.token}`;
});
afterAll(() => stack.stop());

function truth() {
  const c = stack.dashboard.store.orgs.get(ACME.orgId)!.configuration!;
  return {
    signupFields: c['signup_fields'],
    keyRequestFields: c['key_request_fields'],
    requireKeyApproval: c['require_key_approval'] ?? false,
    disableSignup: c['disable_signup'] ?? false,
    disableLogin: c['disable_login'] ?? false,
    catalogueLoginOnly: c['catalogue_login_only'] ?? false,
    disableAutoLogin: c['disable_auto_login'] ?? false,
  };
}

describe('public settings', () => {
  it.each([
    ['an anonymous visitor', null],
    ['a developer', 'developer'],
    ['an operator', 'operator'],
  ])('are read by %s as the Dashboard has them', async (_who, auth) => {
    const credential = auth === null ? null : auth === 'developer' ? developerAuth : ACME.credential;
    const result = await stack.execute(PUBLIC, {}, { credential });
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ portalConfiguration: truth() });
  });

  it('answer the example portal’s settings page (examples/developer-portal.graphql) without a credential', async () => {
    const result = await stack.execute(PortalSettingsDocument, {}, { credential: null });
    expect(result.errors).toBeUndefined();
    expect(result.data!.portalConfiguration).toMatchObject({ signupFields: truth().signupFields, requireKeyApproval: truth().requireKeyApproval });
  });
});

describe('operator-only settings', () => {
  it('answer an anonymous visitor UNAUTHENTICATED and a developer FORBIDDEN, field by field, keeping the public ones', async () => {
    for (const [credential, code] of [
      [null, 'UNAUTHENTICATED'],
      [developerAuth, 'FORBIDDEN'],
    ] as const) {
      const result = await stack.execute(OPERATOR_ONLY, {}, { credential });
      expect(result.data).toEqual({ portalConfiguration: { signupFields: truth().signupFields, notificationEmail: null, hashKeys: null } });
      expect(result.errors?.map((e) => [e.path?.join('.'), e.extensions?.['code']]).sort()).toEqual([
        ['portalConfiguration.hashKeys', code],
        ['portalConfiguration.notificationEmail', code],
      ]);
      expect(JSON.stringify(result)).not.toContain('portal-admin@acme.example');
    }
  });

  it('are read by an operator', async () => {
    const result = await stack.execute(OPERATOR_ONLY, {});
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ portalConfiguration: { notificationEmail: 'portal-admin@acme.example' } });
  });
});
