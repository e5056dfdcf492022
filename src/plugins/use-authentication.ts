/**
 * Refuses, before anything executes and without an upstream call, an operation its principal can
 * never run (one error, HTTP 401):
 * - a session token that is expired (`SESSION_EXPIRED`), forged or unreadable (`UNAUTHENTICATED`);
 * - a developer session that was logged out or issued before the developer's last password change
 *   (`SESSION_EXPIRED`; this reads the developer through the request's loader, the read its auth
 *   scopes make anyway, and the logged-out sessions);
 * - an anonymous caller asking for anything but the public root fields (`catalogue`, `login`,
 *   `portalConfiguration`, `requestPasswordReset`, `resetPassword`, `signup`, `viewer`), or for
 *   anything at all when developer sessions are not configured.
 * Introspection alone needs no credential, so GraphiQL and codegen can read the schema.
 * Everything finer (which developer may see which object) is the schema's auth scopes' job.
 */
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { sessionHolds } from '../domain/sessions.js';
import { sessionExpired, unauthenticated } from '../errors.js';
import type { Principal } from '../principal.js';

const INTROSPECTION_FIELDS = new Set(['__typename', '__schema', '__type']);
/** Root fields an anonymous caller may ask for when developer sessions are on. */
export const PUBLIC_ROOT_FIELDS = new Set(['catalogue', 'login', 'portalConfiguration', 'requestPasswordReset', 'resetPassword', 'signup', 'viewer']);

function rootFieldNames(operation: OperationDefinitionNode): string[] | undefined {
  const names: string[] = [];
  for (const selection of operation.selectionSet.selections) {
    // Fragments at the root are rare; judging them would mean resolving them: treat as not public.
    if (selection.kind !== Kind.FIELD) return undefined;
    names.push(selection.name.value);
  }
  return names;
}

function allowed(operation: OperationDefinitionNode | undefined, fields: ReadonlySet<string>): boolean {
  const names = operation ? rootFieldNames(operation) : undefined;
  return names !== undefined && names.every((name) => INTROSPECTION_FIELDS.has(name) || fields.has(name));
}

const NONE = new Set<string>();

function refusal(principal: Principal, sessionsOn: boolean, operation: OperationDefinitionNode | undefined): GraphQLError | undefined {
  if (principal.kind === 'rejected') {
    if (principal.reason === 'expired') return sessionExpired();
    return new GraphQLError('The session token is not valid; log in again.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
  if (principal.kind === 'anonymous' && !allowed(operation, sessionsOn ? PUBLIC_ROOT_FIELDS : NONE)) return unauthenticated();
  return undefined;
}

export function useAuthentication(): Plugin<GatewayContext> {
  const check = (args: { contextValue: unknown; document: { definitions: readonly unknown[] }; operationName?: string | null | undefined }) => {
    const ctx = args.contextValue as GatewayContext;
    const operations = args.document.definitions.filter(
      (d): d is OperationDefinitionNode => (d as { kind: string }).kind === Kind.OPERATION_DEFINITION,
    );
    const operation = args.operationName ? operations.find((o) => o.name?.value === args.operationName) : operations[0];
    return refusal(ctx.principal, ctx.sessions !== undefined, operation);
  };
  /** The refusal of an operation, the live-session check included (async: it may read the developer). */
  const refuse = async (args: Parameters<typeof check>[0]) => {
    const error = check(args);
    if (error) return error;
    const ctx = args.contextValue as GatewayContext;
    return (await sessionHolds(ctx)) ? undefined : sessionExpired();
  };
  return {
    onExecute: async ({ args, setResultAndStopExecution }) => {
      const error = await refuse(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe: async ({ args, setResultAndStopExecution }) => {
      const error = await refuse(args);
      // Over a WebSocket there is no HTTP status to set: send the error without the `http` hint.
      if (error) setResultAndStopExecution({ errors: [new GraphQLError(error.message, { extensions: { code: error.extensions['code'] } })] });
    },
  };
}
