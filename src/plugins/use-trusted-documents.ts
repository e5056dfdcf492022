/**
 * Trusted documents over HTTP and SSE: swaps a manifest id for its document, and in trusted-only
 * mode refuses any other operation before it is parsed (src/security/trusted-documents.ts decides;
 * server.ts asks the same function for graphql-ws). Written as a plain `onParams` hook rather than
 * Yoga's persisted-operations plugin because that one cannot accept a full query text that matches
 * the manifest, which codegen-typed clients send.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { resolveOperation, type OperationParams, type TrustedDocuments } from '../security/trusted-documents.js';

export function useTrustedDocuments(trusted: { documents: TrustedDocuments; only: boolean }): Plugin {
  return {
    onParams({ params, setParams }) {
      const decision = resolveOperation(trusted, params as OperationParams);
      if (decision instanceof GraphQLError) throw decision;
      if (decision.query != null && decision.query !== params.query) setParams({ ...params, query: decision.query });
    },
  };
}
