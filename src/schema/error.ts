/**
 * Typed errors that mutations return as union members, and `runMutation`, which turns any upstream
 * failure into one of them.
 */
import { ConcurrentChangeError, ForbiddenError, InvalidCredentialsError, NotFoundError, toGatewayError, UpstreamError, ValidationError } from '../errors.js';
import { builder } from './builder.js';

export const ErrorInterface = builder.interfaceRef<Error & { code: string }>('Error').implement({
  description: 'A failure a client is expected to handle.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'Human-readable explanation; safe to show to an operator.' }),
    code: t.exposeString('code', { description: 'Stable machine-readable code, the same as `extensions.code` in GraphQL errors.' }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The object addressed by the mutation does not exist in the caller’s organisation.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
  fields: (t) => ({
    resource: t.exposeString('resource', { description: 'Kind of object that was not found, e.g. `Developer`.' }),
    id: t.exposeString('id', { description: 'The identifier that was looked up.' }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input was rejected, by the gateway before any upstream call or by Tyk with its reason.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ValidationError,
  fields: (t) => ({
    field: t.string({
      nullable: true,
      description: 'Input path of the offending value (e.g. `input.email`), when one is to blame.',
      resolve: (error) => error.field ?? null,
    }),
  }),
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: 'The caller may not perform this action (the Dashboard credential lacks the permission, or the portal’s settings forbid it).',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ForbiddenError,
  fields: () => ({}),
});

builder.objectType(UpstreamError, {
  name: 'UpstreamError',
  description:
    'The Tyk Dashboard failed, timed out or answered unreadably. With `UPSTREAM_OUTCOME_UNKNOWN` the write may have happened: re-read before retrying.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof UpstreamError,
  fields: () => ({}),
});

builder.objectType(InvalidCredentialsError, {
  name: 'InvalidCredentialsError',
  description: 'The email and password do not match a developer (an unknown email gets the same answer).',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidCredentialsError,
  fields: () => ({}),
});

builder.objectType(ConcurrentChangeError, {
  name: 'ConcurrentChangeError',
  description:
    'The object (catalogue, portal configuration) kept changing while this change was being merged onto it, or another write held it too long: nothing was written. Re-read and retry.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ConcurrentChangeError,
  fields: () => ({}),
});

/** The error types every mutation result union carries. */
export const MUTATION_ERRORS = [NotFoundError, ValidationError, ForbiddenError, UpstreamError];

/**
 * Runs a mutation body and rethrows upstream failures as the typed errors above, so the errors
 * plugin returns them as union members. `subject` names the object for NOT_FOUND answers.
 */
export async function runMutation<T>(body: () => Promise<T>, subject?: { resource: string; id: string }): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw toGatewayError(error, subject);
  }
}
