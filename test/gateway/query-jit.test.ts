/**
 * Query operations run compiled by graphql-jit (use-query-jit.ts); mutations and subscriptions run
 * on graphql-js. Compiled or not, a query answers the same body: same data, same errors at the same
 * paths with the same codes, the same fields refused to the same principal.
 */
import { parse } from 'graphql';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { isQueryOperation } from '../../src/plugins/use-query-jit.js';
import { buildServer, type GatewayServer } from '../../src/server.js';
import { closeTykPools } from '../../src/tyk/client.js';
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
  const stack = await startStack({ server: { jit: true } });
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

describe('which operations are compiled', () => {
  it('compiles queries only, choosing the named operation of a document', () => {
    const document = parse('query Q { developers(first: 1) { totalCount } } mutation M { deleteDeveloper(id: "x") { __typename } } subscription S { keyIssued { keyId } }');
    expect(isQueryOperation(document, 'Q')).toBe(true);
    expect(isQueryOperation(document, 'M')).toBe(false);
    expect(isQueryOperation(document, 'S')).toBe(false);
    expect(isQueryOperation(document, undefined)).toBe(false); // several operations and no name: none is chosen
    expect(isQueryOperation(parse('{ policies { id } }'), null)).toBe(true);
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
