/**
 * Path safety: no argument can steer a request to another route. Hostile values are refused with
 * TYK_INVALID_INPUT before any request (the MockAgent sees none, and any call it did see would fail
 * with net connect disabled); legitimate values are encoded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TykInvalidInputError } from '../../src/tyk/errors.js';
import { endpoint } from '../../src/tyk/path.js';
import type { TykClient } from '../../src/tyk/types.js';
import { closeMocks, hex, mocked, rejectionOf } from './support.js';

afterEach(closeMocks);

const ID = hex(3);
const range = { from: new Date(Date.UTC(2024, 0, 1)), to: new Date(Date.UTC(2024, 0, 31)), resolution: 'day' as const };

/** Values that could reach another route, a query, a fragment or a header if they went in raw. */
const HOSTILE = [
  '',
  '.',
  '..',
  '../keys',
  '..%2fkeys',
  '%2e%2e',
  'a/b',
  'a\\b',
  'abc?p=-1',
  'abc#frag',
  'abc%00',
  'line\nbreak',
  'tab\there',
  'cr\rlf',
  'nul\u0000',
  'del\u007f',
  ' spaced',
  'x'.repeat(600),
];

/** Every client method with a path parameter, the parameter given `value`. */
const TARGETS: [string, (c: TykClient, value: string) => Promise<unknown>][] = [
  ['getDeveloper id', (c, v) => c.getDeveloper(v)],
  ['getDeveloperByEmail email', (c, v) => c.getDeveloperByEmail(v)],
  ['getDeveloperBySsoKey key', (c, v) => c.getDeveloperBySsoKey(v)],
  ['updateDeveloper id', (c, v) => c.updateDeveloper(v, { email: 'a@b.c' })],
  ['deleteDeveloper id', (c, v) => c.deleteDeveloper(v)],
  ['setDeveloperPassword id', (c, v) => c.setDeveloperPassword(v, 'secret1')],
  ['addDeveloperKey id', (c, v) => c.addDeveloperKey(v, { apply_policies: [ID] })],
  ['changeDeveloperKeyPolicies keyId', (c, v) => c.changeDeveloperKeyPolicies(ID, v, [ID])],
  ['revokeDeveloperKey keyId', (c, v) => c.revokeDeveloperKey(ID, v)],
  ['resetDeveloperKeyQuota keyId', (c, v) => c.resetDeveloperKeyQuota(ID, v)],
  ['deleteDeveloperOAuthApp appId', (c, v) => c.deleteDeveloperOAuthApp(v)],
  ['getKeyRequest id', (c, v) => c.getKeyRequest(v)],
  ['updateKeyRequest id', (c, v) => c.updateKeyRequest(v, {})],
  ['deleteKeyRequest id', (c, v) => c.deleteKeyRequest(v)],
  ['approveKeyRequest id', (c, v) => c.approveKeyRequest(v)],
  ['getPolicy id', (c, v) => c.getPolicy(v)],
  ['searchPolicies policy_ids', (c, v) => c.searchPolicies({ policyIds: [ID, v] })],
  ['getKey id', (c, v) => c.getKey(v)],
  ['getKey apiId', (c, v) => c.getKey('2ac7b253c36e210d', { apiId: v })],
  ['getAggregateKeyUsage keys', (c, v) => c.getAggregateKeyUsage(['2ac7b253c36e210d', v], range)],
  ['getAggregateKeyUsage api_id', (c, v) => c.getAggregateKeyUsage(['2ac7b253c36e210d'], { ...range, apiId: v })],
  ['getKeyUsage key', (c, v) => c.getKeyUsage(v, range)],
  ['listOAuthClients apiId', (c, v) => c.listOAuthClients(v)],
  ['createOAuthClient apiId', (c, v) => c.createOAuthClient(v, { redirect_uri: 'http://x', policy_id: ID })],
  ['getOAuthClient clientId', (c, v) => c.getOAuthClient('api1', v)],
  ['deleteOAuthClient apiId', (c, v) => c.deleteOAuthClient(v, 'client1')],
  ['listOAuthClientTokens clientId', (c, v) => c.listOAuthClientTokens('api1', v)],
  ['revokeOAuthToken clientId', (c, v) => c.revokeOAuthToken(v, 'tok', 'access_token')],
  ['revokeAllOAuthTokens clientId', (c, v) => c.revokeAllOAuthTokens(v, 'secret')],
];

describe('hostile values', () => {
  it.each(TARGETS)('refuses every hostile %s with no request made', async (_name, call) => {
    const m = mocked();
    for (const value of HOSTILE) {
      const error = await rejectionOf(call(m.client, value));
      expect(error, JSON.stringify(value)).toBeInstanceOf(TykInvalidInputError);
      expect(error.code).toBe('TYK_INVALID_INPUT');
    }
    expect(m.agent.getCallHistory()!.calls()).toHaveLength(0);
    expect(m.attempts).toHaveLength(0);
  });

  it('rejects rather than throws, so a caller’s promise chain sees the refusal', () => {
    const m = mocked();
    let promise: Promise<unknown> | undefined;
    expect(() => (promise = m.client.getPolicy('../x'))).not.toThrow();
    return expect(promise).rejects.toBeInstanceOf(TykInvalidInputError);
  });

  it('names the route, the parameter and the expected shape without echoing the value', async () => {
    const m = mocked();
    const secretish = 'raw-key/with-slash-s3cr3t';
    const error = await rejectionOf(m.client.getKey(secretish));
    expect(error.message).toContain('GET /api/keys/:id');
    expect(error.message).toContain('id must be a key id or hash');
    expect(error.message).toContain('"/"');
    expect(error.message).not.toContain('s3cr3t');
    expect(error.route).toBe('GET /api/keys/:id');
  });

  it.each(['5E397E714EA461EF1D474EFA', '5e397e714ea461ef1d474ef', '5e397e714ea461ef1d474efaa', 'zzzzzzzzzzzzzzzzzzzzzzzz'])(
    'refuses %s where the contract says ObjectId',
    async (id) => {
      const m = mocked();
      await expect(m.client.getDeveloper(id)).rejects.toBeInstanceOf(TykInvalidInputError);
      await expect(m.client.searchPolicies({ policyIds: [id] })).rejects.toBeInstanceOf(TykInvalidInputError);
    },
  );

  it.each(['no-at-sign', '@example.com', 'a@', 'a@b@c', 'a@b/c', 'a b@c.d'])('refuses the email %j', async (email) => {
    const m = mocked();
    await expect(m.client.getDeveloperByEmail(email)).rejects.toBeInstanceOf(TykInvalidInputError);
  });

  it('refuses an invalid date, an unknown resolution and an empty key id in analytics', async () => {
    const m = mocked();
    await expect(m.client.getKeyUsage('2ac7b253c36e210d', { ...range, from: new Date('not a date') })).rejects.toBeInstanceOf(TykInvalidInputError);
    await expect(m.client.getKeyUsage('2ac7b253c36e210d', { ...range, resolution: 'week' as 'day' })).rejects.toBeInstanceOf(TykInvalidInputError);
    await expect(m.client.getAggregateKeyUsage([''], range)).rejects.toBeInstanceOf(TykInvalidInputError);
    expect(m.attempts).toHaveLength(0);
  });
});

describe('legitimate values', () => {
  it.each([
    ['a hash', 'GET /api/keys/:id', '2ac7b253c36e210d', '/api/keys/2ac7b253c36e210d'],
    ['a base64 JSON key with + and =', 'GET /api/keys/:id', 'eyJvcmciOiI1ZSIsImlkIjoiYSJ9+a==', '/api/keys/eyJvcmciOiI1ZSIsImlkIjoiYSJ9%2Ba%3D%3D'],
    ['a legacy org+hex key', 'GET /api/keys/:id', `${ID}${'ab'.repeat(16)}`, `/api/keys/${ID}${'ab'.repeat(16)}`],
  ] as const)('encodes %s', (_what, route, value, path) => {
    expect(endpoint(route, { id: ['keyId', value] }).path).toBe(path);
  });

  it.each([
    ['dev@example.com', 'dev%40example.com'],
    ['dev+tag@example.com', 'dev%2Btag%40example.com'],
    ["o'hara@example.ie", "o'hara%40example.ie"],
    ['名前@例え.jp', '%E5%90%8D%E5%89%8D%40%E4%BE%8B%E3%81%88.jp'],
  ])('encodes the email %s', (email, encoded) => {
    expect(endpoint('GET /api/portal/developers/email/:email', { email: ['email', email] }).path).toBe(`/api/portal/developers/email/${encoded}`);
  });

  // Tyk Identity Broker: `<user id>@<Provider>.com` (tap.GenerateSSOKey), sent url.QueryEscape'd.
  it.each([
    ['1234567890@Google.com', '1234567890%40Google.com'],
    ['auth0|5f7c8ec7c33c6c004bbafe82@openid-connect.com', 'auth0%7C5f7c8ec7c33c6c004bbafe82%40openid-connect.com'],
    ['alice@corp.example@SAMLProvider.com', 'alice%40corp.example%40SAMLProvider.com'],
    ['sso-acme-0', 'sso-acme-0'],
  ])('encodes the identity broker SSO key %s', (key, encoded) => {
    expect(endpoint('GET /api/portal/developers/ssokey/:key', { key: ['ssoKey', key] }).path).toBe(`/api/portal/developers/ssokey/${encoded}`);
  });

  it('encodes query values and leaves out undefined and empty ones', () => {
    const target = endpoint('GET /api/portal/policies/search', {}, { q: 'a&b=c #1', sort: undefined, state: '', p: -1, active: true });
    expect(target.path).toBe('/api/portal/policies/search?q=a%26b%3Dc%20%231&p=-1&active=true');
  });

  it('refuses a template whose parameter has no value (a programming error)', () => {
    expect(() => endpoint('GET /api/portal/developers/:id')).toThrow(TypeError);
  });
});
