/**
 * What an event-stream client must send to subscribe with GET (as GraphiQL and `EventSource`-style
 * clients do): the `authorization` credential and the CSRF header `x-graphql-yoga-csrf`. Without the
 * header the server refuses the GET (a plain cross-site request cannot set it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

function subscribeUrl(): string {
  return `${stack.url}?query=${encodeURIComponent('subscription { keyIssued { keyId } }')}`;
}

describe('subscriptions over GET (server-sent events)', () => {
  it('open with the credential and the CSRF header', async () => {
    const controller = new AbortController();
    const response = await fetch(subscribeUrl(), {
      headers: { accept: 'text/event-stream', authorization: stack.credential, 'x-graphql-yoga-csrf': '1' },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    controller.abort();
  });

  it('are refused without the CSRF header, which a browser EventSource cannot send', async () => {
    const response = await fetch(subscribeUrl(), { headers: { accept: 'text/event-stream', authorization: stack.credential } });
    expect(response.status).toBe(403);
    await response.body?.cancel();
  });
});
