/**
 * The gateway's own errors and the one table that maps every failure to a stable
 * `extensions.code`. Mutations return these as union members; queries surface them as GraphQL
 * errors through `maskError` (src/server/use-error-masking.ts).
 */
import { GraphQLError, type Source, type SourceLocation } from 'graphql';
import {
  TykBadRequestError,
  TykContractMismatchError,
  TykError,
  TykForbiddenError,
  TykInvalidInputError,
  TykNotFoundError,
  TykServerError,
  TykUnauthorisedError,
  TykUnavailableError,
} from './tyk/errors.js';
import { TYK_SHOWABLE_MESSAGES } from './tyk/contract.js';

export type GatewayErrorCode =
  | 'NOT_FOUND'
  | 'VALIDATION_FAILED'
  | 'FORBIDDEN'
  | 'INVALID_CREDENTIALS'
  | 'INVALID_RESET_TOKEN'
  | 'CONCURRENT_CHANGE'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_OUTCOME_UNKNOWN'
  | 'UPSTREAM_BAD_RESPONSE'
  | 'UPSTREAM_ERROR'
  | 'UPSTREAM_REJECTED';

/** The object a mutation addressed does not exist (or is not visible to the caller). */
export class NotFoundError extends Error {
  readonly code = 'NOT_FOUND' as const;
  constructor(
    readonly resource: string,
    readonly id: string,
  ) {
    super(`${resource} ${JSON.stringify(id)} was not found.`);
    this.name = 'NotFoundError';
  }
}

/** The input was rejected, by the gateway before any upstream call or by Tyk with its reason. */
export class ValidationError extends Error {
  readonly code = 'VALIDATION_FAILED' as const;
  constructor(
    message: string,
    /** Input path of the offending value, e.g. `input.email`, when one is to blame. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** The caller's Dashboard credential may not perform this action. */
export class ForbiddenError extends Error {
  readonly code = 'FORBIDDEN' as const;
  constructor(message = 'The Dashboard credential is not permitted to perform this action.') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** An email and password that do not match a developer (the same answer for an unknown email). */
export class InvalidCredentialsError extends Error {
  readonly code = 'INVALID_CREDENTIALS' as const;
  constructor() {
    super('The email or password is not correct.');
    this.name = 'InvalidCredentialsError';
  }
}

/** A password-reset token that is unknown, used, expired, or dead because the password changed since (all answered alike). */
export class InvalidResetTokenError extends Error {
  readonly code = 'INVALID_RESET_TOKEN' as const;
  constructor() {
    super('This password reset link is not valid any more; ask for a new one.');
    this.name = 'InvalidResetTokenError';
  }
}

/** The object changed while a read-merge-write was preparing its write, again and again, or another write held it too long: nothing was written. */
export class ConcurrentChangeError extends Error {
  readonly code = 'CONCURRENT_CHANGE' as const;
  constructor(message = 'The object kept changing while this change was being written; nothing was written. Re-read and try again.') {
    super(message);
    this.name = 'ConcurrentChangeError';
  }
}

/** The Dashboard failed, timed out or answered something the gateway could not read. */
export class UpstreamError extends Error {
  constructor(
    readonly code: Extract<GatewayErrorCode, `UPSTREAM_${string}`>,
    message: string,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

export function unauthenticated(): GraphQLError {
  return new GraphQLError('Send a Tyk Dashboard API credential, or a developer session token, in the Authorization header.', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}

/** The session token was issued before the developer's last password change, logged out, or has expired (HTTP 401). */
export function sessionExpired(): GraphQLError {
  return new GraphQLError('The session has expired; log in again.', { extensions: { code: 'SESSION_EXPIRED', http: { status: 401 } } });
}

export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argument } : {}) } });
}

const UPSTREAM_MESSAGES = {
  UPSTREAM_UNAVAILABLE: 'The Tyk Dashboard did not answer in time or could not be reached.',
  UPSTREAM_OUTCOME_UNKNOWN: 'The Tyk Dashboard received the write but no answer came back; re-read before retrying.',
  UPSTREAM_BAD_RESPONSE: 'The Tyk Dashboard answered with a response the gateway could not read.',
  UPSTREAM_ERROR: 'The Tyk Dashboard failed to process the request.',
} as const;

/**
 * Classifies any failure into a gateway error (mutation union members) or a GraphQLError
 * (UNAUTHENTICATED); unknown errors are returned unchanged for masking.
 */
export function toGatewayError(error: unknown, subject?: { resource: string; id: string }): unknown {
  if (!(error instanceof TykError)) return error;
  if (error instanceof TykInvalidInputError) return new ValidationError('An identifier in the input is malformed.');
  if (error instanceof TykNotFoundError) return new NotFoundError(subject?.resource ?? 'Object', subject?.id ?? '');
  if (error instanceof TykBadRequestError) {
    return new ValidationError(TYK_SHOWABLE_MESSAGES.has(error.tykMessage) ? error.tykMessage : 'The Tyk Dashboard rejected the input.');
  }
  if (error instanceof TykForbiddenError) return new ForbiddenError();
  if (error instanceof TykUnauthorisedError) return unauthenticatedUpstream();
  if (error instanceof TykUnavailableError) {
    const code = error.outcomeUnknown ? 'UPSTREAM_OUTCOME_UNKNOWN' : 'UPSTREAM_UNAVAILABLE';
    return new UpstreamError(code, UPSTREAM_MESSAGES[code]);
  }
  if (error instanceof TykContractMismatchError) return new UpstreamError('UPSTREAM_BAD_RESPONSE', UPSTREAM_MESSAGES.UPSTREAM_BAD_RESPONSE);
  if (error instanceof TykServerError) return new UpstreamError('UPSTREAM_ERROR', UPSTREAM_MESSAGES.UPSTREAM_ERROR);
  return new UpstreamError('UPSTREAM_ERROR', UPSTREAM_MESSAGES.UPSTREAM_ERROR);
}

function unauthenticatedUpstream(): GraphQLError {
  return new GraphQLError('The Tyk Dashboard rejected the credential sent in the Authorization header.', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}

/**
 * For query fields: the GraphQLError a client sees for a failure (stable `extensions.code`, no
 * upstream body, no credential), or undefined when the error is unexpected and must be masked.
 */
export function toClientGraphQLError(error: unknown): GraphQLError | undefined {
  const mapped = toGatewayError(error);
  if (mapped instanceof GraphQLError) return mapped;
  // A read that Tyk refused is not the caller's input error: the query itself was the gateway's.
  if (error instanceof TykBadRequestError) {
    return new GraphQLError('The Tyk Dashboard refused the request.', { extensions: { code: 'UPSTREAM_REJECTED' } });
  }
  if (mapped instanceof NotFoundError || mapped instanceof ValidationError || mapped instanceof ForbiddenError || mapped instanceof UpstreamError) {
    const code = mapped instanceof ValidationError ? 'BAD_USER_INPUT' : mapped.code;
    return new GraphQLError(mapped.message, { extensions: { code } });
  }
  return undefined;
}

/**
 * A new error at the same place as `error` (response path and document locations) with another
 * message and extensions, and without its original error. graphql-js errors know their place by
 * AST nodes or source positions, which is what Yoga keeps when it serialises; graphql-jit's carry
 * only computed line/column locations, which are turned back into positions in `source` (the
 * operation's document) so that both executors answer the same `locations`.
 */
export function errorInPlaceOf(error: GraphQLError, message: string, extensions: GraphQLError['extensions'], source?: Source): GraphQLError {
  const placed = error.nodes !== undefined || error.positions !== undefined || error.locations === undefined || source === undefined;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: placed ? error.source : source,
    positions: placed ? error.positions : positionsIn(source, error.locations!),
    path: error.path,
    extensions,
  });
}

/** Character offsets in `source` of line/column locations (the inverse of graphql's getLocation). */
function positionsIn(source: Source, locations: readonly SourceLocation[]): number[] {
  const lineStarts = [0];
  for (const match of source.body.matchAll(/\r\n|[\n\r]/g)) lineStarts.push(match.index + match[0].length);
  return locations.map(({ line, column }) => (lineStarts[line - source.locationOffset.line] ?? 0) + column - 1);
}
