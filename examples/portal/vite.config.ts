/**
 * Vite build of the portal. In development (`npm run dev -w examples/portal`) the GraphQL endpoint,
 * its WebSocket included, is proxied to a gateway started with `npm start`
 * (PORTAL_GRAPH_URL, default http://127.0.0.1:4000), so the browser talks to one origin as in
 * production, where server/portal-server.ts does the same.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const gateway = process.env['PORTAL_GRAPH_URL'] ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  build: { sourcemap: true, chunkSizeWarningLimit: 1024 },
  server: { proxy: { '/graphql': { target: gateway, ws: true } } },
});
