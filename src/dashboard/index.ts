/**
 * createEmbeddedDashboard: a Tyk Dashboard (Classic portal API) served in-process over real HTTP,
 * with in-memory state, demo data and the knobs tests and benchmarks need (latency, faults, a
 * request log).
 *
 * Route templates in the request log (tests count upstream calls by them):
 *   GET|POST /api/portal/developers, GET|PUT|DELETE /api/portal/developers/:id,
 *   GET /api/portal/developers/email/:email, GET /api/portal/developers/ssokey/:key,
 *   POST /api/portal/developers/verify_credentials, POST /api/portal/developers/password/:id,
 *   POST /api/portal/developers/:id/keys, PUT|DELETE /api/portal/developers/:id/keys/:keyId,
 *   POST /api/portal/developers/:id/keys/:keyId/reset_quota, POST /api/portal/developers/:id/subscriptions,
 *   DELETE /api/portal/developers/oauth/:appId,
 *   GET|POST /api/portal/requests, GET|PUT|DELETE /api/portal/requests/:id, PUT /api/portal/requests/approve/:id,
 *   GET|POST /api/portal/policies, GET /api/portal/policies/search, GET|PUT|DELETE /api/portal/policies/:id,
 *   GET|PUT|DELETE /api/keys/:id and /api/apis/:apiId/keys/:id,
 *   GET|POST|PUT /api/portal/catalogue, GET|POST|PUT /api/portal/configuration,
 *   POST /api/portal/documentation, DELETE /api/portal/documentation/:id,
 *   GET /api/activity/keys/aggregate/:keys/:fromD/:fromM/:fromY/:toD/:toM/:toY,
 *   GET /api/activity/keys/:key/:fromD/:fromM/:fromY/:toD/:toM/:toY,
 *   GET|POST /api/apis/oauth/:apiId, GET|DELETE /api/apis/oauth/:apiId/:clientId,
 *   GET /api/apis/oauth/:apiId/:clientId/tokens, POST /api/apis/oauth/:clientId/revoke, POST /api/apis/oauth/:clientId/revoke_all
 * An entry's `route` is `METHOD template` (e.g. `GET /api/portal/policies/:id`), or `UNMATCHED` for a
 * path no route serves. Trailing and doubled slashes do not change the template.
 *
 * Demo data (default on): organisations `DEMO_ORGS` (Acme, Globex), each with an admin credential and a
 * read-only one; every demo developer's password is `DEMO_PASSWORD` ("demo-password").
 */
import type { AddressInfo } from 'node:net';
import { TYK_PAGE_SIZE } from '../tyk/contract.js';
import { DEMO_ORGS, loadDemoData, type DemoOrg, type DemoSize } from './demo-data.js';
import { DashboardEvents, type DashboardEvent } from './events.js';
import type { HashFunction } from './hash.js';
import { createDashboardServer, RequestLog, type AnsweredRequest, type FaultSpec, type Route } from './http.js';
import { analyticsRoutes } from './routes/analytics.js';
import { apiRoutes } from './routes/apis.js';
import { developerKeyRoutes } from './routes/developer-keys.js';
import { developerRoutes } from './routes/developers.js';
import { keyRequestRoutes } from './routes/key-requests.js';
import { keyRoutes } from './routes/keys.js';
import { oauthRoutes } from './routes/oauth.js';
import { policyRoutes } from './routes/policies.js';
import { portalRoutes } from './routes/portal.js';
import { registerOrg, type DashboardStore, type EmptyAnalytics, type OrgCredentials } from './store.js';

export { DEMO_ORGS, DEMO_PASSWORD, type DemoOrg } from './demo-data.js';
export type { AnsweredRequest, FaultSpec, RequestLogEntry } from './http.js';
export type { DashboardEvent } from './events.js';
export type { DashboardStore, EmptyAnalytics, OrgCredentials } from './store.js';

export interface DashboardOptions {
  /** Port to listen on; default 0 (any free port). */
  port?: number;
  /** Interface; default 127.0.0.1. */
  host?: string;
  /** Added to every answer, in ms; default 0. */
  latencyMs?: number;
  /** Load the demo organisations; default true. */
  demoData?: boolean;
  /** Demo data size (developers per org); default 250 for Acme and 30 for Globex. */
  demoSize?: DemoSize;
  /** The Dashboard's clock; default the real one. */
  now?: () => Date;
  /** Key hash algorithm; default murmur64 (16 hex chars). */
  hashFunction?: HashFunction;
  /** Items per list page (Tyk's `page_size`); default TYK_PAGE_SIZE (10). */
  pageSize?: number;
  /** Allow `PUT /api/keys/{hash}?hashed=1` (Tyk's `enable_update_key_by_hash`); default false. */
  enableUpdateKeyByHash?: boolean;
  /** Allow `DELETE /api/keys/{hash}?hashed=1` (Tyk's `enable_delete_key_by_hash`); default false. */
  enableDeleteKeyByHash?: boolean;
  /**
   * Key analytics with no rows (no keys, unknown keys, no traffic) answer `{"data": [], "pages": 0}`
   * (`'empty'`, the default: Tyk's reference portal sums `data` and fails on null) or `{"data": null,
   * "pages": 0}` (`'null'`, what liip's wp-tyk-dev-portal tests say a key with no traffic gets).
   */
  emptyAnalytics?: EmptyAnalytics;
  /**
   * Called with every answer a route handler produced (not injected faults), after it is sent; for
   * tests that check answers against Tyk's OpenAPI file. Default none.
   */
  onAnswer?: (answer: AnsweredRequest) => void;
}

export interface EmbeddedDashboard {
  /** `http://127.0.0.1:PORT` once started. */
  readonly url: string;
  /** The demo organisations and their credentials; empty without demo data. */
  readonly orgs: readonly DemoOrg[];
  start(): Promise<string>;
  stop(): Promise<void>;
  setLatency(ms: number): void;
  /** Adds a fault; returns a function that removes it. */
  injectFault(fault: FaultSpec): () => void;
  clearFaults(): void;
  /** Every answered request, most recent 20 000 kept (see RequestLog). */
  readonly requestLog: RequestLog;
  /** Listens to state changes (key requests submitted/approved/declined, keys issued/updated/deleted); returns an unsubscribe. */
  onEvent(listener: (event: DashboardEvent) => void): () => void;
  /**
   * Sends every event as an organisation webhook (`POST url`, body `{event, data}`), as a Tyk
   * Dashboard with `event_options` set does; undefined stops sending. Failures are ignored.
   */
  setWebhook(url: string | undefined): void;
  /** Adds an empty organisation reachable with its credentials (tests of first-time setup). */
  addOrg(org: OrgCredentials): void;
  /** The in-memory state, for tests to inspect (sessions by hash, password hashes) or arrange. */
  readonly store: DashboardStore;
  /** Every route served, as `METHOD /template` (the request log's names). */
  readonly routes: readonly string[];
}

/** Builds a Dashboard (demo data loaded unless `demoData: false`); it listens once `start()` is called. */
export function createEmbeddedDashboard(options: DashboardOptions = {}): EmbeddedDashboard {
  const store: DashboardStore = {
    orgs: new Map(),
    credentials: new Map(),
    hashFunction: options.hashFunction ?? 'murmur64',
    now: options.now ?? (() => new Date()),
    pageSize: options.pageSize ?? TYK_PAGE_SIZE,
    keyWritesByHash: { update: options.enableUpdateKeyByHash === true, delete: options.enableDeleteKeyByHash === true },
    emptyAnalytics: options.emptyAnalytics ?? 'empty',
  };
  if (options.demoData !== false) loadDemoData(store, options.demoSize);
  const events = new DashboardEvents();
  const log = new RequestLog();
  const faults: FaultSpec[] = [];
  let latency = options.latencyMs ?? 0;
  // Specific templates before parameterised ones of the same length.
  const routes: Route[] = [
    ...developerKeyRoutes(events),
    ...developerRoutes(events),
    ...keyRequestRoutes(events),
    ...policyRoutes,
    ...oauthRoutes,
    ...keyRoutes,
    ...portalRoutes,
    ...analyticsRoutes,
    ...apiRoutes,
  ];
  const server = createDashboardServer({ store, routes, log, latencyMs: () => latency, faults, onAnswer: options.onAnswer });
  let url = '';
  let stopWebhook: (() => void) | undefined;

  return {
    get url() {
      return url;
    },
    orgs: options.demoData === false ? [] : DEMO_ORGS,
    store,
    routes: routes.map((r) => `${r.method} ${r.template}`),
    requestLog: log,
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        const host = options.host ?? '127.0.0.1';
        server.listen(options.port ?? 0, host, () => {
          url = `http://${host}:${(server.address() as AddressInfo).port}`;
          resolve(url);
        });
      }),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    setLatency: (ms) => {
      latency = ms;
    },
    injectFault: (fault) => {
      const copy = { ...fault };
      faults.push(copy);
      return () => {
        const i = faults.indexOf(copy);
        if (i >= 0) faults.splice(i, 1);
      };
    },
    clearFaults: () => {
      faults.length = 0;
    },
    onEvent: (listener) => events.on(listener),
    addOrg: (org) => void registerOrg(store, org),
    setWebhook: (url) => {
      stopWebhook?.();
      stopWebhook = url
        ? events.on((event) => {
            void fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event: event.event, data: event.data }) })
              .then((r) => r.body?.cancel())
              .catch(() => undefined);
          })
        : undefined;
    },
  };
}
