/**
 * Errors as people read them. Mutations answer a union of a payload and typed errors
 * (`ValidationError`, `ForbiddenError`, `NotFoundError`, `UpstreamError`, `InvalidCredentialsError`, …);
 * transport and query failures arrive as urql's CombinedError with `extensions.code`. Both become
 * one `Problem`: a sentence to show and, for validation errors, the form field to show it next to.
 */
import type { CombinedError } from '@urql/core';

export interface Problem {
  message: string;
  /** The input the gateway blamed (`input.email` → `email`), when one is to blame. */
  field?: string;
}

/** A member of a mutation's error union, as the portal's documents select it. */
export interface TypedError {
  __typename: string;
  code: string;
  message: string;
  field?: string | null;
}

const UNAVAILABLE = 'The portal cannot reach the API platform right now. Please try again in a moment.';

/** Sentences for codes whose gateway message is written for operators rather than developers. */
const BY_CODE: Record<string, string> = {
  INVALID_CREDENTIALS: 'That email and password do not match an account.',
  UNAUTHENTICATED: 'Please log in to continue.',
  SESSION_EXPIRED: 'Your session has ended. Please log in again.',
  UPSTREAM_UNAVAILABLE: UNAVAILABLE,
  UPSTREAM_ERROR: UNAVAILABLE,
  UPSTREAM_BAD_RESPONSE: UNAVAILABLE,
  UPSTREAM_OUTCOME_UNKNOWN: 'We could not confirm whether that worked. Refresh the page to check before trying again.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side. Please try again.',
  PERSISTED_QUERY_NOT_FOUND: 'This page is out of date. Reload it to continue.',
  PERSISTED_QUERY_ONLY: 'This page is out of date. Reload it to continue.',
};

/** The form field a gateway input path names: `input.fields[0].value` → `fields`, `input.email` → `email`. */
function fieldOf(path: string | null | undefined): string | undefined {
  if (!path) return undefined;
  const parts = path.replace(/\[\d+\].*$/, '').split('.');
  return parts[parts.length - 1] || undefined;
}

/** The union member of a mutation result turned into a Problem. */
export function problemOf(error: TypedError): Problem {
  const message = BY_CODE[error.code] ?? error.message;
  const field = error.__typename === 'ValidationError' ? fieldOf(error.field) : undefined;
  return field ? { message, field } : { message };
}

/** A transport or query error turned into a Problem. */
export function problemOfCombined(error: CombinedError): Problem {
  if (error.networkError) return { message: 'The portal could not reach the server. Check your connection and try again.' };
  const first = error.graphQLErrors[0];
  const code = first?.extensions?.['code'];
  if (code === 'RATE_LIMITED') {
    const seconds = Number(first?.extensions?.['retryAfterSeconds']);
    const wait = Number.isFinite(seconds) && seconds > 0 ? ` Try again in ${seconds < 90 ? `${Math.ceil(seconds)} seconds` : `${Math.ceil(seconds / 60)} minutes`}.` : ' Try again later.';
    return { message: `Too many attempts.${wait}` };
  }
  if (typeof code === 'string' && BY_CODE[code]) return { message: BY_CODE[code] };
  if (code === 'FORBIDDEN') return { message: 'You do not have access to this.' };
  return { message: 'Something went wrong. Please try again.' };
}

/** A mutation result whose union member is an error (it has a `code`). */
export function isTypedError(value: { __typename: string } | null | undefined): value is TypedError {
  return !!value && 'code' in value && typeof (value as { code?: unknown }).code === 'string';
}

/** What the login page says after the gateway refused the session token. */
export function messageForSessionEnd(code: string): string {
  return code === 'SESSION_EXPIRED' ? 'Your session has expired. Please log in again.' : 'Your session is no longer valid. Please log in again.';
}
