/**
 * Builds the portal with Vite's API (the same as `vite build` in examples/portal), into `outDir`.
 * Used by `npm run portal` and by the browser test, so both serve what a deployment would.
 */
import { fileURLToPath } from 'node:url';

/** examples/portal, where vite.config.ts and index.html are. */
export const PORTAL_DIR = fileURLToPath(new URL('..', import.meta.url));
/** The trusted documents manifest codegen writes for the portal's operations. */
export const PORTAL_MANIFEST = fileURLToPath(new URL('../src/gql/persisted-documents.json', import.meta.url));

export async function buildPortal(outDir: string): Promise<void> {
  // Loaded on use: Vite is a build tool, and importing this module should not pay for it.
  const { build } = await import('vite');
  await build({ root: PORTAL_DIR, configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}
