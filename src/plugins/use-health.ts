/**
 * Operational endpoints beside /graphql:
 * - `GET /livez`: 200 while the process runs.
 * - `GET /readyz`: 200 while serving, 503 from the moment shutdown starts. It reports whether the
 *   Dashboard answers (probed at most every 5 s) and whether Redis answers (when configured), but
 *   neither outage makes it 503: every
 *   replica shares the upstream, and pulling them all from the load balancer would turn a partial
 *   outage into a total one.
 * - `GET /metrics`: Prometheus text format (here unless it has a port of its own).
 */
import type { Plugin } from 'graphql-yoga';
import { request } from 'undici';
import { METRICS_CONTENT_TYPE, type GatewayMetrics } from '../metrics.js';

export interface HealthState {
  draining: boolean;
}

const PROBE_EVERY_MS = 5_000;

/** Whether the Dashboard answers HTTP at all (any status counts: 401 without a credential is fine). */
function upstreamProbe(dashboardUrl: string) {
  let last: { at: number; up: boolean } | undefined;
  let pending: Promise<boolean> | undefined;
  return async (): Promise<boolean> => {
    if (last && Date.now() - last.at < PROBE_EVERY_MS) return last.up;
    pending ??= request(`${dashboardUrl}/api/portal/configuration`, { method: 'GET', headersTimeout: 1_000, bodyTimeout: 1_000 })
      .then(async (response) => {
        await response.body.dump();
        return true;
      })
      .catch(() => false)
      .then((up) => {
        last = { at: Date.now(), up };
        pending = undefined;
        return up;
      });
    return pending;
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });

export function useHealth(options: {
  state: HealthState;
  /** Served at /metrics; undefined when metrics have a port of their own (metrics-server.ts). */
  metrics: GatewayMetrics | undefined;
  dashboardUrl: string;
  /** Redis health check, when Redis is configured. */
  redisPing?: (() => Promise<boolean>) | undefined;
}): Plugin {
  const probe = upstreamProbe(options.dashboardUrl);
  return {
    async onRequest({ url, request: incoming, endResponse }) {
      if (incoming.method !== 'GET') return;
      if (url.pathname === '/livez') return endResponse(json(200, { status: 'ok' }));
      if (url.pathname === '/readyz') {
        const [upstream, redis] = await Promise.all([
          probe().then((up) => (up ? 'up' : 'down')),
          options.redisPing ? options.redisPing().then((up) => (up ? 'up' : 'down')).catch(() => 'down') : 'not configured',
        ]);
        return endResponse(json(options.state.draining ? 503 : 200, { status: options.state.draining ? 'draining' : 'ready', upstream, redis }));
      }
      if (url.pathname === '/metrics' && options.metrics) {
        return endResponse(new Response(await options.metrics.render(), { headers: { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' } }));
      }
    },
  };
}
