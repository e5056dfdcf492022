/**
 * Input id checks done before any upstream call: a malformed id is answered with a clear error and
 * costs no request.
 */
import { badUserInput, ValidationError } from '../errors.js';
import { OBJECT_ID } from '../tyk/contract.js';

// Dots are allowed inside ids, but an id of dots alone would be a `.`/`..` path segment.
const KEY_ID = /^(?!\.+$)[A-Za-z0-9._=-]{1,256}$/;
const CLIENT_ID = /^(?!\.+$)[A-Za-z0-9._-]{1,128}$/;

type IdKind = 'object' | 'key' | 'client';
const PATTERNS: Record<IdKind, { pattern: RegExp; expected: string }> = {
  object: { pattern: OBJECT_ID, expected: 'a Tyk object id (24 lower-case hex characters)' },
  key: { pattern: KEY_ID, expected: 'a key id (the key hash shown in developer.keys)' },
  client: { pattern: CLIENT_ID, expected: 'an OAuth client id' },
};

/** For query arguments: returns the id or throws BAD_USER_INPUT naming the argument. */
export function queryId(id: string | number, argument: string, kind: IdKind = 'object'): string {
  const value = String(id);
  if (!PATTERNS[kind].pattern.test(value)) throw badUserInput(`${argument} must be ${PATTERNS[kind].expected}.`, argument);
  return value;
}

/** For mutation inputs: returns the id or throws a ValidationError (a union member) naming the field. */
export function inputId(id: string | number, field: string, kind: IdKind = 'object'): string {
  const value = String(id);
  if (!PATTERNS[kind].pattern.test(value)) throw new ValidationError(`${field} must be ${PATTERNS[kind].expected}.`, field);
  return value;
}
