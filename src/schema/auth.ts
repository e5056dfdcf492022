/**
 * The auth scopes of the schema (Pothos scope-auth) and what each means:
 * - `operator`: a Dashboard credential; everything of its organisation.
 * - `developer`: a valid session of a developer that still exists and is active.
 * - `self(developerId)`: that developer, and no other.
 * - `public`: anyone, anonymous callers included.
 * Fields declare the scopes they need; types whose objects belong to a developer (Developer, Key,
 * KeyRequest, OAuthClient) also check ownership, so no path through the graph reaches another
 * developer's data.
 */
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';
import { ForbiddenError } from '../errors.js';
import type { TykDeveloper } from '../tyk/wire.js';

export interface AuthScopes {
  operator: boolean;
  developer: boolean;
  self: string;
  public: boolean;
}

/**
 * The calling developer, read once per request through the loader (the same call `viewer` makes);
 * null for other principals and for developers that were deleted or deactivated since login.
 */
export async function activeDeveloper(ctx: GatewayContext): Promise<TykDeveloper | null> {
  if (ctx.principal.kind !== 'developer') return null;
  const developer = await ctx.loaders.developerById.load(ctx.principal.developerId);
  return developer && !developer.inactive ? developer : null;
}

/** Whether the caller is the developer with this id (and that developer is active). */
export async function isSelf(ctx: GatewayContext, developerId: string | undefined): Promise<boolean> {
  if (ctx.principal.kind !== 'developer' || !developerId || developerId !== ctx.principal.developerId) return false;
  return (await activeDeveloper(ctx)) !== null;
}

export function authScopesFor(ctx: GatewayContext) {
  return {
    operator: ctx.principal.kind === 'operator',
    developer: async () => (await activeDeveloper(ctx)) !== null,
    self: (developerId: string) => isSelf(ctx, developerId),
    public: true,
  };
}

/**
 * The error of a field the caller may not reach: UNAUTHENTICATED for anonymous callers, FORBIDDEN
 * otherwise; for a mutation field, a ForbiddenError, which its result union answers in its place.
 */
export function notPermitted(ctx: GatewayContext, mutation = false): GraphQLError | ForbiddenError {
  if (mutation && ctx.principal.kind !== 'anonymous') return new ForbiddenError('The caller is not permitted to run this mutation.');
  if (ctx.principal.kind === 'anonymous') {
    return new GraphQLError('Log in, or send a Tyk Dashboard API credential, to see this.', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return new GraphQLError('The caller is not permitted to see or do this.', { extensions: { code: 'FORBIDDEN' } });
}
