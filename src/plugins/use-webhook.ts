/**
 * `POST /webhooks/tyk`: the receiver for the Dashboard's organisation webhooks.
 *
 * Authenticated by a shared secret, in the `x-portal-graph-webhook-secret` header or the `secret`
 * query parameter (Tyk's webhook settings hold only a URL, so the query form is what a real
 * Dashboard can send). Answers: 202 accepted, 401 wrong or missing secret, 413 body over 64 KiB,
 * 415 not JSON, 400 malformed payload, 422 an event it does not handle. Bodies and secrets are
 * never logged.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { KeyEventFeed } from '../events/key-event.js';
import { keyEventFromWebhook } from '../events/webhook.js';

export const WEBHOOK_PATH = '/webhooks/tyk';
/** Largest webhook body accepted. */
export const MAX_WEBHOOK_BYTES = 64 * 1024;

const reply = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function sameSecret(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readCapped(request: Request): Promise<string | undefined> {
  const announced = Number(request.headers.get('content-length'));
  if (Number.isFinite(announced) && announced > MAX_WEBHOOK_BYTES) return undefined;
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > MAX_WEBHOOK_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function useWebhook(options: { secret: string; events: KeyEventFeed }): Plugin {
  return {
    async onRequest({ url, request, endResponse }) {
      if (url.pathname !== WEBHOOK_PATH) return;
      if (request.method !== 'POST') return endResponse(reply(405, { error: 'POST only' }));
      if (!sameSecret(request.headers.get('x-portal-graph-webhook-secret') ?? url.searchParams.get('secret'), options.secret)) {
        return endResponse(reply(401, { error: 'missing or wrong webhook secret' }));
      }
      const text = await readCapped(request);
      if (text === undefined) return endResponse(reply(413, { error: `body larger than ${MAX_WEBHOOK_BYTES} bytes` }));
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return endResponse(reply(415, { error: 'body is not JSON' }));
      }
      const parsed = keyEventFromWebhook(body);
      if (!parsed.ok) return endResponse(reply(parsed.status, { error: parsed.error }));
      options.events.publish(parsed.event);
      return endResponse(reply(202, { accepted: parsed.event.type }));
    },
  };
}
