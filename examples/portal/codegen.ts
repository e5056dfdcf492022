/**
 * Typed documents for the portal: the client preset reads the gateway's committed `schema.graphql`
 * (as a frontend repository would, from a copy or a URL) and every `graphql(...)` call under src/,
 * and writes src/gql/ with the trusted documents manifest (`persisted-documents.json`) that the
 * gateway loads with PORTAL_GRAPH_TRUSTED_DOCUMENTS. Run with `npm run codegen -w examples/portal`.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
// The preset module itself, not its name: the CLI resolves a name from its own folder, where an
// older client preset may sit, when codegen runs through its API (the test that keeps src/gql fresh).
import { preset as clientPreset } from '@graphql-codegen/client-preset';
import type { Types } from '@graphql-codegen/plugin-helpers';

const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      // Typed against the CLI's own copy of plugin-helpers, an older one than the preset's.
      preset: clientPreset as unknown as Types.OutputPreset,
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
