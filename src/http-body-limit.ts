/**
 * The body limit for requests that announce no length (chunked transfer): Yoga's `onRequest` check
 * (use-hardening.ts) can only read `content-length`, so such a body is read here first, up to the
 * limit, and the request is answered 413 as soon as it passes it: nothing beyond the limit is
 * buffered. A body within the limit is handed to Yoga as the request's parsed body.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

const TOO_LARGE = JSON.stringify({ errors: [{ message: 'Request body too large.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });

export function limitUnannouncedBodies(handler: RequestListener, maxBytes: number): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const announced = req.headers['content-length'] !== undefined;
    if (announced || req.method === 'GET' || req.method === 'HEAD' || req.headers['upgrade']) {
      handler(req, res);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        res.writeHead(413, { 'content-type': 'application/json', connection: 'close' }).end(TOO_LARGE);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      // @whatwg-node/server (under Yoga) takes a present `body` as the request body.
      if (size > 0) (req as IncomingMessage & { body?: string }).body = Buffer.concat(chunks, size).toString('utf8');
      handler(req, res);
    });
    req.on('error', () => res.destroy());
  };
}
