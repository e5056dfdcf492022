/**
 * Trusted documents over HTTP and SSE: swaps a manifest id for its document, and in trusted-only
 * mode refuses any other operation before it is parsed (src/security/trusted-documents.ts decides;
 * src/websocket.ts asks the same function for graphql-ws). Written as a plain `onParams` hook rather
 * than Yoga's persisted-operations plugin because that one cannot accept a full query text that
 * matches the manifest, which codegen-typed clients send.
 *
 * The id comes as `documentId` in a JSON body or, over GET, in the query string
 * (`?documentId=sha256:…`), which Yoga's GET parser does not read itself; or as
 * `extensions.persistedQuery.sha256Hash` either way.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { resolveOperation, type OperationParams, type TrustedDocuments } from '../security/trusted-documents.js';

/** The `documentId` of a GET request's query string, if any. */
function documentIdOfUrl(request: Request): string | undefined {
  if (request.method !== 'GET') return undefined;
  return new URL(request.url).searchParams.get('documentId') ?? undefined;
}

export function useTrustedDocuments(trusted: { documents: TrustedDocuments; only: boolean }): Plugin {
  return {
    onParams({ params, request, setParams }) {
      const documentId = (params as OperationParams).documentId ?? documentIdOfUrl(request);
      const decision = resolveOperation(trusted, { ...(params as OperationParams), documentId });
      if (decision instanceof GraphQLError) throw decision;
      if (decision.query != null && decision.query !== params.query) setParams({ ...params, query: decision.query });
    },
  };
}
