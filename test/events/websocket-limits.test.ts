/**
 * graphql-ws limits, as the protocol's close codes and errors: an oversized frame, a client that
 * never initialises, too many operations on one connection, no credential.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ server: { websocket: { maxPayloadBytes: 4096, maxOperationsPerConnection: 2, connectionInitWaitTimeoutMs: 300 } } });
});
afterAll(() => stack.stop());

function open(): Promise<{ socket: WebSocket; messages: { type: string; id?: string; payload?: unknown }[]; closed: Promise<number> }> {
  const socket = new WebSocket(stack.url.replace('http', 'ws'), 'graphql-transport-ws');
  const messages: { type: string }[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  return new Promise((resolve) => socket.once('open', () => resolve({ socket, messages, closed })));
}

async function initialised(credential: string = stack.credential) {
  const connection = await open();
  connection.socket.send(JSON.stringify({ type: 'connection_init', payload: credential ? { authorization: credential } : {} }));
  await expect.poll(() => connection.messages.some((m) => m.type === 'connection_ack')).toBe(true);
  return connection;
}

describe('graphql-ws limits', () => {
  it('closes a connection that sends no connection_init in time with 4408', async () => {
    const { closed } = await open();
    expect(await closed).toBe(4408);
  });

  it('closes a connection that sends a frame over the size limit with 1009', async () => {
    const { socket, closed } = await initialised();
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ __typename } # ${'x'.repeat(8000)}` } }));
    expect(await closed).toBe(1009);
  });

  it('refuses a third concurrent operation on one connection with TOO_MANY_SUBSCRIPTIONS', async () => {
    const { socket, messages } = await initialised();
    for (const id of ['a', 'b', 'c']) socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: 'subscription { keyIssued { id } }' } }));
    await expect.poll(() => messages.find((m) => m.type === 'error' && m.id === 'c')).toMatchObject({
      payload: [{ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } }],
    });
    expect(messages.filter((m) => m.type === 'error' && m.id !== 'c')).toEqual([]);
    socket.close();
  });

  it('answers a subscription without a credential with UNAUTHENTICATED', async () => {
    const { socket, messages } = await initialised('');
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { keyIssued { id } }' } }));
    await expect.poll(() => messages.find((m) => m.id === '1' && m.type !== 'complete')).toMatchObject({
      payload: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] },
    });
    expect(JSON.stringify(messages)).not.toContain('"http"');
    socket.close();
  });
});
