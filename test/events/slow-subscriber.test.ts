/**
 * A subscriber that stops reading its socket cannot hurt the process or anyone else: a real gateway
 * process, a graphql-ws client and a server-sent events client that stop reading their TCP sockets,
 * a healthy client, and a burst of webhook events. The process survives, the healthy client gets
 * every event, the slow graphql-ws client's socket is closed with 1013 (it reads the close once it
 * reads again), the slow SSE stream ends with SUBSCRIPTION_OVERFLOW or is cut.
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_ORGS } from '../../src/dashboard/index.js';
import { startChildGateway, type ChildGateway } from '../support/child-gateway.js';
import { metric } from '../support/metrics.js';
import { connectProtocol } from '../support/ws-protocol.js';

const ACME = DEMO_ORGS[0]!;
const SECRET = randomBytes(24).toString('hex');
// Wide payloads (≈ 5 KB an event), so a client that stops reading fills its kernel buffers within a few hundred events.
const DEVELOPER = 'id email name inactive dateCreated lastLoginDate fields { name value } keys { id policies { id name } }';
const WIDE = `subscription { keyEvents { id type occurredAt source developerId keyId ${Array.from({ length: 12 }, (_, i) => `d${i}: developer { ${DEVELOPER} }`).join(' ')} } }`;

let gateway: ChildGateway;
let developerId: string;
beforeAll(async () => {
  gateway = await startChildGateway({ PORTAL_GRAPH_WEBHOOK_SECRET: SECRET });
  const page = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: ACME.credential },
    body: JSON.stringify({ query: '{ developers(first: 1) { edges { node { id } } } }' }),
  }).then((r) => r.json() as Promise<{ data: { developers: { edges: { node: { id: string } }[] } } }>);
  developerId = page.data.developers.edges[0]!.node.id;
});
afterAll(() => {
  gateway?.child.kill('SIGKILL');
});

let sent = 0;
async function webhook(): Promise<number> {
  const keyId = `slow-${sent++}-${randomBytes(4).toString('hex')}`;
  const response = await fetch(`${gateway.origin}/webhooks/tyk?secret=${SECRET}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ event: 'key_event.issued', data: { org_id: ACME.orgId, key_id: keyId, apply_policies: [], portal_developer: { id: developerId } } }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('a subscriber that stops reading', () => {
  it('is disconnected as documented while the process and the other subscribers carry on', async () => {
    // A healthy client.
    const healthyIds: string[] = [];
    const healthy = createClient({ url: gateway.url.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: ACME.credential }, retryAttempts: 0 });
    healthy.subscribe({ query: 'subscription { keyEvents { id } }' }, { next: (v) => healthyIds.push((v.data as { keyEvents: { id: string } }).keyEvents.id), error: () => undefined, complete: () => undefined });

    // A graphql-ws client with 50 wide subscriptions that stops reading.
    const slow = await connectProtocol(gateway.url, ACME.credential);
    for (let i = 0; i < 50; i++) slow.subscribe(String(i), WIDE);

    // A server-sent events client that never reads its stream.
    const sse = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: ACME.credential },
      body: JSON.stringify({ query: WIDE }),
    });
    expect(sse.status).toBe(200);

    // The SSE subscription is in place once its response has started; the graphql-ws ones once counted.
    await expect.poll(() => metric(gateway.url, 'portal_graph_websocket_operations'), { timeout: 10_000 }).toBe(51);
    slow.stopReading();

    // Bursts of 25 webhook events until both slow clients have been dropped (or the process died).
    // Each burst waits until the healthy client has it: events arrive no faster than the gateway
    // resolves them, so what grows is the slow clients' backlog, never a group's (a group that cannot
    // keep up ends its subscriptions without dropping connections: another rule, not this test's).
    let accepted = 0;
    const slowDropped = async () =>
      ((await metric(gateway.url, 'portal_graph_slow_clients_closed_total{transport="ws"}')) ?? 0) >= 1 &&
      ((await metric(gateway.url, 'portal_graph_slow_clients_closed_total{transport="sse"}')) ?? 0) >= 1;
    while (gateway.child.exitCode === null && sent < 5_000 && !(await slowDropped().catch(() => false))) {
      const statuses = await Promise.all(Array.from({ length: 25 }, () => webhook().catch(() => 0)));
      accepted += statuses.filter((s) => s === 202).length;
      await expect.poll(() => healthyIds.length, { timeout: 15_000 }).toBe(accepted);
    }
    expect(gateway.child.exitCode, gateway.output()).toBeNull();
    const seen = async () => (await (await fetch(new URL('/metrics', gateway.url))).text()).split('\n').filter((l) => /slow_clients|overflows|^portal_graph_subscriptions /.test(l)).join('; ');
    expect(await slowDropped(), `after ${sent} events: ${await seen()}`).toBe(true);
    process.stdout.write(`slow subscribers dropped after ${sent} events\n`);
    // A few more events after the drop: everyone else still receives.
    for (let i = 0; i < 25; i++) if ((await webhook()) === 202) accepted += 1;

    expect((await fetch(`${gateway.origin}/livez`)).status).toBe(200);
    await expect.poll(() => healthyIds.length, { timeout: 15_000 }).toBe(accepted);
    expect(new Set(healthyIds).size).toBe(accepted);
    // Each slow connection was dropped once, and with it all its subscriptions: only the healthy one is left.
    expect(await metric(gateway.url, 'portal_graph_slow_clients_closed_total{transport="ws"}')).toBe(1);
    expect(await metric(gateway.url, 'portal_graph_slow_clients_closed_total{transport="sse"}')).toBe(1);
    expect(await metric(gateway.url, 'portal_graph_subscriptions')).toBe(1);

    // The slow graphql-ws client, reading again, gets what was buffered and then close code 1013.
    slow.resumeReading();
    expect(await slow.closed).toBe(1013);
    expect(slow.messages.some((m) => m.type === 'next')).toBe(true);
    await expect.poll(() => metric(gateway.url, 'portal_graph_websocket_connections')).toBe(1);

    // The slow SSE client's stream ends: with the overflow error last, or cut if it did not drain in time.
    const text = await sse.text().catch(() => 'cut');
    if (text !== 'cut') expect(text.trimEnd().split('\n\n').at(-2)).toContain('SUBSCRIPTION_OVERFLOW');

    await healthy.dispose();
    expect(gateway.output()).not.toMatch(/RepeaterOverflowError|\n\s+at /);
  }, 120_000);
});
