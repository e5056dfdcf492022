/**
 * Counts and times every GraphQL operation: by type, by name (the client's operation name, bounded
 * to 64 safe characters, `anonymous` without one) and by outcome (`ok` or `error`).
 */
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import type { GatewayMetrics } from '../metrics.js';

function operationOf(document: DocumentNode, name: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return name ? operations.find((o) => o.name?.value === name) : operations[0];
}

export function useOperationMetrics(metrics: GatewayMetrics): Plugin {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const operation = operationOf(args.document, args.operationName);
      const type = operation?.operation ?? 'unknown';
      const name = (operation?.name?.value ?? 'anonymous').replace(/[^A-Za-z0-9_]/g, '').slice(0, 64) || 'anonymous';
      return {
        onExecuteDone(payload) {
          return handleStreamOrSingleExecutionResult(payload, ({ result }) => {
            metrics.operations.inc({ type, name, outcome: result.errors?.length ? 'error' : 'ok' });
            metrics.operationSeconds.observe({ type }, (performance.now() - started) / 1000);
          });
        },
      };
    },
  };
}
