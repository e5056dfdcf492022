/**
 * Request hardening, on by default; every limit is a ServerOptions setting (`hardening`).
 *
 * - graphql-armor: depth ≤ 12, aliases ≤ 15, tokens ≤ 3 000, directives ≤ 20, cost ≤ 10 000
 *   (introspection exempt, so GraphiQL and codegen work); field suggestions hidden in production.
 * - Bodies over 100 KB are refused with 413 before they are parsed.
 * - CSRF: a request a plain HTML form could send (GET, or POST as form or text/plain) must carry
 *   `x-graphql-yoga-csrf` or be a JSON POST; mutations never run over GET (Yoga's own rule).
 * - Introspection off in production unless explicitly allowed.
 * HTTP batching stays off (Yoga's default).
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { Plugin } from 'graphql-yoga';

export interface HardeningOptions {
  /** Production: field suggestions hidden; introspection off unless `introspection` is true. Default false. */
  production?: boolean;
  /** Allow introspection in production. Default false. */
  introspection?: boolean;
  maxDepth?: number;
  maxAliases?: number;
  maxTokens?: number;
  maxDirectives?: number;
  maxCost?: number;
  /** Largest request body in bytes; default 100 000. */
  maxBodyBytes?: number;
}

/** The header a GET or form/text POST must carry (GraphiQL sends it; so must an event-stream client). */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

export const HARDENING_DEFAULTS = { maxDepth: 12, maxAliases: 15, maxTokens: 3_000, maxDirectives: 20, maxCost: 10_000, maxBodyBytes: 100_000 } as const;

function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse }) {
      const length = Number(request.headers.get('content-length'));
      if (Number.isFinite(length) && length > maxBytes) {
        endResponse(
          new Response(JSON.stringify({ errors: [{ message: `Request body larger than ${maxBytes} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }), {
            status: 413,
            headers: { 'content-type': 'application/json' },
          }),
        );
      }
    },
  };
}

export function hardeningPlugins(options: HardeningOptions = {}): Plugin[] {
  const o = { ...HARDENING_DEFAULTS, ...options };
  const production = options.production ?? false;
  return [
    useBodyLimit(o.maxBodyBytes),
    useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }) as Plugin,
    EnvelopArmorPlugin({
      maxDepth: { n: o.maxDepth, ignoreIntrospection: true },
      maxAliases: { n: o.maxAliases },
      maxTokens: { n: o.maxTokens },
      maxDirectives: { n: o.maxDirectives },
      costLimit: { maxCost: o.maxCost, ignoreIntrospection: true },
      blockFieldSuggestion: { enabled: production },
    }) as Plugin,
    ...(production && !options.introspection ? [useDisableIntrospection() as Plugin] : []),
  ];
}
