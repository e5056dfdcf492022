/**
 * Real subscription clients for tests: graphql-ws over a WebSocket, and server-sent events over
 * fetch. Each collects what arrives; `next()` waits for the next payload.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Collector<T = Record<string, unknown>> {
  received: T[];
  /** Resolves with the next payload (or one already received and not yet taken). */
  next(timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

function collector<T>(close: () => Promise<void>): Collector<T> & { push(value: T): void } {
  const received: T[] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];
  return {
    received,
    push(value) {
      received.push(value);
      waiters.splice(0).forEach((w) => w());
    },
    async next(timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length <= taken) {
        if (Date.now() > deadline) throw new Error(`no event within ${timeoutMs} ms (received ${received.length})`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return received[taken++]!;
    },
    close,
  };
}

/** Subscribes over graphql-ws; resolves once the server has acknowledged the connection. */
export async function wsSubscribe(url: string, credential: string, query: string, variables?: Record<string, unknown>): Promise<Collector & { client: Client }> {
  let client!: Client;
  const c = collector<Record<string, unknown>>(async () => {
    await client.dispose();
  });
  const connected = new Promise<void>((resolve) => {
    client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: credential }, lazy: false, on: { connected: () => resolve() } });
  });
  await connected;
  client.subscribe({ query, variables }, { next: (value) => c.push(value as Record<string, unknown>), error: (error) => c.push({ error } as never), complete: () => undefined });
  return Object.assign(c, { client });
}

/** Subscribes over server-sent events (Yoga's `text/event-stream`). */
export async function sseSubscribe(url: string, credential: string, query: string, variables?: Record<string, unknown>): Promise<Collector> {
  const controller = new AbortController();
  const c = collector<Record<string, unknown>>(async () => controller.abort());
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: credential },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`SSE subscribe failed: ${response.status}`);
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim())
            .join('\n');
          if (data) c.push(JSON.parse(data) as Record<string, unknown>);
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return c;
}
