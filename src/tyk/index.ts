/**
 * The Tyk Dashboard client: the only code that speaks HTTP to the Dashboard.
 * `createTykClient(options)` → TykClient; `closeTykPools()` at shutdown.
 */
export { createTykClient, closeTykPools } from './client.js';
export { TYK_CLIENT_DEFAULTS } from './http.js';
export * from './errors.js';
export * from './contract.js';
export * from './types.js';
export * from './wire.js';
export type { Endpoint, Method, RouteTemplate } from './path.js';
