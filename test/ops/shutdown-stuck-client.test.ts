/**
 * SIGTERM on a real gateway process while a graphql-ws client has stopped reading its socket:
 * the process drains, gives the grace, cuts what is still open and exits 0; a server-sent events
 * subscription is ended properly (its `complete` event, then the end of the response), not cut.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ORGS } from '../../src/dashboard/index.js';
import { startChildGateway, type ChildGateway } from '../support/child-gateway.js';
import { metric } from '../support/metrics.js';
import { connectProtocol } from '../support/ws-protocol.js';

const ACME = DEMO_ORGS[0]!;
let gateway: ChildGateway | undefined;
afterEach(() => {
  gateway?.child.kill('SIGKILL');
});

describe('graceful shutdown with a stuck client', () => {
  it('exits 0 after drain and grace, and ends server-sent event streams with their complete event', async () => {
    gateway = await startChildGateway({ PORTAL_GRAPH_DRAIN_DELAY_MS: '200', PORTAL_GRAPH_SHUTDOWN_GRACE_MS: '1500' });
    const stuck = await connectProtocol(gateway.url, ACME.credential);
    stuck.subscribe('1', 'subscription { keyEvents { id } }');
    const reading = await connectProtocol(gateway.url, ACME.credential);
    reading.subscribe('1', 'subscription { keyIssued { keyId } }');
    await expect.poll(() => metric(gateway!.url, 'portal_graph_websocket_operations'), { timeout: 10_000 }).toBe(2);
    stuck.stopReading();

    const sse = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: ACME.credential },
      body: JSON.stringify({ query: 'subscription { keyEvents { id } }' }),
    });
    expect(sse.status).toBe(200);
    const sseText = sse.text();

    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);

    // The stream ended as a stream: its last event is `complete`, and the body was not cut.
    expect((await sseText).trimEnd().endsWith('event: complete\ndata:')).toBe(true);
    // The reading client was told: its subscription completed, then the socket closed with 1001.
    expect(await reading.closed).toBe(1001);
    expect(reading.messages).toContainEqual({ id: '1', type: 'complete' });
    // The stuck one was cut after the grace; reading again, it finds the 1001 it was sent.
    stuck.resumeReading();
    expect(await stuck.closed).toBe(1001);
  }, 60_000);
});
