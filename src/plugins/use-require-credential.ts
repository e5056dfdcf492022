/**
 * Rejects an operation that needs the Dashboard when the caller sent no credential: one
 * UNAUTHENTICATED error (HTTP 401) and no upstream call. Introspection alone needs no credential,
 * so GraphiQL and codegen can read the schema.
 */
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { unauthenticated } from '../errors.js';

function onlyIntrospection(operation: OperationDefinitionNode | undefined): boolean {
  if (!operation) return false;
  return operation.selectionSet.selections.every(
    (s) => s.kind === Kind.FIELD && (s.name.value === '__typename' || s.name.value === '__schema' || s.name.value === '__type'),
  );
}

export function useRequireCredential(): Plugin<GatewayContext> {
  const check = (args: { contextValue: unknown; document: { definitions: readonly unknown[] }; operationName?: string | null | undefined }) => {
    const ctx = args.contextValue as GatewayContext;
    if (ctx.credential) return false;
    const operations = args.document.definitions.filter(
      (d): d is OperationDefinitionNode => (d as { kind: string }).kind === Kind.OPERATION_DEFINITION,
    );
    const operation = args.operationName ? operations.find((o) => o.name?.value === args.operationName) : operations[0];
    return !onlyIntrospection(operation);
  };
  return {
    onExecute: ({ args, setResultAndStopExecution }) => {
      if (check(args)) setResultAndStopExecution({ errors: [unauthenticated()] });
    },
    onSubscribe: ({ args, setResultAndStopExecution }) => {
      // Over a WebSocket there is no HTTP status to set: send the error without the `http` hint.
      if (check(args)) setResultAndStopExecution({ errors: [new GraphQLError(unauthenticated().message, { extensions: { code: 'UNAUTHENTICATED' } })] });
    },
  };
}
