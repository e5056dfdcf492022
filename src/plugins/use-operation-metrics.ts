/**
 * Counts and times every GraphQL operation: by type, by name (the client's operation name, bounded
 * to 64 safe characters, `anonymous` without one, and to the manifest's names plus a capped set of
 * first-seen ones, `other` beyond: see OperationNameLabels) and by outcome (`ok` or `error`).
 */
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import type { GatewayMetrics } from '../metrics.js';
import { operationLabel } from './operation-label.js';

export function useOperationMetrics(metrics: GatewayMetrics): Plugin {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const label = operationLabel(args.document, args.operationName);
      const type = label.type;
      const name = metrics.operationNames.label(label.name);
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
