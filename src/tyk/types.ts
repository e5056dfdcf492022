/**
 * The public surface of the Tyk Dashboard client. The gateway codes against this interface only;
 * `createTykClient` (src/tyk/client.ts) implements it over undici.
 *
 * Conventions:
 * - Every method takes an optional `CallOptions` last; `signal` aborts the call.
 * - Reads throw `TykNotFoundError` on 404; the loaders turn that into `null`.
 * - `list…` methods read one page (`page`), or everything with `p=-1` buffered whole (held to the
 *   body cap: fine for small lists such as policies). `stream…` methods read everything with `p=-1`
 *   item by item as the body arrives, so lists that grow with the organisation (developers, key
 *   requests) never meet the body cap and never sit in memory as one body.
 * - Returned objects are the normalised wire shapes from ./wire.ts (snake_case, `id` always set).
 * - Every failure is a rejected promise carrying one TykError (./errors.ts) with a stable `code`;
 *   an argument that could not be a valid id rejects with TYK_INVALID_INPUT before any request.
 */
import type { UsageResolution } from './contract.js';
import type { TykErrorCode } from './errors.js';
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
  TykOAuthClientWrite,
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
  /** Free text (Tyk matches the policy name). */
  q?: string;
  /** ObjectIds; checked locally before the call. */
  policyIds?: string[];
  /** true → active policies only; omitted/false → all. */
  active?: boolean;
  /** `active`, `draft` or `deny`. */
  state?: string;
  /** Tyk's sort expression, e.g. `name` or `-date_created`. */
  sort?: string;
  apiId?: string;
  authType?: string;
}

export interface KeyLookup extends CallOptions {
  /** true (default): `keyId` is the key's hash (`hashed=1`); false: the raw key. */
  hashed?: boolean;
  /** Read through `/api/apis/{apiId}/keys/{id}` instead of `/api/keys/{id}`; default none. */
  apiId?: string;
}

export interface TykClient {
  /** Origin of the Dashboard this client talks to (no credential). */
  readonly baseUrl: string;

  // developers (§2)
  listDevelopers(options?: PageOptions): Promise<TykPage<TykDeveloper>>;
  /** Every developer (`p=-1`), handed to `onDeveloper` one at a time as the body arrives; resolves to how many. */
  streamDevelopers(onDeveloper: (developer: TykDeveloper, index: number) => void, options?: CallOptions): Promise<number>;
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
  /** Every key request (`p=-1`; `approved` as in listKeyRequests), handed over one at a time as the body arrives; resolves to how many. */
  streamKeyRequests(onRequest: (request: TykKeyRequest, index: number) => void, options?: CallOptions & { approved?: boolean }): Promise<number>;
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
  getKey(keyId: string, options?: KeyLookup): Promise<TykKeyData>;

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
  /** Registers an OAuth client for an API; returns it with its generated `client_id` and `secret`. */
  createOAuthClient(apiId: string, client: TykOAuthClientWrite, options?: CallOptions): Promise<TykOAuthClient>;
  getOAuthClient(apiId: string, clientId: string, options?: CallOptions): Promise<TykOAuthClient>;
  deleteOAuthClient(apiId: string, clientId: string, options?: CallOptions): Promise<void>;
  listOAuthClientTokens(apiId: string, clientId: string, options?: CallOptions): Promise<TykOAuthToken[]>;
  revokeOAuthToken(clientId: string, token: string, tokenTypeHint: 'access_token' | 'refresh_token', options?: CallOptions): Promise<void>;
  revokeAllOAuthTokens(clientId: string, clientSecret: string, options?: CallOptions): Promise<void>;
}

/** What `onAttempt` is told about one HTTP attempt. */
export interface TykAttempt {
  method: string;
  /** Route template, e.g. `GET /api/portal/developers/:id` (the embedded Dashboard's route name). */
  route: string;
  /** HTTP status; undefined when no answer arrived. */
  status: number | undefined;
  durationMs: number;
  /** 1 for the first attempt of a call, 2 and 3 for retries. */
  attempt: number;
  /** The failure's code when this attempt failed; undefined on success. */
  error: TykErrorCode | undefined;
}

/** What `onAttemptStart` hands back for one attempt. */
export interface AttemptObserver {
  /** Extra request headers for this attempt. */
  headers?: Record<string, string>;
  /** Called once the attempt is over. */
  end?: (attempt: TykAttempt) => void;
}

export interface TykClientOptions {
  /** Dashboard origin, e.g. `http://localhost:3000` (a path is ignored). */
  baseUrl: string;
  /** Dashboard API access credential, sent raw in `authorization` (no `Bearer `). */
  credential: string;
  /** Connect timeout per attempt (shared pool only); default 2 000 ms. */
  connectTimeoutMs?: number;
  /** Time to response headers per attempt; default 10 000 ms. */
  headersTimeoutMs?: number;
  /** Longest pause between two body chunks per attempt; default 10 000 ms. */
  bodyTimeoutMs?: number;
  /** Extra GET attempts on 502/503/504 or a connection failure before an answer; default 2 (max 2). */
  maxRetries?: number;
  /** Base delay before the first retry, doubled for the next, ±50 % jitter; default 100 ms. */
  retryDelayMs?: number;
  /** Connections the shared pool keeps open to the origin; default 256. */
  maxConnections?: number;
  /** Largest response body accepted, and largest item of a streamed list; default 5 MiB (5 242 880 bytes). */
  maxResponseBytes?: number;
  /** Largest streamed list body (`streamDevelopers`, `streamKeyRequests`), a guard only; default 1 GiB. */
  maxListBytes?: number;
  /** undici dispatcher to use instead of the shared per-origin pool (tests: MockAgent); default none. */
  dispatcher?: import('undici').Dispatcher;
  /** Called after every HTTP attempt (for metrics and tests); an exception it throws is ignored. Default none. */
  onAttempt?: (attempt: TykAttempt) => void;
  /**
   * Called before every HTTP attempt (tracing): the headers it returns go on that attempt only
   * (e.g. `traceparent`), and `end` is told the attempt as `onAttempt` is. Exceptions are ignored;
   * `authorization`, `accept` and `content-type` cannot be replaced. Default none.
   */
  onAttemptStart?: (start: { method: string; route: string; attempt: number }) => AttemptObserver | undefined;
  /**
   * Aborts every call of this client: the gateway passes the GraphQL request's deadline and the
   * client's disconnect here, so all upstream calls of a request inherit them. Default none.
   */
  signal?: AbortSignal;
  /** Circuit breaker per origin and route group (see breaker.ts); `false` turns it off. Default on. */
  breaker?: import('./breaker.js').BreakerOptions | false;
  /** Called when a route group's breaker changes state (metrics). Default none. */
  onBreakerChange?: (group: string, state: import('./breaker.js').BreakerState) => void;
  /** Retry budget per origin (see retry-budget.ts); `false` turns it off. Default on. */
  retryBudget?: import('./retry-budget.js').RetryBudgetOptions | false;
  /** Longest Retry-After a GET waits for after a 429; default 2 000 ms. */
  maxRetryAfterMs?: number;
}
