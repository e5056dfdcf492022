/**
 * The subscriber side of `npm run bench:subscriptions`, in its own process so that the gateway's
 * figures (CPU, heap, latency) are the gateway's: opens N / perSocket graphql-ws clients (one
 * WebSocket each), subscribes each perSocket times, and records when every event arrives (epoch milliseconds with sub-millisecond
 * precision, comparable across processes on one machine). Driven by its parent over IPC.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

type Command =
  | { op: 'connect'; url: string; credential: string; count: number; perSocket: number; query: string }
  | { op: 'expect'; keyId: string; count: number }
  | { op: 'report' }
  | { op: 'close' };

const now = () => performance.timeOrigin + performance.now();
const clients: Client[] = [];
const arrivals = new Map<string, number[]>();
const expected = new Map<string, number>();
let errors = 0;

function send(message: unknown) {
  process.send!(message);
}

function arrived(keyId: string) {
  const times = arrivals.get(keyId) ?? [];
  times.push(now());
  arrivals.set(keyId, times);
  const count = expected.get(keyId);
  if (count !== undefined && times.length === count) send({ op: 'delivered', keyId });
}

async function connect(command: Extract<Command, { op: 'connect' }>) {
  const url = command.url.replace(/^http/, 'ws');
  const open = () =>
    new Promise<void>((resolve, reject) => {
      const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: command.credential }, lazy: false, retryAttempts: 0, onNonLazyError: reject });
      clients.push(client);
      client.on('connected', () => resolve());
      for (let k = 0; k < command.perSocket; k++) {
        client.subscribe(
          { query: command.query },
          {
            next: (value) => arrived((value.data as { keyIssued: { keyId: string } }).keyIssued.keyId),
            error: () => {
              errors += 1;
            },
            complete: () => undefined,
          },
        );
      }
    });
  const sockets = Math.ceil(command.count / command.perSocket);
  // Open in batches: thousands of simultaneous handshakes only measure the listen backlog.
  for (let i = 0; i < sockets; i += 200) await Promise.all(Array.from({ length: Math.min(200, sockets - i) }, open));
  send({ op: 'connected', count: clients.length * command.perSocket });
}

process.on('message', (command: Command) => {
  switch (command.op) {
    case 'connect':
      void connect(command).catch((error: unknown) => send({ op: 'failed', error: String(error) }));
      return;
    case 'expect': {
      expected.set(command.keyId, command.count);
      if ((arrivals.get(command.keyId)?.length ?? 0) >= command.count) send({ op: 'delivered', keyId: command.keyId });
      return;
    }
    case 'report':
      send({ op: 'report', arrivals: Object.fromEntries(arrivals), errors });
      return;
    case 'close':
      void Promise.all(clients.map((c) => c.dispose())).finally(() => process.exit(0));
      return;
  }
});
send({ op: 'started' });
