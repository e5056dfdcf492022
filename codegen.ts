/**
 * GraphQL codegen: writes the committed `schema.graphql` from the Pothos schema, and typed documents
 * for the operations under test/operations and examples/ (frontends copy this setup).
 * Run with `npm run codegen`.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchemaSdl } from './src/schema/index.js';

const sdl = printSchemaSdl();

const config: CodegenConfig = {
  schema: sdl,
  documents: ['test/operations/**/*.graphql', 'examples/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'schema.graphql': {
      plugins: ['schema-ast'],
      config: { includeDirectives: false, sort: true },
    },
    'test/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      config: {
        emitLegacyCommonJSImports: false,
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
