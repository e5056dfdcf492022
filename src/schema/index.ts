/**
 * Builds the schema: each import below registers one type with its root fields.
 */
import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './error.js';
import './custom-field.js';
import './usage-bucket.js';
import './policy.js';
import './catalogue-entry.js';
import './key.js';
import './developer.js';
import './oauth-client.js';
import './key-request.js';
import './portal-configuration.js';
import './key-event.js';
import './usage-summary.js';
import './developer-profile.js';
import './session.js';
import './password.js';

export const schema = builder.toSchema({ sortSchema: false });

/** The SDL committed as schema.graphql (sorted, so diffs stay small). */
export function printSchemaSdl(): string {
  return printSchema(lexicographicSortSchema(schema));
}
