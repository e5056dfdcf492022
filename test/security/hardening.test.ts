/**
 * Bad input at the HTTP boundary: each answer's status and `extensions.code`, and that the
 * Dashboard saw no request it did not need.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

async function send(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  stack.dashboard.requestLog.clear();
  const response = await fetch(stack.url, { method: 'POST', headers: { authorization: stack.credential, accept: 'application/graphql-response+json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as { errors?: { message: string; extensions?: Record<string, unknown> }[] }, text, upstream: stack.dashboard.requestLog.count() };
}
const query = (q: string, variables?: unknown) => JSON.stringify({ query: q, variables });
const codes = (r: Awaited<ReturnType<typeof send>>) => r.body.errors?.map((e) => e.extensions?.['code']);

describe('query limits', () => {
  it('refuses deep nesting with QUERY_TOO_COMPLEX and no upstream call', async () => {
    const deep = '{ developers(first: 1) { edges { node { keys { developer { keys { developer { keys { developer { keys { developer { keys { developer { id } } } } } } } } } } } } } }';
    const r = await send(query(deep));
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(r.upstream).toBe(0);
  });

  it('refuses alias floods, including aliased mutation batches', async () => {
    const aliases = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: portalConfiguration { requireKeyApproval }`).join(' ')} }`;
    expect(codes(await send(query(aliases)))).toEqual(['QUERY_TOO_COMPLEX']);
    const mutations = `mutation { ${Array.from({ length: 20 }, (_, i) => `m${i}: deleteDeveloper(id: "aaaaaaaaaaaaaaaaaaaaaaaa") { __typename }`).join(' ')} }`;
    const r = await send(query(mutations));
    expect(codes(r)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(r.upstream).toBe(0);
  });

  it('refuses directive floods and token floods', async () => {
    const directives = `{ portalConfiguration ${'@include(if: true) '.repeat(30)}{ requireKeyApproval } }`;
    expect(codes(await send(query(directives)))).toEqual(['QUERY_TOO_COMPLEX']);
    const tokens = `{ ${'__typename '.repeat(4000)} }`;
    const r = await send(query(tokens));
    expect(r.status).toBe(400);
    expect(r.upstream).toBe(0);
  });

  it('refuses duplicated fields beyond the cost limit and circular fragments', async () => {
    const expensive = `{ developers(first: 100) { edges { node { keys { usage(resolution: HOUR) { hits } policies { accessRights { apiId } } } usage { hits } } } } }`;
    const r = await send(query(`{ ${Array.from({ length: 12 }, (_, i) => `d${i}: ${expensive.slice(2, -2)}`).join(' ')} }`));
    expect(r.status).toBe(400);
    expect(r.upstream).toBe(0);
    const circular = await send(query('fragment A on Query { ...B } fragment B on Query { ...A } { ...A }'));
    expect(codes(circular)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('transport', () => {
  it('refuses JSON array batches', async () => {
    const r = await send(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual(['BAD_REQUEST']);
  });

  it('refuses a body over 100 KB with 413 before parsing it', async () => {
    const r = await send(JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(120_000) } }));
    expect(r.status).toBe(413);
    expect(codes(r)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it('answers malformed JSON with 400 and without echoing the body', async () => {
    const r = await send('{"query": "{ __typename }", "secret-looking": ');
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual(['BAD_REQUEST']);
    expect(r.text).not.toContain('secret-looking');
  });

  it('never runs a mutation from a plain HTML form or a text/plain POST (CSRF)', async () => {
    const mutation = 'mutation { deleteDeveloper(id: "aaaaaaaaaaaaaaaaaaaaaaaa") { __typename } }';
    const form = await send(`query=${encodeURIComponent(mutation)}`, { 'content-type': 'application/x-www-form-urlencoded' });
    const text = await send(query(mutation), { 'content-type': 'text/plain' });
    for (const r of [form, text]) {
      expect(r.status).toBe(403);
      expect(r.upstream).toBe(0);
    }
  });

  it('refuses a mutation over GET with 405', async () => {
    const url = `${stack.url}?query=${encodeURIComponent('mutation { deleteDeveloper(id: "aaaaaaaaaaaaaaaaaaaaaaaa") { __typename } }')}`;
    stack.dashboard.requestLog.clear();
    const response = await fetch(url, { headers: { authorization: stack.credential, 'x-graphql-yoga-csrf': '1' } });
    expect(response.status).toBe(405);
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });

  it('answers wrong variable types with BAD_USER_INPUT and no upstream call', async () => {
    const r = await send(query('query($id: ID!) { developer(id: $id) { id } }', { id: { nested: true } }));
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.upstream).toBe(0);
  });
});

describe('production mode', () => {
  it('hides field suggestions and turns introspection off unless allowed', async () => {
    const production = await startStack({ server: { hardening: { production: true } } });
    try {
      const post = async (q: string) =>
        (await fetch(production.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: production.credential }, body: query(q) }).then((r) => r.json())) as {
          errors?: { message: string }[];
        };
      const typo = await post('{ developrs { id } }');
      expect(typo.errors?.[0]?.message).not.toContain('Did you mean');
      const introspection = await post('{ __schema { queryType { name } } }');
      expect(introspection.errors?.length).toBeGreaterThan(0);
    } finally {
      await production.stop();
    }
  });
});
