/**
 * A server span per GraphQL operation (`GraphQL query DeveloperOverview`), the parent of the
 * upstream spans its loaders and mutations cause, and the child of the caller's span when the
 * request carries a W3C `traceparent`. Errors mark the span; their text is not recorded. The name
 * is the bounded operation label (metrics.ts), so invented names cannot multiply span names.
 */
import { SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import type { OperationNameLabels } from '../metrics.js';
import { remoteContext } from '../trace-context.js';
import { operationLabel } from './operation-label.js';

export function useTracing(tracer: Tracer, names: OperationNameLabels): Plugin<GatewayContext> {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue as GatewayContext;
      const label = operationLabel(args.document, args.operationName);
      const type = label.type;
      const name = names.label(label.name);
      const span = tracer.startSpan(
        `GraphQL ${type} ${name}`,
        { kind: SpanKind.SERVER, attributes: { 'graphql.operation.type': type, 'graphql.operation.name': name, 'portal_graph.request_id': ctx.requestId } },
        remoteContext(ctx.trace.remote),
      );
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
