/**
 * Every benchmark workload (bench/workloads.ts) costs the gateway exactly the upstream calls of the
 * hand-written floor, in no more sequential rounds, and fewer than the loader-less variant: the
 * call counts `npm run bench` reports, pinned so a regression fails CI without timing anything.
 */
import { parse } from 'graphql';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmbeddedDashboard, type EmbeddedDashboard } from '../../src/dashboard/index.js';
import { buildServer } from '../../src/server.js';
import { closeWorkloadPools, detailDeveloperId, RestFloor, sendWorkload, WORKLOADS, type Setup } from '../../bench/workloads.js';

// Enough latency that the calls of one round overlap in the request log even on a loaded machine.
const LATENCY_MS = 200;

const dashboards = new Map<number, Promise<{ dashboard: EmbeddedDashboard; credential: string; setup: Setup }>>();
/** One Dashboard per demo size, shared by the workloads of that size (they only read). */
function dashboardFor(developers: number) {
  let started = dashboards.get(developers);
  if (!started) {
    started = (async () => {
      const dashboard = createEmbeddedDashboard({ demoSize: { developers: [developers, 30] } });
      const url = await dashboard.start();
      const credential = dashboard.orgs[0]!.credential;
      const rest = new RestFloor(url, credential);
      return { dashboard, credential, setup: { rest, detailId: await detailDeveloperId(rest) } };
    })();
    dashboards.set(developers, started);
  }
  return started;
}
afterAll(async () => {
  await closeWorkloadPools();
  for (const started of dashboards.values()) {
    const { dashboard, setup } = await started;
    await setup.rest.close();
    await dashboard.stop();
  }
});

/** A fresh gateway (cold shared cache) in the given loader mode. */
async function gateway(dashboardUrl: string, loaderMode: 'batched' | 'naive') {
  const server = buildServer({ dashboardUrl, logger: pino({ level: 'silent' }), loaderMode, sharedCacheTtlMs: loaderMode === 'naive' ? 0 : 30_000 });
  return { url: await server.start(0), stop: () => server.stop() };
}

describe.each(WORKLOADS.map((w) => [w.name, w] as const))('bench workload: %s', (_name, workload) => {
  it('the gateway makes the floor’s upstream calls in no more rounds; the loader-less variant makes more', async () => {
    const { dashboard, credential, setup } = await dashboardFor(workload.developers);
    const log = dashboard.requestLog;
    const batched = await gateway(dashboard.url, 'batched');
    const naive = await gateway(dashboard.url, 'naive');
    dashboard.setLatency(LATENCY_MS);
    try {
      log.clear();
      const floorReported = await workload.floor(setup);
      const floor = { calls: log.count(), rounds: log.rounds() };
      expect(floor.calls).toBe(floorReported);

      log.clear();
      const result = await sendWorkload(batched.url, credential, workload, setup);
      expect(result.errors).toBeUndefined();
      expect(result.data).toBeTruthy();
      const cold = { calls: log.count(), rounds: log.rounds() };

      log.clear();
      const naiveResult = await sendWorkload(naive.url, credential, workload, setup);
      expect(naiveResult.errors).toBeUndefined();
      // Same answer either way: loaders change the cost, never the data.
      expect(naiveResult.data).toEqual(result.data);
      const naiveCalls = log.count();

      expect({ calls: cold.calls, roundsWithinFloor: cold.rounds <= floor.rounds }).toEqual({ calls: floor.calls, roundsWithinFloor: true });
      expect(naiveCalls).toBeGreaterThan(cold.calls);
    } finally {
      dashboard.setLatency(0);
      await batched.stop();
      await naive.stop();
    }
  });
});
