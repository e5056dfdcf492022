/**
 * One GraphQL document sent over each transport a client may use, and the first answer it gets, in
 * one shape: HTTP POST (JSON), HTTP GET, server-sent events (POST, `accept: text/event-stream`) and
 * graphql-ws. Tests compare the transports' answers to the same document.
 */
import { connectProtocol } from './ws-protocol.js';

export const TRANSPORTS = ['post', 'get', 'sse', 'ws'] as const;
export type Transport = (typeof TRANSPORTS)[number];

export interface GraphQLErrorJson {
  message: string;
  extensions?: Record<string, unknown>;
}

export interface Answer {
  data?: unknown;
  errors: GraphQLErrorJson[];
  /** Everything the transport delivered, as text (to search for what must never appear). */
  raw: string;
}

interface Ask {
  variables?: Record<string, unknown>;
  /** Authorization value; '' → none. */
  credential: string;
  timeoutMs?: number;
}

export async function ask(transport: Transport, url: string, query: string, { variables, credential, timeoutMs = 10_000 }: Ask): Promise<Answer> {
  const auth: Record<string, string> = credential ? { authorization: credential } : {};
  if (transport === 'post' || transport === 'get') {
    const response =
      transport === 'post'
        ? await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...auth }, body: JSON.stringify({ query, variables }) })
        : await fetch(`${url}?${new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) })}`, {
            headers: { accept: 'application/graphql-response+json', 'x-graphql-yoga-csrf': '1', ...auth },
          });
    const raw = await response.text();
    const body = JSON.parse(raw) as { data?: unknown; errors?: GraphQLErrorJson[] };
    return { data: body.data, errors: body.errors ?? [], raw };
  }
  if (transport === 'sse') {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...auth },
        body: JSON.stringify({ query, variables }),
        signal: controller.signal,
      });
      let raw = '';
      const decoder = new TextDecoder();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        raw += decoder.decode(chunk, { stream: true });
        const event = /event: next\ndata: (.*)\n\n/.exec(raw);
        if (event) {
          const body = JSON.parse(event[1]!) as { data?: unknown; errors?: GraphQLErrorJson[] };
          return { data: body.data, errors: body.errors ?? [], raw };
        }
        if (/event: complete/.test(raw)) break;
      }
      // Not a stream: the request was refused as a whole (plain JSON body).
      if (raw.trimStart().startsWith('{')) {
        const body = JSON.parse(raw) as { data?: unknown; errors?: GraphQLErrorJson[] };
        return { data: body.data, errors: body.errors ?? [], raw };
      }
      throw new Error(`no event in ${JSON.stringify(raw.slice(0, 200))}`);
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }
  const socket = await connectProtocol(url, credential);
  try {
    socket.subscribe('1', query, variables);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = socket.messages.find((m) => m.id === '1' && (m.type === 'next' || m.type === 'error'));
      if (message) {
        const raw = JSON.stringify(socket.messages);
        if (message.type === 'error') return { errors: message.payload as GraphQLErrorJson[], raw };
        const payload = message.payload as { data?: unknown; errors?: GraphQLErrorJson[] };
        return { data: payload.data, errors: payload.errors ?? [], raw };
      }
      if (Date.now() > deadline) throw new Error(`no answer over graphql-ws within ${timeoutMs} ms: ${JSON.stringify(socket.messages)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    socket.socket.close();
  }
}
