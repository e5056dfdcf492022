/**
 * Trusted documents: the operations a deployment's frontends were built with, from the codegen
 * manifest (`persisted-documents.json` of @graphql-codegen/client-preset with
 * `persistedDocuments: true`: `{ "sha256:<hex>": "<document>" }`).
 *
 * A client may send a manifest id instead of the query text (`documentId`, or Apollo-style
 * `extensions.persistedQuery.sha256Hash`). In trusted-only mode nothing else runs: a query text is
 * accepted only when it is a manifest document (compared in a canonical form, so a codegen-typed
 * client sending `print(document)` works unchanged), an unknown id or any other text is refused
 * before parsing with a 400. The same decision serves HTTP, SSE and graphql-ws (`resolveOperation`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraphQLError, parse, print, visit, type ASTNode, type DocumentNode } from 'graphql';
import { z } from 'zod';

const Manifest = z.record(z.string().regex(/^(sha256:)?[0-9a-f]{64}$/, 'keys are sha256 hashes'), z.string().min(1));

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const byPrint = (a: ASTNode, b: ASTNode) => print(a).localeCompare(print(b));
const byName = (a: { name: { value: string } }, b: { name: { value: string } }) => a.name.value.localeCompare(b.name.value);

/**
 * One printing of a document whatever the order of its selections, variables, arguments, input
 * fields, fragments and whitespace (codegen sorts them when it writes the manifest).
 */
export function canonicalDocument(document: DocumentNode): string {
  const sorted = visit(document, {
    SelectionSet: { leave: (node) => ({ ...node, selections: [...node.selections].sort(byPrint) }) },
    OperationDefinition: {
      leave: (node) => ({ ...node, variableDefinitions: [...(node.variableDefinitions ?? [])].sort((a, b) => byName(a.variable, b.variable)) }),
    },
    Field: { leave: (node) => ({ ...node, arguments: [...(node.arguments ?? [])].sort(byName) }) },
    Directive: { leave: (node) => ({ ...node, arguments: [...(node.arguments ?? [])].sort(byName) }) },
    ObjectValue: { leave: (node) => ({ ...node, fields: [...node.fields].sort(byName) }) },
  });
  return [...sorted.definitions].map((d) => print(d)).sort().join('\n');
}

export class TrustedDocumentsError extends Error {
  override name = 'TrustedDocumentsError';
}

export class TrustedDocuments {
  /** hex hash → document text. */
  readonly #byHash = new Map<string, string>();
  /** hash of the canonical form → true, for query texts sent in full. */
  readonly #canonical = new Set<string>();
  /** Names of the manifest's operations (metrics label them by name whatever else is sent). */
  readonly operationNames = new Set<string>();

  /** Builds from a manifest object; throws TrustedDocumentsError when a hash does not match its document. */
  constructor(manifest: unknown, source = 'the manifest') {
    const parsed = Manifest.safeParse(manifest);
    if (!parsed.success) throw new TrustedDocumentsError(`${source} is not a persisted-documents manifest: ${parsed.error.issues[0]?.message}`);
    for (const [key, document] of Object.entries(parsed.data)) {
      const hash = key.replace(/^sha256:/, '');
      if (sha256(document) !== hash) throw new TrustedDocumentsError(`${source}: the document of ${key} does not hash to its id (tampered or stale).`);
      let ast: DocumentNode;
      try {
        ast = parse(document);
      } catch {
        throw new TrustedDocumentsError(`${source}: the document of ${key} is not valid GraphQL.`);
      }
      this.#byHash.set(hash, document);
      for (const definition of ast.definitions) if (definition.kind === 'OperationDefinition' && definition.name) this.operationNames.add(definition.name.value);
      this.#canonical.add(sha256(canonicalDocument(ast)));
    }
  }

  /** Reads and checks a manifest file; the error names the file. */
  static fromFile(path: string): TrustedDocuments {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new TrustedDocumentsError(`cannot read the trusted documents manifest ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new TrustedDocumentsError(`the trusted documents manifest ${path} is not JSON`);
    }
    return new TrustedDocuments(json, path);
  }

  get size(): number {
    return this.#byHash.size;
  }

  /** The document with this id (`sha256:<hex>` or `<hex>`), if the manifest has it. */
  get(id: string): string | undefined {
    return this.#byHash.get(id.replace(/^sha256:/, ''));
  }

  /** Whether a full query text is one of the manifest's documents (in any field order or spacing). */
  allows(query: string): boolean {
    if (this.#byHash.has(sha256(query))) return true;
    try {
      return this.#canonical.has(sha256(canonicalDocument(parse(query))));
    } catch {
      return false;
    }
  }
}

/** The parameters of a GraphQL request that name the operation. */
export interface OperationParams {
  query?: string | null | undefined;
  documentId?: unknown;
  extensions?: Record<string, unknown> | null | undefined;
}

/** The manifest id a request sends instead of its text, if any. */
function documentIdOf(params: OperationParams): string | undefined {
  if (typeof params.documentId === 'string') return params.documentId;
  const persisted = params.extensions?.['persistedQuery'] as { sha256Hash?: unknown } | undefined;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

/**
 * The query text to run for these parameters, or the error refusing them (HTTP 400):
 * `PERSISTED_QUERY_NOT_FOUND` for an unknown id, `PERSISTED_QUERY_ONLY` for a text outside the
 * manifest in trusted-only mode. `undefined` query → nothing to decide (the caller's own error).
 */
export function resolveOperation(trusted: { documents: TrustedDocuments; only: boolean }, params: OperationParams): { query: string | null | undefined } | GraphQLError {
  const id = documentIdOf(params);
  if (id !== undefined) {
    const document = trusted.documents.get(id);
    if (!document) return new GraphQLError('No trusted document has this id.', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } });
    if (params.query && params.query !== document) {
      return new GraphQLError('Send either a document id or a query, not both.', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
    }
    return { query: document };
  }
  if (trusted.only && params.query != null && !trusted.documents.allows(params.query)) {
    return new GraphQLError('This gateway runs only trusted documents: send the id of an operation from the codegen manifest.', {
      extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
    });
  }
  return { query: params.query };
}
