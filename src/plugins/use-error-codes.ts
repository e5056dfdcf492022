/**
 * The last word on errors leaving over HTTP: every error has an `extensions.code`, and nothing of
 * the server's internals (`originalError`, stack) is serialised. Errors raised before execution
 * (parse, validation, graphql-armor limits, variable coercion) get their code here; errors from
 * execution were coded by use-error-masking.
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

function withCode(error: GraphQLError, requestError: boolean): GraphQLError {
  const { originalError: _hidden, stack: _stack, ...extensions } = (error.extensions ?? {}) as Record<string, unknown>;
  const code = typeof extensions['code'] === 'string' ? extensions['code'] : codeFor(error.message);
  // Yoga reads `http` to pick the status and does not serialise it. A malformed request (bad JSON,
  // wrong method) is a 400 whatever the client accepts, so Yoga's legacy-mode exemption is dropped.
  const given = extensions['http'] as { status?: number; spec?: boolean } | undefined;
  const http = given
    ? code === 'BAD_REQUEST'
      ? { ...given, spec: false }
      : given
    : requestError && REQUEST_ERRORS.has(code)
      ? { status: 400 }
      : undefined;
  return errorInPlaceOf(error, error.message, { ...extensions, code, ...(http ? { http } : {}) });
}

export function useErrorCodes(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || Symbol.asyncIterator in result) return;
      const { errors, data } = result as { errors?: readonly GraphQLError[]; data?: unknown };
      // No data at all: the request failed before execution (parse, validation, variables).
      const requestError = data === undefined;
      if (errors?.length) setResult({ ...result, errors: errors.map((e) => (e instanceof GraphQLError ? withCode(e, requestError) : e)) } as typeof result);
    },
  };
}
