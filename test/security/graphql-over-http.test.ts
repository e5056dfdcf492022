/**
 * graphql-http's audits of the GraphQL-over-HTTP spec against the running server: every MUST and
 * SHOULD passes. The audit client adds the CSRF header a browser client sends with GET requests.
 */
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

describe('GraphQL over HTTP', () => {
  it('passes every MUST and SHOULD audit', async () => {
    const audits = serverAudits({
      url: () => stack.url,
      fetchFn: (input: RequestInfo | URL, init?: RequestInit) =>
        fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers).entries()), 'x-graphql-yoga-csrf': '1' } }),
    });
    const failed: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status !== 'ok') failed.push(`${audit.name}: ${result.status} ${'reason' in result ? result.reason : ''}`);
    }
    expect(failed).toEqual([]);
  });
});
