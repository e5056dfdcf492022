/**
 * A server span per GraphQL operation (`GraphQL query DeveloperOverview`), the parent of the
 * upstream spans its loaders and mutations cause. Errors mark the span; their text is not recorded.
 */
import { SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { operationLabel } from './operation-label.js';

export function useTracing(tracer: Tracer): Plugin<GatewayContext> {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue as GatewayContext;
      const { type, name } = operationLabel(args.document, args.operationName);
      const span = tracer.startSpan(`GraphQL ${type} ${name}`, {
        kind: SpanKind.SERVER,
        attributes: { 'graphql.operation.type': type, 'graphql.operation.name': name, 'portal_graph.request_id': ctx.requestId },
      });
      ctx.trace.span = span;
      return {
        onExecuteDone(payload) {
          return handleStreamOrSingleExecutionResult(payload, ({ result }) => {
            if (result.errors?.length) span.setStatus({ code: SpanStatusCode.ERROR, message: `${result.errors.length} error(s)` });
            span.end();
          });
        },
      };
    },
  };
}
