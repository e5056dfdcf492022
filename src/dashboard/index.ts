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
 */
import type { AddressInfo } from 'node:net';
import { DEMO_ORGS, loadDemoData, type DemoOrg, type DemoSize } from './demo-data.js';
import { DashboardEvents, type DashboardEvent } from './events.js';
import type { HashFunction } from './hash.js';
import { createDashboardServer, RequestLog, type FaultSpec, type Route } from './http.js';
import { analyticsRoutes } from './routes/analytics.js';
import { developerKeyRoutes } from './routes/developer-keys.js';
import { developerRoutes } from './routes/developers.js';
import { keyRequestRoutes } from './routes/key-requests.js';
import { keyRoutes } from './routes/keys.js';
import { oauthRoutes } from './routes/oauth.js';
import { policyRoutes } from './routes/policies.js';
import { portalRoutes } from './routes/portal.js';
import type { DashboardStore } from './store.js';

export { DEMO_ORGS, DEMO_PASSWORD, type DemoOrg } from './demo-data.js';
export type { FaultSpec, RequestLogEntry } from './http.js';
export type { DashboardEvent } from './events.js';
export type { DashboardStore } from './store.js';

export interface DashboardOptions {
  /** Port to listen on; default 0 (any free port). */
  port?: number;
  /** Interface; default 127.0.0.1. */
  host?: string;
  /** Added to every answer, in ms; default 0. */
  latencyMs?: number;
  /** Load the demo organisations; default true. */
  demoData?: boolean;
  /** Demo data size (developers per org). */
  demoSize?: DemoSize;
  /** The Dashboard's clock; default the real one. */
  now?: () => Date;
  /** Key hash algorithm; default murmur64 (16 hex chars). */
  hashFunction?: HashFunction;
}

export interface EmbeddedDashboard {
  /** `http://127.0.0.1:PORT` once started. */
  readonly url: string;
  readonly orgs: readonly DemoOrg[];
  start(): Promise<string>;
  stop(): Promise<void>;
  setLatency(ms: number): void;
  /** Adds a fault; returns a function that removes it. */
  injectFault(fault: FaultSpec): () => void;
  clearFaults(): void;
  readonly requestLog: RequestLog;
  onEvent(listener: (event: DashboardEvent) => void): () => void;
  /**
   * Sends every event as an organisation webhook (`POST url`, body `{event, data}`), as a Tyk
   * Dashboard with `event_options` set does; undefined stops sending. Failures are ignored.
   */
  setWebhook(url: string | undefined): void;
  readonly store: DashboardStore;
}

export function createEmbeddedDashboard(options: DashboardOptions = {}): EmbeddedDashboard {
  const store: DashboardStore = { orgs: new Map(), credentials: new Map(), hashFunction: options.hashFunction ?? 'murmur64', now: options.now ?? (() => new Date()) };
  if (options.demoData !== false) loadDemoData(store, options.demoSize);
  const events = new DashboardEvents();
  const log = new RequestLog();
  const faults: FaultSpec[] = [];
  let latency = options.latencyMs ?? 0;
  // Specific templates before parameterised ones of the same length.
  const routes: Route[] = [
    ...developerKeyRoutes(events),
    ...developerRoutes,
    ...keyRequestRoutes(events),
    ...policyRoutes,
    ...oauthRoutes,
    ...keyRoutes,
    ...portalRoutes,
    ...analyticsRoutes,
  ];
  const server = createDashboardServer({ store, routes, log, latencyMs: () => latency, faults });
  let url = '';
  let stopWebhook: (() => void) | undefined;

  return {
    get url() {
      return url;
    },
    orgs: DEMO_ORGS,
    store,
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
