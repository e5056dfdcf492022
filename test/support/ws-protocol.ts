/**
 * A graphql-transport-ws client at the protocol level (raw `ws`), for tests that misbehave on
 * purpose: stop reading the socket, disconnect abruptly, flood `subscribe`/`complete` messages.
 */
import WebSocket from 'ws';

export interface ProtocolMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

export interface ProtocolSocket {
  socket: WebSocket;
  messages: ProtocolMessage[];
  /** Resolves with the close code once the socket has closed. */
  closed: Promise<number>;
  subscribe(id: string, query: string, variables?: Record<string, unknown>): void;
  complete(id: string): void;
  /** Stops reading the TCP socket: the kernel buffers fill and the server's writes back up. */
  stopReading(): void;
  resumeReading(): void;
}

/** Opens a socket on the GraphQL endpoint and initialises it with `credential`; resolves after `connection_ack`. */
export async function connectProtocol(url: string, credential: string): Promise<ProtocolSocket> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const messages: ProtocolMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as ProtocolMessage));
  socket.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'connection_init', payload: credential ? { authorization: credential } : {} }));
  const deadline = Date.now() + 5_000;
  while (!messages.some((m) => m.type === 'connection_ack')) {
    if (Date.now() > deadline) throw new Error('no connection_ack within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const tcp = (socket as unknown as { _socket: import('node:net').Socket })._socket;
  return {
    socket,
    messages,
    closed,
    subscribe: (id, query, variables) => socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } })),
    complete: (id) => socket.send(JSON.stringify({ id, type: 'complete' })),
    stopReading: () => tcp.pause(),
    resumeReading: () => tcp.resume(),
  };
}
