/**
 * W3C Trace Context (`traceparent`, `tracestate`) in and out: the caller's trace is continued by
 * the gateway's spans and reaches the Dashboard on every upstream call, so a frontend's, the
 * gateway's and Tyk's spans join one trace.
 *
 * A `traceparent` that is not valid W3C (wrong shape, all-zero ids, version ff) is ignored, as the
 * specification asks; a `tracestate` longer than 512 characters is dropped.
 */
import { defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import { parseTraceParent, W3CTraceContextPropagator } from '@opentelemetry/core';

/** The caller's trace context, validated. */
export interface RemoteTrace {
  traceparent: string;
  tracestate?: string;
}

const MAX_TRACESTATE = 512;
const HEADER_VALUE = /^[\x20-\x7e]*$/;
const propagator = new W3CTraceContextPropagator();

/** The trace context a request carries, or undefined when it has none (or an invalid one). */
export function remoteTraceFrom(headers: Headers): RemoteTrace | undefined {
  const traceparent = headers.get('traceparent')?.trim();
  if (!traceparent || !parseTraceParent(traceparent)) return undefined;
  const tracestate = headers.get('tracestate')?.trim();
  return tracestate && tracestate.length <= MAX_TRACESTATE && HEADER_VALUE.test(tracestate) ? { traceparent, tracestate } : { traceparent };
}

/** An OpenTelemetry context whose parent is the remote span (ROOT_CONTEXT without one). */
export function remoteContext(remote: RemoteTrace | undefined): Context {
  return remote ? propagator.extract(ROOT_CONTEXT, remote, defaultTextMapGetter) : ROOT_CONTEXT;
}

/** `traceparent` (and `tracestate`) naming the span active in `context`, for an outgoing request. */
export function traceHeaders(context: Context): Record<string, string> {
  const headers: Record<string, string> = {};
  propagator.inject(context, headers, defaultTextMapSetter);
  return headers;
}

/** The caller's headers passed on unchanged (when the gateway records no spans of its own). */
export function forwardedTraceHeaders(remote: RemoteTrace): Record<string, string> {
  return remote.tracestate ? { traceparent: remote.traceparent, tracestate: remote.tracestate } : { traceparent: remote.traceparent };
}
