/**
 * The public surface of the Tyk Dashboard client. The gateway codes against this interface only;
 * `createTykClient` (src/tyk/client.ts) implements it over undici.
 *
 * Conventions:
 * - Every method takes an optional `CallOptions` last; `signal` aborts the call.
 * - Reads throw `TykNotFoundError` on 404; the loaders turn that into `null`.
 * - Lists are fetched with `p=-1` (everything) unless `page` is given: portal lists are small and
 *   one call beats walking pages of 10.
 * - Returned objects are the normalised wire shapes from ./wire.ts (snake_case, `id` always set).
 */
import type { UsageResolution } from './contract.js';
import type {
  TykAddKeyWrite,
  TykCatalogue,
  TykDeveloper,
  TykDeveloperWrite,
  TykIssuedCredential,
  TykKeyData,
  TykKeyRequest,
  TykKeyRequestWrite,
  TykOAuthClient,
  TykOAuthToken,
  TykPage,
  TykPolicy,
  TykPortalConfiguration,
  TykUsageRow,
} from './wire.js';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface PageOptions extends CallOptions {
  /** Tyk page number; omitted → every item (`p=-1`). */
  page?: number;
}

export interface UsageQuery extends CallOptions {
  from: Date;
  to: Date;
  resolution: UsageResolution;
  /** Restrict to one API (Tyk's `api_id` filter). */
  apiId?: string;
}

export interface PolicySearch extends PageOptions {
  q?: string;
  policyIds?: string[];
  active?: boolean;
  apiId?: string;
  authType?: string;
}

export interface TykClient {
  /** Origin of the Dashboard this client talks to (no credential). */
  readonly baseUrl: string;

  // developers (§2)
  listDevelopers(options?: PageOptions): Promise<TykPage<TykDeveloper>>;
  getDeveloper(id: string, options?: CallOptions): Promise<TykDeveloper>;
  getDeveloperByEmail(email: string, options?: CallOptions): Promise<TykDeveloper>;
  getDeveloperBySsoKey(ssoKey: string, options?: CallOptions): Promise<TykDeveloper>;
  /** Returns the new developer id (Tyk's `Message`). */
  createDeveloper(developer: TykDeveloperWrite, options?: CallOptions): Promise<string>;
  /** Full replace: Tyk has no PATCH, omitted fields are lost. */
  updateDeveloper(id: string, developer: TykDeveloperWrite, options?: CallOptions): Promise<void>;
  deleteDeveloper(id: string, options?: CallOptions): Promise<void>;
  /** true on 200, false on 401. */
  verifyDeveloperCredentials(email: string, password: string, options?: CallOptions): Promise<boolean>;
  setDeveloperPassword(id: string, password: string, options?: CallOptions): Promise<void>;

  // developer keys (§3)
  addDeveloperKey(developerId: string, body: TykAddKeyWrite, options?: CallOptions): Promise<TykIssuedCredential>;
  changeDeveloperKeyPolicies(developerId: string, keyId: string, policyIds: string[], options?: CallOptions): Promise<void>;
  revokeDeveloperKey(developerId: string, keyId: string, options?: CallOptions): Promise<void>;
  resetDeveloperKeyQuota(developerId: string, keyId: string, options?: CallOptions): Promise<void>;
  deleteDeveloperOAuthApp(appId: string, options?: CallOptions): Promise<void>;

  // key requests (§4)
  listKeyRequests(options?: PageOptions & { approved?: boolean }): Promise<TykPage<TykKeyRequest>>;
  getKeyRequest(id: string, options?: CallOptions): Promise<TykKeyRequest>;
  /** Returns the new request id. Always sends `approved: false` and `version: "v2"`. */
  createKeyRequest(request: TykKeyRequestWrite, options?: CallOptions): Promise<string>;
  updateKeyRequest(id: string, request: Record<string, unknown>, options?: CallOptions): Promise<void>;
  deleteKeyRequest(id: string, options?: CallOptions): Promise<void>;
  approveKeyRequest(id: string, options?: CallOptions): Promise<TykIssuedCredential>;

  // policies (§5)
  listPolicies(options?: PageOptions & { active?: boolean }): Promise<TykPage<TykPolicy>>;
  searchPolicies(search: PolicySearch): Promise<TykPage<TykPolicy>>;
  getPolicy(id: string, options?: CallOptions): Promise<TykPolicy>;

  // keys (§6)
  /** Reads a key session by its hash (`hashed=1`) or, with `hashed: false`, by the raw key. */
  getKey(keyId: string, options?: CallOptions & { hashed?: boolean }): Promise<TykKeyData>;

  // catalogue and portal configuration (§7)
  getCatalogue(options?: CallOptions): Promise<TykCatalogue>;
  createCatalogue(orgId: string, options?: CallOptions): Promise<string>;
  updateCatalogue(catalogue: TykCatalogue, options?: CallOptions): Promise<void>;
  getPortalConfiguration(options?: CallOptions): Promise<TykPortalConfiguration>;
  createPortalConfiguration(configuration: Partial<TykPortalConfiguration>, options?: CallOptions): Promise<string>;
  updatePortalConfiguration(configuration: Partial<TykPortalConfiguration>, options?: CallOptions): Promise<void>;

  // analytics (§8)
  /** Aggregate over several keys (hashes); one call whatever the number of keys. */
  getAggregateKeyUsage(keyIds: readonly string[], query: UsageQuery): Promise<TykUsageRow[]>;
  getKeyUsage(keyId: string, query: UsageQuery): Promise<TykUsageRow[]>;

  // OAuth clients (§9)
  listOAuthClients(apiId: string, options?: CallOptions): Promise<TykOAuthClient[]>;
  getOAuthClient(apiId: string, clientId: string, options?: CallOptions): Promise<TykOAuthClient>;
  deleteOAuthClient(apiId: string, clientId: string, options?: CallOptions): Promise<void>;
  listOAuthClientTokens(apiId: string, clientId: string, options?: CallOptions): Promise<TykOAuthToken[]>;
  revokeOAuthToken(clientId: string, token: string, tokenTypeHint: 'access_token' | 'refresh_token', options?: CallOptions): Promise<void>;
  revokeAllOAuthTokens(clientId: string, clientSecret: string, options?: CallOptions): Promise<void>;
}

export interface TykClientOptions {
  /** Dashboard origin, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** Dashboard API access credential, sent raw in `authorization`. */
  credential: string;
  /** Connect timeout per attempt; default 2 000 ms. */
  connectTimeoutMs?: number;
  /** Time to response headers per attempt; default 10 000 ms. */
  headersTimeoutMs?: number;
  /** Time to full body per attempt; default 10 000 ms. */
  bodyTimeoutMs?: number;
  /** Extra GET attempts on 502/503/504 or a connection failure before sending; default 2 (max 2). */
  maxRetries?: number;
  /** Connections the shared pool keeps open to the origin; default 256. */
  maxConnections?: number;
  /** Largest response body accepted; default 5 MiB. */
  maxResponseBytes?: number;
  /** undici dispatcher to use instead of the shared per-origin pool (tests: MockAgent). */
  dispatcher?: import('undici').Dispatcher;
  /** Called after every HTTP attempt (for metrics and tests); must not throw. */
  onAttempt?: (attempt: { method: string; route: string; status: number | undefined; durationMs: number }) => void;
}
