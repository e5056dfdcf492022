/**
 * OpenTelemetry traces, only when an OTLP endpoint is configured: a server span per GraphQL
 * operation and a client span per upstream HTTP attempt, exported over OTLP/HTTP (JSON).
 *
 * Span names and attributes carry route templates (`GET /api/portal/developers/:id`), never URLs
 * with ids, never a credential. Nothing is registered globally: the tracer is passed explicitly.
 */
import { context, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { TykAttempt } from './tyk/types.js';

export interface Telemetry {
  tracer: Tracer;
  /** Sends what is buffered. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** Where one request's spans hang: its operation span, once execution starts. */
export interface TraceHolder {
  span?: Span;
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

/** Records a finished upstream attempt as a client span under the request's operation span. */
export function recordAttemptSpan(tracer: Tracer, holder: TraceHolder | undefined, attempt: TykAttempt): void {
  const end = Date.now();
  const parent = holder?.span ? trace.setSpan(context.active(), holder.span) : context.active();
  const span = tracer.startSpan(
    attempt.route,
    {
      kind: SpanKind.CLIENT,
      startTime: end - attempt.durationMs,
      attributes: {
        'http.request.method': attempt.method,
        'url.template': attempt.route,
        'portal_graph.attempt': attempt.attempt,
        ...(attempt.status === undefined ? {} : { 'http.response.status_code': attempt.status }),
        ...(attempt.error ? { 'error.type': attempt.error } : {}),
      },
    },
    parent,
  );
  if (attempt.error) span.setStatus({ code: SpanStatusCode.ERROR, message: attempt.error });
  span.end(end);
}
