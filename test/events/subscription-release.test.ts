/**
 * A subscription is released the moment its client disconnects or completes it, not at the next
 * event that passes its filter: disconnect loops and `complete` floods bring the gauges back to 0,
 * free the connection's operation slots, and leave the heap where it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectGarbage } from '../support/gc.js';
import { metric, metricReaches } from '../support/metrics.js';
import { startStack, type Stack } from '../support/stack.js';
import { sseSubscribe } from '../support/subscribers.js';
import { connectProtocol } from '../support/ws-protocol.js';

const KEY_ISSUED = 'subscription { keyIssued { keyId developer { email } policies { name } } }';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

function heapMb(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed / 1048576;
}

describe('on disconnect', () => {
  it('frees every subscription of 1 000 subscribe-then-disconnect cycles, and the heap they took', async () => {
    const batch = 100;
    const cycle = async () => {
      const sockets = await Promise.all(Array.from({ length: batch }, () => connectProtocol(stack.url, stack.credential)));
      sockets.forEach((s, i) => s.subscribe(String(i), KEY_ISSUED));
      await metricReaches(stack.url, 'portal_graph_websocket_operations', batch);
      // Half hang up abruptly (no close handshake), half close properly.
      sockets.forEach((s, i) => (i % 2 ? s.socket.terminate() : s.socket.close()));
      await Promise.all(sockets.map((s) => s.closed));
      await metricReaches(stack.url, 'portal_graph_websocket_operations', 0);
      await metricReaches(stack.url, 'portal_graph_websocket_connections', 0);
      await metricReaches(stack.url, 'portal_graph_subscriptions', 0);
    };
    for (let round = 0; round < 3; round++) await cycle(); // warm-up: caches, pools, compiled code
    const before = heapMb();
    for (let round = 0; round < 10; round++) await cycle();
    const perCycleKb = ((heapMb() - before) * 1024) / (batch * 10);
    // The leak this guards against kept 35–59 KiB per cycle; a steady state stays near 0 (≈ 0–1.6 measured).
    expect(perCycleKb).toBeLessThan(5);
    expect(await metric(stack.url, 'portal_graph_subscription_groups')).toBe(0);
  }, 120_000);

  it('frees a server-sent events subscription when its client hangs up', async () => {
    const subscriber = await sseSubscribe(stack.url, stack.credential, KEY_ISSUED);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 1);
    await subscriber.close();
    await metricReaches(stack.url, 'portal_graph_subscriptions', 0);
  });
});

describe('on complete', () => {
  it('frees the slot of each of 1 000 completed subscriptions on one connection, which then still subscribes', async () => {
    const socket = await connectProtocol(stack.url, stack.credential);
    const perRound = 40; // under the 50 operations one connection may run
    for (let round = 0; round < 25; round++) {
      for (let i = 0; i < perRound; i++) socket.subscribe(`${round}-${i}`, KEY_ISSUED);
      await metricReaches(stack.url, 'portal_graph_websocket_operations', perRound);
      for (let i = 0; i < perRound; i++) socket.complete(`${round}-${i}`);
      await metricReaches(stack.url, 'portal_graph_websocket_operations', 0);
    }
    expect(socket.messages.filter((m) => m.type === 'error')).toEqual([]);
    // All 50 slots are free again.
    for (let i = 0; i < 50; i++) socket.subscribe(`after-${i}`, KEY_ISSUED);
    await metricReaches(stack.url, 'portal_graph_websocket_operations', 50);
    expect(socket.messages.filter((m) => m.type === 'error')).toEqual([]);
    socket.socket.close();
    await metricReaches(stack.url, 'portal_graph_websocket_operations', 0);
  }, 60_000);
});
