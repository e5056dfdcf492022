/**
 * OpenTelemetry traces, only when an OTLP endpoint is configured: a server span per GraphQL
 * operation and a client span per upstream HTTP attempt, exported over OTLP/HTTP (JSON).
 *
 * Span names and attributes carry route templates (`GET /api/portal/developers/:id`), never URLs
 * with ids, never a credential. Nothing is registered globally: the tracer is passed explicitly.
 * The caller's `traceparent` is continued, and every upstream attempt carries its own (see
 * trace-context.ts).
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { forwardedTraceHeaders, remoteContext, traceHeaders, type RemoteTrace } from './trace-context.js';
import type { AttemptObserver, TykAttempt } from './tyk/types.js';

export interface Telemetry {
  tracer: Tracer;
  /** Sends what is buffered. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Where one request's spans hang: its operation span, once execution starts, and the caller's W3C
 * trace context (from `traceparent`), which that span continues.
 */
export interface TraceHolder {
  span?: Span;
  remote?: RemoteTrace | undefined;
}

/**
 * Starts exporting to `endpoint` (an OTLP/HTTP base URL such as `http://collector:4318`).
 * `immediate` exports each span as it ends (tests); default batches.
 */
export function startTelemetry(endpoint: string, { immediate = false, serviceName = 'portal-graph' } = {}): Telemetry {
  const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [immediate ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter)],
  });
  return {
    tracer: provider.getTracer('portal-graph'),
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

/**
 * Starts the client span of one upstream attempt, under the request's operation span (or the
 * caller's remote span when there is none), and gives the `traceparent` naming it for the
 * attempt's headers. Without a tracer nothing is recorded and the caller's trace context, if any,
 * is passed on unchanged. Attributes: method, route template, attempt, status, error code.
 */
export function startAttemptSpan(tracer: Tracer | undefined, holder: TraceHolder | undefined, start: { method: string; route: string; attempt: number }): AttemptObserver | undefined {
  if (!tracer) return holder?.remote ? { headers: forwardedTraceHeaders(holder.remote) } : undefined;
  const parent = holder?.span ? trace.setSpan(ROOT_CONTEXT, holder.span) : remoteContext(holder?.remote);
  const span = tracer.startSpan(
    start.route,
    { kind: SpanKind.CLIENT, attributes: { 'http.request.method': start.method, 'url.template': start.route, 'portal_graph.attempt': start.attempt } },
    parent,
  );
  return {
    headers: traceHeaders(trace.setSpan(parent, span)),
    end(attempt: TykAttempt) {
      if (attempt.status !== undefined) span.setAttribute('http.response.status_code', attempt.status);
      if (attempt.error) {
        span.setAttribute('error.type', attempt.error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: attempt.error });
      }
      span.end();
    },
  };
}
