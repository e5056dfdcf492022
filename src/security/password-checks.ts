/**
 * The mutation fields that check a password or a reset token, or send a reset email, found wherever an
 * operation writes them (src/security/root-fields.ts), and the validation rule that caps how many
 * one operation may hold. Validation runs before any field, on HTTP, SSE and graphql-ws alike, so an
 * operation over the cap checks nothing and writes nothing.
 */
import { GraphQLError, Kind, type ASTVisitor, type DocumentNode, type FieldNode, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import { rootFields } from './root-fields.js';

/**
 * The credential fields: what each checks (`password`: a password; `reset-request`: sends a reset
 * email; `reset`: a reset token) and the argument naming the account it is about (`email`, a
 * developer `id`, or none). `setDeveloperPassword` checks the current password only when
 * `currentPassword` is given.
 */
export const PASSWORD_CHECK_FIELDS: Readonly<Record<string, { kind: 'password' | 'reset-request' | 'reset'; account: 'email' | 'id' | null }>> = {
  login: { kind: 'password', account: 'email' },
  verifyDeveloperCredentials: { kind: 'password', account: 'email' },
  setDeveloperPassword: { kind: 'password', account: 'id' },
  requestPasswordReset: { kind: 'reset-request', account: 'email' },
  resetPassword: { kind: 'reset', account: null },
};

/** Most password checks one operation may hold, by default. */
export const DEFAULT_MAX_PASSWORD_CHECKS = 1;

function isPasswordCheck(field: FieldNode): boolean {
  const name = field.name.value;
  if (!(name in PASSWORD_CHECK_FIELDS)) return false;
  if (name === 'setDeveloperPassword') return (field.arguments ?? []).some((a) => a.name.value === 'currentPassword');
  return true;
}

/** The password-checking root fields of a mutation operation (none for queries and subscriptions). */
export function passwordCheckFields(document: DocumentNode, operation: OperationDefinitionNode): FieldNode[] {
  if (operation.operation !== 'mutation') return [];
  return rootFields(document, operation).filter(isPasswordCheck);
}

/** A validation rule: no mutation operation of the document may hold more than `max` password checks. */
export function passwordCheckLimitRule(max: number = DEFAULT_MAX_PASSWORD_CHECKS): ValidationRule {
  return (context) =>
    ({
      Document(document) {
        for (const definition of document.definitions) {
          if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
          const checks = passwordCheckFields(document, definition);
          if (checks.length <= max) continue;
          context.reportError(
            new GraphQLError(`An operation may check at most ${max} password${max === 1 ? '' : 's'}; this one has ${checks.length}. Send them as separate requests.`, {
              nodes: checks,
              extensions: { code: 'TOO_MANY_PASSWORD_CHECKS', http: { status: 400 } },
            }),
          );
        }
        return false; // nothing below the document needs visiting
      },
    }) satisfies ASTVisitor;
}
