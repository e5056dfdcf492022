/**
 * graphql-ws clients on shutdown: closed with 1001 (going away); the open-operations gauge counts
 * what runs over the socket.
 */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startStack } from '../support/stack.js';

describe('WebSocket clients', () => {
  it('are closed with 1001 when the server stops', async () => {
    const stack = await startStack();
    const socket = new WebSocket(stack.url.replace('http', 'ws'), 'graphql-transport-ws');
    const messages: unknown[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: stack.credential } }));
    await expect.poll(() => messages.some((m) => (m as { type: string }).type === 'connection_ack')).toBe(true);

    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ portalConfiguration { requireKeyApproval } }' } }));
    await expect.poll(() => messages.find((m) => (m as { type: string }).type === 'next')).toMatchObject({
      payload: { data: { portalConfiguration: { requireKeyApproval: true } } },
    });
    await expect.poll(() => messages.some((m) => (m as { type: string }).type === 'complete')).toBe(true);
    const metrics = await fetch(`${new URL(stack.url).origin}/metrics`).then((r) => r.text());
    expect(metrics).toContain('portal_graph_websocket_connections 1');
    expect(metrics).toContain('portal_graph_websocket_operations 0');

    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await stack.stop();
    expect(await closed).toBe(1001);
  });
});
