/**
 * Creates the Pothos builder and turns its plugins on; nothing else lives here.
 */
import SchemaBuilder, { type ArgBuilder } from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import type { GatewayContext } from '../context.js';

export interface BuilderTypes {
  Context: GatewayContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
}

export const builder = new SchemaBuilder<BuilderTypes>({
  plugins: [ErrorsPlugin, RelayPlugin],
  defaultFieldNullability: false,
  relay: { clientMutationId: 'omit', cursorType: 'String' },
  errors: { directResult: true },
});

builder.queryType({ description: 'Read access to the Tyk developer portal of the caller’s organisation.' });
builder.mutationType({ description: 'Writes to the Tyk developer portal; each returns a success payload or a typed error.' });

/** The `t.arg` builder of this schema, for helpers that add the same arguments to several fields. */
export type SchemaArgBuilder = ArgBuilder<PothosSchemaTypes.ExtendDefaultTypes<BuilderTypes>>;
