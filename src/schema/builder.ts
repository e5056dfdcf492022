/**
 * Creates the Pothos builder and turns its plugins on; nothing else lives here.
 */
import SchemaBuilder, { type ArgBuilder } from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { GatewayContext } from '../context.js';
import { authScopesFor, notPermitted, type AuthScopes } from './auth.js';

export interface BuilderTypes {
  Context: GatewayContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
  AuthScopes: AuthScopes;
}

export const builder = new SchemaBuilder<BuilderTypes>({
  // Pothos wraps resolvers with the first plugin outermost. The errors plugin goes around scope auth,
  // so a refused mutation field answers its ForbiddenError union member in its own place (the
  // mutations before and after it keep their results); scope auth still runs before any resolver.
  plugins: [ErrorsPlugin, ScopeAuthPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: authScopesFor,
    authorizeOnSubscribe: true,
    unauthorizedError: (_parent, context, info) => notPermitted(context, info.parentType.name === 'Mutation'),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Descriptions for the Relay types and arguments the plugin generates.
    pageInfoTypeOptions: { description: 'Where a page sits in a paginated list.' },
    pageInfoFieldOptions: { description: 'Position of this page in the whole list.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of the page; pass it as `after` for the next page.' },
    edgesFieldOptions: { description: 'The items of this page with their cursors.' },
    nodeFieldOptions: { description: 'The item.' },
    cursorFieldOptions: { description: 'Opaque cursor of this item.' },
    firstArgOptions: { description: 'Page size from the start or from `after` (at most 100; default 20).' },
    afterArgOptions: { description: 'Return items after this cursor.' },
    lastArgOptions: { description: 'Page size from the end or from `before` (at most 100).' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
  },
  errors: { directResult: true },
});

builder.queryType({ description: 'Read access to the Tyk developer portal of the caller’s organisation.' });
builder.mutationType({ description: 'Writes to the Tyk developer portal; each returns a success payload or a typed error.' });

/** The `t.arg` builder of this schema, for helpers that add the same arguments to several fields. */
export type SchemaArgBuilder = ArgBuilder<PothosSchemaTypes.ExtendDefaultTypes<BuilderTypes>>;

/** The `t` of this schema's input types, for helpers that add the same fields to several inputs. */
export type SchemaInputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<BuilderTypes>, 'InputObject'>;
