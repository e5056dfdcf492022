/**
 * Builds the portal (`vite build` in examples/portal) into `outDir`, in a child process with
 * NODE_ENV=production, so the bundle is the production one whatever the caller's environment (a
 * test runner sets NODE_ENV=test). Used by `npm run portal` and by the browser test, so both serve
 * what a deployment would.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** examples/portal, where vite.config.ts and index.html are. */
export const PORTAL_DIR = fileURLToPath(new URL('..', import.meta.url));
/** The trusted documents manifest codegen writes for the portal's operations. */
export const PORTAL_MANIFEST = fileURLToPath(new URL('../src/gql/persisted-documents.json', import.meta.url));

const VITE = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');

export function buildPortal(outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
      { cwd: PORTAL_DIR, env: { ...process.env, NODE_ENV: 'production' }, maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => (error ? reject(new Error(`vite build failed: ${stderr || error.message}`)) : resolve()),
    );
  });
}
