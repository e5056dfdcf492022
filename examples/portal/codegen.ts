/**
 * Typed documents for the portal: the client preset reads the gateway's committed `schema.graphql`
 * (as a frontend repository would, from a copy or a URL) and every `graphql(...)` call under src/,
 * and writes src/gql/ with the trusted documents manifest (`persisted-documents.json`) that the
 * gateway loads with PORTAL_GRAPH_TRUSTED_DOCUMENTS. Run with `npm run codegen -w examples/portal`.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
