/**
 * The last word on every error leaving the gateway, on every transport: each has an
 * `extensions.code`, nothing of the server's internals (`originalError`, stack) is serialised, and
 * in production no message suggests names ("Did you mean …?", which would reveal the schema with
 * introspection off). Errors raised before execution (parse, validation, graphql-armor limits,
 * variable coercion) get their code here; errors from execution were coded by use-error-masking.
 *
 * HTTP results (including a server-sent events answer that is a single result) pass through this
 * plugin; graphql-ws messages and subscription events pass through `clientError` itself
 * (src/websocket.ts, the subscription hub), without the `http` hint Yoga reads for the status.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { errorInPlaceOf } from '../errors.js';

/** The code of an error that has none, from what kind of failure its message describes. */
export function codeFor(message: string): string {
  if (/limit of \d+ exceeded|Query Cost limit/i.test(message)) return 'QUERY_TOO_COMPLEX';
  if (/^Syntax Error/.test(message)) return 'GRAPHQL_PARSE_FAILED';
  if (/^Variable |cannot represent|got invalid value/i.test(message)) return 'BAD_USER_INPUT';
  return 'GRAPHQL_VALIDATION_FAILED';
}

/** Codes of errors that reject the request as a whole (GraphQL over HTTP: 400). */
const REQUEST_ERRORS = new Set(['QUERY_TOO_COMPLEX', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/** graphql-js and graphql-armor suggestions: `Did you mean "x"?`, `Did you mean the enum value "DAY"?`, armor's mask. */
const SUGGESTION = /\s*(?:Did you mean [^?]*\?|\[Suggestion hidden\])/g;

export interface ClientErrorOptions {
  /** Cut name suggestions from messages (production). Default false. */
  hideSuggestions?: boolean;
}

/**
 * An error as a client receives it. `http`: the error answers an HTTP request, so it may carry
 * Yoga's status hint (`requestError`: the request failed before execution, a 400); over a socket
 * or in a stream it never does.
 */
export function clientError(error: GraphQLError, options: ClientErrorOptions & { http: boolean; requestError?: boolean }): GraphQLError {
  const { originalError: _hidden, stack: _stack, http: given, ...extensions } = (error.extensions ?? {}) as Record<string, unknown> & {
    http?: { status?: number; spec?: boolean };
  };
  const code = typeof extensions['code'] === 'string' ? extensions['code'] : codeFor(error.message);
  const message = options.hideSuggestions ? error.message.replace(SUGGESTION, '') : error.message;
  let http: { status?: number; spec?: boolean } | undefined;
  if (options.http) {
    // Yoga reads `http` to pick the status and does not serialise it. A malformed request (bad JSON,
    // wrong method) is a 400 whatever the client accepts, so Yoga's legacy-mode exemption is dropped.
    http = given ? (code === 'BAD_REQUEST' ? { ...given, spec: false } : given) : options.requestError && REQUEST_ERRORS.has(code) ? { status: 400 } : undefined;
  }
  return errorInPlaceOf(error, message, { ...extensions, code, ...(http ? { http } : {}) });
}

export function useErrorCodes(options: ClientErrorOptions = {}): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || Symbol.asyncIterator in result) return;
      const { errors, data } = result as { errors?: readonly GraphQLError[]; data?: unknown };
      // No data at all: the request failed before execution (parse, validation, variables).
      const requestError = data === undefined;
      if (errors?.length) {
        setResult({ ...result, errors: errors.map((e) => (e instanceof GraphQLError ? clientError(e, { ...options, http: true, requestError }) : e)) } as typeof result);
      }
    },
  };
}
