/**
 * The same rules on every transport (HTTP POST, GET, server-sent events, graphql-ws): error codes
 * and masking, production rules (introspection off, no name suggestions), document limits. Each
 * case sends the same document over each transport and compares the answers; nothing internal
 * (Yoga's `http` extension, upstream routes, socket errors) reaches a client.
 */
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedDashboard, DEMO_ORGS, type EmbeddedDashboard } from '../../src/dashboard/index.js';
import { KeyEventBus } from '../../src/events/bus.js';
import { buildServer, type GatewayServer } from '../../src/server.js';
import { createTykClient } from '../../src/tyk/client.js';
import type { TykClient } from '../../src/tyk/types.js';
import { metricReaches } from '../support/metrics.js';
import { startStack, type Stack } from '../support/stack.js';
import { ask, TRANSPORTS, type Answer, type Transport } from '../support/transports.js';
import { connectProtocol } from '../support/ws-protocol.js';

const ACME = DEMO_ORGS[0]!;
const SUBSCRIPTION = 'subscription { keyIssued { id keyId developer { email } } }';
const SUBSCRIPTION_TRANSPORTS = ['sse', 'ws'] as const satisfies readonly Transport[];
const codes = (answer: Answer) => answer.errors.map((e) => e.extensions?.['code']);

/** What no answer may contain: Yoga's status hint, upstream routes, socket error text. */
function expectNothingInternal(answer: Answer) {
  expect(answer.raw).not.toMatch(/"http":|\/api\/|ECONNREFUSED|originalError|stack/);
}

describe('credentials the Dashboard refuses', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.stop());

  it.each(SUBSCRIPTION_TRANSPORTS)('answers a subscription over %s with UNAUTHENTICATED, as HTTP answers a query', async (transport) => {
    const wrong = 'not-a-dashboard-credential-0123456789';
    const query = await ask('post', stack.url, '{ portalConfiguration { requireKeyApproval } }', { credential: wrong });
    expect(codes(query)).toEqual(['UNAUTHENTICATED']);
    const answer = await ask(transport, stack.url, SUBSCRIPTION, { credential: wrong });
    expect(codes(answer)).toEqual(['UNAUTHENTICATED']);
    expect(answer.errors[0]!.message).toBe(query.errors[0]!.message);
    expectNothingInternal(answer);
  });
});

describe('an unreachable Dashboard', () => {
  let stack: Stack;
  beforeAll(async () => {
    // A port nothing listens on: every upstream call is refused.
    const probe = createServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)));
    await new Promise((resolve) => probe.close(resolve));
    stack = await startStack({ server: { dashboardUrl: `http://127.0.0.1:${port}` } });
  });
  afterAll(() => stack.stop());

  it.each(SUBSCRIPTION_TRANSPORTS)('answers a subscription over %s with the masked UPSTREAM_UNAVAILABLE, as HTTP answers a query', async (transport) => {
    const query = await ask('post', stack.url, '{ portalConfiguration { requireKeyApproval } }', { credential: ACME.credential });
    expect(codes(query)).toEqual(['UPSTREAM_UNAVAILABLE']);
    const answer = await ask(transport, stack.url, SUBSCRIPTION, { credential: ACME.credential });
    expect(codes(answer)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(answer.errors[0]!.message).toBe(query.errors[0]!.message);
    expectNothingInternal(answer);
  });
});

describe('a bug while an event is resolved', () => {
  let dashboard: EmbeddedDashboard;
  let server: GatewayServer;
  let url: string;
  const bus = new KeyEventBus();
  const logs: string[] = [];
  beforeAll(async () => {
    dashboard = createEmbeddedDashboard();
    const dashboardUrl = await dashboard.start();
    // An upstream client whose developer read fails the way a bug would: a plain Error with internals in its message.
    const clientFor = (credential: string, request?: { signal?: AbortSignal | undefined }): TykClient => {
      const real = createTykClient({ baseUrl: dashboardUrl, credential, signal: request?.signal });
      return new Proxy(real, {
        get: (target, property, receiver) =>
          property === 'getDeveloper' ? () => Promise.reject(new Error('cannot read /api/portal/developers: secret=hunter2')) : Reflect.get(target, property, receiver),
      });
    };
    const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(line) });
    server = buildServer({ dashboardUrl, logger, clientFor, events: bus, graphiql: false });
    url = await server.start(0);
  });
  afterAll(async () => {
    await server.stop();
    await dashboard.stop();
  });

  it.each(SUBSCRIPTION_TRANSPORTS)('is masked over %s as INTERNAL_SERVER_ERROR with the request id of its log line', async (transport) => {
    const developerId = [...dashboard.store.orgs.get(ACME.orgId)!.developers.keys()][0]!;
    const answered = ask(transport, url, SUBSCRIPTION, { credential: ACME.credential });
    await metricReaches(url, 'portal_graph_subscriptions', 1);
    bus.publish({ type: 'KEY_ISSUED', source: 'watcher', orgId: ACME.orgId, developerId, keyId: `bug-${randomBytes(4).toString('hex')}`, policyIds: [] });
    const answer = await answered;
    expect(codes(answer)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(answer.errors[0]!.message).toBe('Unexpected error.');
    expect(answer.raw).not.toContain('hunter2');
    expectNothingInternal(answer);
    const requestId = answer.errors[0]!.extensions!['requestId'] as string;
    expect(logs.filter((l) => l.includes(requestId) && l.includes('unexpected error'))).toHaveLength(1);
    await metricReaches(url, 'portal_graph_subscriptions', 0);
  });
});

describe('production rules', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ server: { hardening: { production: true } } });
  });
  afterAll(() => stack.stop());

  it.each(TRANSPORTS)('refuses introspection over %s', async (transport) => {
    const answer = await ask(transport, stack.url, '{ __schema { types { name } } }', { credential: '' });
    expect(answer.data ?? null).toBeNull();
    expect(codes(answer)[0]).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.raw).not.toContain('KeyEvent');
    expectNothingInternal(answer);
  });

  it.each(TRANSPORTS)('suggests no names over %s (fields, enum values, variables)', async (transport) => {
    const documents: [string, Record<string, unknown>?][] = [
      ['{ developrs { id } }'],
      ['{ developers(first: 1) { edges { node { keys { usage(resolution: DAYY) { hits } } } } } }'],
      ['query($r: UsageResolution!) { developers(first: 1) { edges { node { keys { usage(resolution: $r) { hits } } } } } }', { r: 'DAYY' }],
      ...(transport === 'sse' || transport === 'ws' ? ([['subscription { keyEvents(types: [KEY_ISSUD]) { id } }']] as [string][]) : []),
    ];
    for (const [document, variables] of documents) {
      const answer = await ask(transport, stack.url, document, { credential: ACME.credential, variables });
      expect(answer.errors.length, document).toBeGreaterThan(0);
      expect(answer.raw, document).not.toMatch(/Did you mean|Suggestion hidden/);
      expect(codes(answer)[0], document).toMatch(/^(GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT)$/);
      expectNothingInternal(answer);
    }
  });
});

describe('document limits', () => {
  let stack: Stack;
  // Smaller limits than the defaults so that every document fits a GET URL and a graphql-ws frame.
  const limits = { maxDepth: 5, maxAliases: 3, maxTokens: 200, maxDirectives: 3, maxCost: 500 };
  beforeAll(async () => {
    stack = await startStack({ server: { hardening: limits } });
  });
  afterAll(() => stack.stop());

  const documents: Record<string, string> = {
    depth: '{ developers(first: 1) { edges { node { keys { developer { keys { id } } } } } } }',
    aliases: `{ ${Array.from({ length: 5 }, (_, i) => `a${i}: portalConfiguration { requireKeyApproval }`).join(' ')} }`,
    tokens: `{ ${'__typename '.repeat(250)} }`,
    directives: `{ portalConfiguration ${'@include(if: true) '.repeat(5)}{ requireKeyApproval } }`,
    cost: '{ developers(first: 1) { edges { node { id email name keys { id alias rate per policies { id name rate per quotaMax } } } } } }',
  };

  it.each(TRANSPORTS.flatMap((t) => Object.keys(documents).map((limit) => [t, limit] as const)))('refuses over %s a document past the %s limit with one QUERY_TOO_COMPLEX error', async (transport, limit) => {
    stack.dashboard.requestLog.clear();
    const answer = await ask(transport, stack.url, documents[limit]!, { credential: ACME.credential });
    expect(codes(answer)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(answer.errors[0]!.message).toMatch(/^[A-Z][a-z ]+ limit of \d+ exceeded/);
    expect(answer.errors[0]!.message).not.toContain('Syntax Error');
    expectNothingInternal(answer);
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });
});

describe('the default cost limit', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.stop());

  it('admits the largest page an admin list shows: 100 developers with their keys, policies, catalogue entries and OAuth clients', async () => {
    const policy = 'id name customId rate per quotaMax quotaRenewalRate keyExpiresIn tags active authType dateCreated accessRights { apiId apiName versions }';
    const catalogue = 'name shortDescription longDescription show apiId policyId documentation version authType isKeyless';
    const admin = `{ developers(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
      id email name inactive dateCreated lastLoginDate fields { name value }
      keys { id alias rate per expires inactive dateCreated tags quota { max remaining renews renewalRate } usage { start hits success error }
        policies { ${policy} catalogueEntry { ${catalogue} } } }
      oauthClients { clientId redirectUri description useCase dateCreated policy { id name } }
      usage { start hits success error } } } } }`;
    const answer = await ask('post', stack.url, admin, { credential: ACME.credential, timeoutMs: 60_000 });
    expect(answer.errors).toEqual([]);
    expect((answer.data as { developers: { edges: unknown[] } }).developers.edges).toHaveLength(100);
    // The same list repeated a dozen times is still refused.
    const repeated = `{ ${Array.from({ length: 12 }, (_, i) => `d${i}: developers(first: 100) { edges { node { keys { usage(resolution: HOUR) { hits } policies { accessRights { apiId } } } usage { hits } } } }`).join(' ')} }`;
    expect(codes(await ask('post', stack.url, repeated, { credential: ACME.credential }))).toEqual(['QUERY_TOO_COMPLEX']);
  }, 60_000);
});

describe('one bad operation on a graphql-ws connection', () => {
  let stack: Stack;
  const bus = new KeyEventBus();
  beforeAll(async () => {
    stack = await startStack({ server: { events: bus } });
  });
  afterAll(() => stack.stop());

  it('answers an error for that operation only; the socket and its other subscriptions stay up', async () => {
    const socket = await connectProtocol(stack.url, stack.credential);
    socket.subscribe('live', 'subscription { keyEvents { keyId } }');
    await metricReaches(stack.url, 'portal_graph_subscriptions', 1);
    const bad = {
      syntax: 'subscription { keyEvents { keyId ',
      validation: 'subscription { keyEvents { nope } }',
      limit: `{ ${'__typename '.repeat(3_100)} }`,
      empty: '',
    };
    for (const [id, query] of Object.entries(bad)) socket.subscribe(id, query);
    await expect.poll(() => socket.messages.filter((m) => m.type === 'error').map((m) => m.id).sort()).toEqual(Object.keys(bad).sort());
    const errors = Object.fromEntries(socket.messages.filter((m) => m.type === 'error').map((m) => [m.id, (m.payload as { extensions: { code: string } }[])[0]!.extensions.code]));
    expect(errors).toEqual({ syntax: 'GRAPHQL_PARSE_FAILED', validation: 'GRAPHQL_VALIDATION_FAILED', limit: 'QUERY_TOO_COMPLEX', empty: 'GRAPHQL_PARSE_FAILED' });
    expect(JSON.stringify(socket.messages)).not.toContain('"http"');

    const developerId = [...stack.dashboard.store.orgs.get(ACME.orgId)!.developers.keys()][0]!;
    bus.publish({ type: 'KEY_REVOKED', source: 'watcher', orgId: ACME.orgId, developerId, keyId: 'still-here', policyIds: [] });
    await expect.poll(() => socket.messages.find((m) => m.id === 'live' && m.type === 'next')).toMatchObject({ payload: { data: { keyEvents: { keyId: 'still-here' } } } });
    expect(socket.socket.readyState).toBe(socket.socket.OPEN);
    socket.socket.close();
  });
});
