/**
 * Events that come faster than a slow Dashboard lets them be resolved do not queue without bound:
 * a group resolves `maxResolvingEvents` at a time and holds at most `maxQueuedEvents` not yet
 * delivered; past that its subscribers end with SUBSCRIPTION_OVERFLOW (their connection stays:
 * they read fine), while a subscription that needs no upstream read receives every event.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS } from '../../src/dashboard/index.js';
import { KeyEventBus } from '../../src/events/bus.js';
import { metricReaches } from '../support/metrics.js';
import { startStack, type Stack } from '../support/stack.js';
import { connectProtocol } from '../support/ws-protocol.js';

const ACME = DEMO_ORGS[0]!;
const bus = new KeyEventBus();
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ dashboard: { latencyMs: 200 }, server: { events: bus, subscriptions: { maxQueuedEvents: 20, maxResolvingEvents: 5 } } });
});
afterAll(() => stack.stop());

describe('a burst of events over a 200 ms Dashboard', () => {
  it('ends the subscription that reads upstream with SUBSCRIPTION_OVERFLOW and still delivers every event to one that does not', async () => {
    const socket = await connectProtocol(stack.url, stack.credential);
    socket.subscribe('reads', 'subscription { keyEvents { keyId developer { email } } }');
    socket.subscribe('ids', 'subscription { keyEvents { keyId } }');
    await metricReaches(stack.url, 'portal_graph_subscriptions', 2);
    const developerId = [...stack.dashboard.store.orgs.get(ACME.orgId)!.developers.keys()][0]!;
    // Events one after the other (one per turn of the event loop), as webhooks arrive: far faster
    // than five reads of 200 ms at a time can follow.
    for (let i = 0; i < 40; i++) {
      bus.publish({ type: 'KEY_ISSUED', source: 'watcher', orgId: ACME.orgId, developerId, keyId: `burst-${randomBytes(4).toString('hex')}`, policyIds: [] });
      await new Promise((resolve) => setImmediate(resolve));
    }

    await expect.poll(() => socket.messages.filter((m) => m.id === 'ids' && m.type === 'next').length, { timeout: 10_000 }).toBe(40);
    await expect.poll(() => socket.messages.some((m) => m.id === 'reads' && m.type === 'complete'), { timeout: 10_000 }).toBe(true);
    const reads = socket.messages.filter((m) => m.id === 'reads' && m.type === 'next');
    expect(JSON.stringify(reads.at(-1))).toContain('SUBSCRIPTION_OVERFLOW');
    expect(reads.length).toBeLessThanOrEqual(21);
    await metricReaches(stack.url, 'portal_graph_subscriptions', 1);
    expect(socket.socket.readyState).toBe(socket.socket.OPEN);
    socket.socket.close();
  });
});
