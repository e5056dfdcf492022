/**
 * Hot query operations run compiled by graphql-jit (use-query-jit.ts); mutations, subscriptions
 * and operations seen fewer than `jitInterpretedRuns` times run on graphql-js. Compiled or not, a
 * query answers the same body: same data, same errors at the same paths and locations with the same
 * codes, the same fields refused to the same principal.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { queryOperation } from '../../src/plugins/use-query-jit.js';
import { TrustedDocuments } from '../../src/security/trusted-documents.js';
import { buildServer, type GatewayServer } from '../../src/server.js';
import { closeTykPools } from '../../src/tyk/client.js';
import { PoliciesDocument } from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';

const stacks: Stack[] = [];
const extraServers: GatewayServer[] = [];
afterEach(async () => {
  for (const server of extraServers.splice(0)) await server.stop();
  for (const stack of stacks.splice(0)) await stack.stop();
  await closeTykPools();
});

type Answer = { status: number; body: { data?: unknown; errors?: { path?: unknown[]; locations?: unknown[]; extensions?: { code?: string } }[] } };

/**
 * The raw HTTP answers to one query from two gateways over the same embedded Dashboard (so the
 * same demo data): the first with graphql-jit, the second without. `prepare` runs before either
 * is asked (a fault it injects holds for both); they are asked one after the other.
 */
async function answers(query: string, prepare: (stack: Stack) => void = () => undefined, credential?: (stack: Stack) => string): Promise<[Answer, Answer]> {
  const stack = await startStack({ server: { jit: true, jitInterpretedRuns: 0 } });
  stacks.push(stack);
  const interpreted = buildServer({ dashboardUrl: stack.dashboard.url, logger: pino({ level: 'silent' }), jit: false });
  extraServers.push(interpreted);
  const urls = [stack.url, await interpreted.start(0)];
  prepare(stack);
  const result: Answer[] = [];
  for (const url of urls) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: credential ? credential(stack) : stack.credential },
      body: JSON.stringify({ query }),
    });
    result.push({ status: response.status, body: (await response.json()) as Answer['body'] });
  }
  return [result[0]!, result[1]!];
}

/** Sends `query` (as operation `operationName`) to a gateway; the response body. */
async function post(stack: Stack, query: string, operationName?: string) {
  const response = await fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: stack.credential },
    body: JSON.stringify({ query, operationName }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

/** `portal_graph_jit_compilations_total{outcome="compiled"}` as /metrics reports it. */
async function compilations(stack: Stack): Promise<number> {
  const text = await (await fetch(new URL('/metrics', stack.url))).text();
  return Number(/^portal_graph_jit_compilations_total\{outcome="compiled"\} (\d+)$/m.exec(text)?.[1] ?? 0);
}

describe('which operations are compiled', () => {
  it('compiles queries only, choosing the named operation of a document', () => {
    const document = parse('query Q { developers(first: 1) { totalCount } } mutation M { deleteDeveloper(id: "x") { __typename } } subscription S { keyIssued { keyId } }');
    expect(queryOperation(document, 'Q')?.name?.value).toBe('Q');
    expect(queryOperation(document, 'M')).toBeUndefined();
    expect(queryOperation(document, 'S')).toBeUndefined();
    expect(queryOperation(document, undefined)).toBeUndefined(); // several operations and no name: none is chosen
    expect(queryOperation(parse('{ policies { id } }'), null)?.operation).toBe('query');
  });

  it('compiles an operation only after it ran jitInterpretedRuns times on graphql-js, and then once', async () => {
    const stack = await startStack({ server: { jitInterpretedRuns: 2 } });
    stacks.push(stack);
    const query = '{ policies { id name } }';
    const seen: number[] = [];
    for (let run = 0; run < 4; run++) {
      expect((await post(stack, query)).errors).toBeUndefined();
      seen.push(await compilations(stack));
    }
    expect(seen).toEqual([0, 0, 1, 1]);
    // A document sent once never is.
    await post(stack, '{ catalogue { name } }');
    expect(await compilations(stack)).toBe(1);
  });

  it('runs the operation a request names, for each query operation of one document', async () => {
    const stack = await startStack({ server: { jitInterpretedRuns: 0 } });
    stacks.push(stack);
    const document = 'query Policies { policies { id } } query Catalogue { catalogue { name } }';
    for (let round = 0; round < 2; round++) {
      const policies = await post(stack, document, 'Policies');
      const catalogue = await post(stack, document, 'Catalogue');
      expect(Object.keys(policies.data ?? {})).toEqual(['policies']);
      expect(Object.keys(catalogue.data ?? {})).toEqual(['catalogue']);
    }
    expect(await compilations(stack)).toBe(2);
  });

  it('compiles a trusted document sent by id once it is hot, like any other', async () => {
    const manifest = JSON.parse(readFileSync(new URL('../generated/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>;
    const stack = await startStack({ server: { jitInterpretedRuns: 3, trustedDocuments: { documents: new TrustedDocuments(manifest), only: true } } });
    stacks.push(stack);
    const documentId = (PoliciesDocument as unknown as { __meta__: { hash: string } }).__meta__.hash;
    const counts: number[] = [];
    for (let run = 0; run < 6; run++) {
      const response = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: stack.credential }, body: JSON.stringify({ documentId }) });
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
      counts.push(await compilations(stack));
    }
    expect(counts).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('leaves mutations to graphql-js', async () => {
    const stack = await startStack({ server: { jitInterpretedRuns: 0 } });
    stacks.push(stack);
    const result = await post(stack, 'mutation { deleteDeveloper(id: "000000000000000000000000") { __typename } }');
    expect(result.errors).toBeUndefined();
    expect(await compilations(stack)).toBe(0);
  });
});

describe('a compiled query answers what graphql-js answers', () => {
  // On several lines (with a CRLF among them), so error locations are checked past the first line.
  const overview = `{
  developers(first: 3) {
    totalCount pageInfo { hasNextPage endCursor }\r
    edges { cursor node { id email fields { name value } dateCreated
      keys { id quota { max remaining } policies { id name rate per accessRights { apiId apiName versions } }
        usage { start resolution hits success error } } } }
  }
}`;

  it('for the overview, data and all', async () => {
    const [compiled, interpreted] = await answers(overview);
    expect(compiled.body.errors).toBeUndefined();
    expect(compiled).toEqual(interpreted);
  });

  it('when every usage call fails: each key’s usage alone is null, with the same paths and codes', async () => {
    const failUsage = (stack: Stack) => void stack.dashboard.injectFault({ routePrefix: 'GET /api/activity/keys/', body: 'malformed' });
    const [compiled, interpreted] = await answers(overview, failUsage);
    expect(compiled.body.errors?.length).toBeGreaterThan(0);
    expect(compiled.body.errors!.every((e) => e.extensions?.code === 'UPSTREAM_BAD_RESPONSE' && e.path?.at(-1) === 'usage' && e.locations?.length === 1)).toBe(true);
    expect(compiled.body.errors![0]!.locations).toEqual([{ line: 6, column: 9 }]);
    expect(compiled).toEqual(interpreted);
  });

  it('when a field is refused: an anonymous caller gets the same FORBIDDEN/UNAUTHENTICATED answer', async () => {
    const query = '{ catalogue { name } developers(first: 1) { totalCount } }';
    const [compiled, interpreted] = await answers(query, undefined, () => '');
    expect(compiled.body.errors?.length).toBeGreaterThan(0);
    expect(compiled).toEqual(interpreted);
  });
});
