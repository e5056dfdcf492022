/**
 * Request hardening, on by default; every limit is a ServerOptions setting (`hardening`).
 *
 * - graphql-armor: depth ≤ 12, aliases ≤ 15, tokens ≤ 3 000, directives ≤ 20, cost ≤ 75 000
 *   (introspection exempt, so GraphiQL and codegen work). Each refusal is one error with code
 *   `QUERY_TOO_COMPLEX` and a message naming the limit (armor's own "Syntax Error:" prefix dropped),
 *   from the parser or the validator, so HTTP, SSE and graphql-ws answer it alike. The cost model
 *   is armor's (objects 2, scalars 1, ×1.5 per level; list sizes do not count): 75 000 admits the
 *   widest page an admin list shows, `developers(first: 100)` with every field of developer, keys
 *   (with usage), policies (with access rights), catalogue entry and OAuth clients (≈ 55 000), and
 *   refuses a document repeating the overview a dozen times (≈ 99 000).
 * - Bodies over 100 KB are refused with 413 before they are parsed.
 * - CSRF: a request a plain HTML form could send (GET, or POST as form or text/plain) must carry
 *   `x-graphql-yoga-csrf` or be a JSON POST; mutations never run over GET (Yoga's own rule).
 * - Production: introspection off unless explicitly allowed, by a validation rule (so it holds over
 *   graphql-ws and SSE as over HTTP); name suggestions are cut from every error message by
 *   use-error-codes.
 * HTTP batching stays off (Yoga's default).
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationContext } from 'graphql';
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

export const HARDENING_DEFAULTS = { maxDepth: 12, maxAliases: 15, maxTokens: 3_000, maxDirectives: 20, maxCost: 75_000, maxBodyBytes: 100_000 } as const;

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

/**
 * How every armor limit refuses a document: one QUERY_TOO_COMPLEX error, thrown out of the parser
 * (token limit) or the validator (the others) as armor itself would, so the first limit reached is
 * the one answer.
 */
function refuseAsTooComplex(_context: ValidationContext | null, error: GraphQLError): void {
  throw new GraphQLError(error.message.replace(/^Syntax Error:\s*/, ''), { extensions: { code: 'QUERY_TOO_COMPLEX' } });
}

/** Armor's options for refusing with QUERY_TOO_COMPLEX (a new object for each limit: armor keeps it). */
const refusal = () => ({ propagateOnRejection: false, onReject: [refuseAsTooComplex] });

/** Introspection refused by a validation rule, so every transport that validates refuses it. */
function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
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
      maxDepth: { n: o.maxDepth, ignoreIntrospection: true, ...refusal() },
      maxAliases: { n: o.maxAliases, ...refusal() },
      maxTokens: { n: o.maxTokens, ...refusal() },
      maxDirectives: { n: o.maxDirectives, ...refusal() },
      costLimit: { maxCost: o.maxCost, ignoreIntrospection: true, ...refusal() },
      // Suggestions are cut by use-error-codes on every transport, whatever produced them.
      blockFieldSuggestion: { enabled: false },
    }) as Plugin,
    ...(production && !options.introspection ? [useNoIntrospection()] : []),
  ];
}
