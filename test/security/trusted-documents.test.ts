/**
 * Trusted documents: manifest operations run by id or by their text; in trusted-only mode nothing
 * else runs (HTTP and graphql-ws), and a refused operation costs no upstream call.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Kind, parse, print, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrustedDocuments } from '../../src/security/trusted-documents.js';
import { CatalogueDocument, PoliciesDocument } from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';
import { wsSubscribe } from '../support/subscribers.js';

const MANIFEST_PATH = new URL('../generated/persisted-documents.json', import.meta.url);
const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as Record<string, string>;
const documents = new TrustedDocuments(manifest);
const idOf = (document: DocumentNode) => (document as unknown as { __meta__: { hash: string } }).__meta__.hash;

/** Posts a raw GraphQL-over-HTTP body. */
async function post(stack: Stack, body: Record<string, unknown>, credential: string | null = stack.credential) {
  const response = await fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(credential ? { authorization: credential } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] } };
}

describe('the committed manifest', () => {
  it('holds every operation of examples/ and test/operations, with its fragments (run `npm run codegen` when this fails)', () => {
    const files = [
      ...readdirSync(new URL('../operations/', import.meta.url)).map((f) => new URL(`../operations/${f}`, import.meta.url)),
      ...readdirSync(new URL('../../examples/', import.meta.url)).map((f) => new URL(`../../examples/${f}`, import.meta.url)),
    ].filter((u) => u.pathname.endsWith('.graphql'));
    const definitions = files.flatMap((file) => parse(readFileSync(file, 'utf8')).definitions);
    const fragments = new Map(definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
    const operations = definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations.length).toBeGreaterThan(10);
    const missing = operations.filter((operation) => !documents.allows(print(withFragments(operation, fragments))));
    expect(missing.map((o) => (o as { name?: { value: string } }).name?.value)).toEqual([]);
    expect(documents.size).toBe(operations.length);
  });

  it('refuses to load a tampered manifest, naming the id', () => {
    const [id, document] = Object.entries(manifest)[0]!;
    expect(() => new TrustedDocuments({ ...manifest, [id]: document.replace('{', '{ __typename ') })).toThrow(new RegExp(`${id}.*does not hash`));
    expect(() => new TrustedDocuments({ 'not-a-hash': '{ a }' })).toThrow(/not a persisted-documents manifest/);
    expect(() => TrustedDocuments.fromFile('/nonexistent/manifest.json')).toThrow(/manifest \/nonexistent\/manifest.json: ENOENT/);
  });
});

/** An operation with the fragments it spreads, transitively. */
function withFragments(operation: DefinitionNode, fragments: Map<string, FragmentDefinitionNode>): DocumentNode {
  const used = new Map<string, FragmentDefinitionNode>();
  const collect = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread: (spread) => {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          collect(fragment);
        }
      },
    });
  collect(operation);
  return { kind: Kind.DOCUMENT, definitions: [operation, ...used.values()] };
}

describe('trusted-only mode', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ server: { trustedDocuments: { documents, only: true } } });
  });
  afterAll(() => stack.stop());

  it('runs a manifest operation by documentId, by APQ hash and by its full text', async () => {
    const id = idOf(PoliciesDocument);
    const byId = await post(stack, { documentId: id });
    const byHash = await post(stack, { extensions: { persistedQuery: { version: 1, sha256Hash: id.replace('sha256:', '') } } });
    const byText = await stack.execute(PoliciesDocument);
    for (const result of [byId.body, byHash.body, byText]) {
      expect(result.errors).toBeUndefined();
      expect((result.data as { policies: unknown[] }).policies.length).toBeGreaterThan(0);
    }
  });

  it('refuses any other operation with 400 PERSISTED_QUERY_ONLY and no upstream call', async () => {
    stack.dashboard.requestLog.clear();
    for (const query of ['{ policies { id name } }', '{ developers(first: 100) { totalCount } }', 'mutation { deleteDeveloper(id: "5e9d9544a1dcd60001d0ffff") { __typename } }']) {
      const result = await post(stack, { query });
      expect(result.status).toBe(400);
      expect(result.body.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_ONLY']);
    }
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });

  it('refuses an unknown id with 400 PERSISTED_QUERY_NOT_FOUND, and an id sent with another text', async () => {
    const unknown = await post(stack, { documentId: `sha256:${createHash('sha256').update('nope').digest('hex')}` });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    const both = await post(stack, { documentId: idOf(PoliciesDocument), query: '{ developers(first: 1) { totalCount } }' });
    expect(both.status).toBe(400);
  });

  it('applies the same rule over GET', async () => {
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: idOf(CatalogueDocument).replace('sha256:', '') } });
    const allowed = await fetch(`${stack.url}?extensions=${encodeURIComponent(extensions)}`, { headers: { authorization: stack.credential, 'x-graphql-yoga-csrf': '1' } });
    expect(allowed.status).toBe(200);
    const refused = await fetch(`${stack.url}?query=${encodeURIComponent('{ policies { id } }')}`, { headers: { authorization: stack.credential, 'x-graphql-yoga-csrf': '1' } });
    expect(refused.status).toBe(400);
  });

  it('runs a manifest operation by documentId over GET, and refuses an unknown id there too', async () => {
    const get = (query: string) => fetch(`${stack.url}?${query}`, { headers: { authorization: stack.credential, 'x-graphql-yoga-csrf': '1' } });
    const byId = await get(`documentId=${encodeURIComponent(idOf(CatalogueDocument))}`);
    expect(byId.status).toBe(200);
    const body = (await byId.json()) as { data?: { catalogue: unknown[] }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data!.catalogue.length).toBeGreaterThan(0);
    const unknown = await get(`documentId=sha256:${createHash('sha256').update('nope').digest('hex')}`);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('applies the same rule over graphql-ws', async () => {
    const refused = await wsSubscribe(stack.url, stack.credential, 'subscription { keyEvents { id } }');
    expect(JSON.stringify(await refused.next())).toContain('PERSISTED_QUERY_ONLY');
    await refused.close();
    const manifestSubscription = Object.values(manifest).find((d) => d.startsWith('subscription'))!;
    const allowed = await wsSubscribe(stack.url, stack.credential, manifestSubscription);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(allowed.received.filter((r) => JSON.stringify(r).includes('PERSISTED_QUERY'))).toEqual([]);
    await allowed.close();
  });
});

describe('with the manifest but not trusted-only', () => {
  it('runs ids and arbitrary operations alike', async () => {
    const stack = await startStack({ server: { trustedDocuments: { documents, only: false } } });
    try {
      expect((await post(stack, { documentId: idOf(PoliciesDocument) })).status).toBe(200);
      const arbitrary = await post(stack, { query: '{ policies { id } }' });
      expect(arbitrary.status).toBe(200);
      expect(arbitrary.body.errors).toBeUndefined();
    } finally {
      await stack.stop();
    }
  });
});
