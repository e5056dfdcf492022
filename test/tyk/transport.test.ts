/**
 * The transport against real loopback sockets: the shared keep-alive pool, the body cap enforced
 * while streaming, timeouts, resets and truncated answers, and what goes on the wire.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeTykPools, createTykClient } from '../../src/tyk/client.js';
import type { TykAttempt, TykClientOptions } from '../../src/tyk/types.js';
import { closeMocks, CREDENTIAL, hex, mocked, rejectionOf } from './support.js';

const ID = hex(5);
const servers: Server[] = [];

afterEach(async () => {
  await closeTykPools();
  await closeMocks();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => (s.closeAllConnections(), s.close(resolve)))));
});

interface Loopback {
  url: string;
  /** Sockets the server accepted. */
  connections: number;
  /** Bytes the server managed to write in the last streamed answer. */
  written: number;
  requests: IncomingMessage[];
  bodies: string[];
}

async function loopback(handler: (req: IncomingMessage, res: ServerResponse, state: Loopback) => void): Promise<Loopback> {
  const state: Loopback = { url: '', connections: 0, written: 0, requests: [], bodies: [] };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      state.requests.push(req);
      state.bodies.push(body);
      handler(req, res, state);
    });
  });
  server.on('connection', () => (state.connections += 1));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

function client(url: string, options: Partial<TykClientOptions> = {}) {
  const attempts: TykAttempt[] = [];
  return { attempts, tyk: createTykClient({ baseUrl: url, credential: CREDENTIAL, retryDelayMs: 1, onAttempt: (a) => attempts.push(a), breaker: false, retryBudget: false, ...options }) };
}

const developer = JSON.stringify({ id: ID, email: 'a@b.c' });

describe('the shared pool', () => {
  it('reuses one keep-alive connection across clients of the same origin', async () => {
    const server = await loopback((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(developer));
    const credentials = Array.from({ length: 10 }, (_, i) => `${CREDENTIAL}-${i}`);
    for (const credential of credentials) await client(server.url, { credential }).tyk.getDeveloper(ID);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(credentials);
    // One connection, or two when the next call starts before undici has marked the first one idle.
    expect(server.connections).toBeLessThanOrEqual(2);
  });

  it('creates clients without any connection: one per request costs nothing until it calls', async () => {
    const server = await loopback((_req, res) => res.writeHead(200).end(developer));
    const clients = Array.from({ length: 1_000 }, (_, i) => client(server.url, { credential: `c${i}` }).tyk);
    expect(clients.every((c) => c.baseUrl === server.url)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.connections).toBe(0);
  });

  it('opens a fresh pool after closeTykPools, and an existing client keeps working', async () => {
    const server = await loopback((_req, res) => res.writeHead(200).end(developer));
    const { tyk } = client(server.url);
    await tyk.getDeveloper(ID);
    await closeTykPools();
    await expect(tyk.getDeveloper(ID)).resolves.toMatchObject({ id: ID });
    expect(server.connections).toBe(2);
  });
});

describe('on the wire', () => {
  it('sends the credential raw, JSON with its content type, and nothing for a body-less write', async () => {
    const server = await loopback((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(req.url === '/api/portal/developers' ? JSON.stringify({ Status: 'OK', Message: ID, Meta: null }) : '{}');
    });
    const { tyk } = client(server.url);
    await tyk.createDeveloper({ email: 'a@b.c', password: 'secret1', fields: { Name: 'Ünïcode' } });
    await tyk.resetDeveloperKeyQuota(ID, '2ac7b253c36e210d');
    const [create, reset] = server.requests;
    expect(create!.headers).toMatchObject({ authorization: CREDENTIAL, 'content-type': 'application/json', accept: 'application/json' });
    expect(JSON.parse(server.bodies[0]!)).toEqual({ email: 'a@b.c', password: 'secret1', fields: { Name: 'Ünïcode' } });
    expect(reset!.headers['content-type']).toBeUndefined();
    expect(server.bodies[1]).toBe('');
  });
});

describe('the body cap', () => {
  it('stops reading a streamed answer at the cap instead of buffering it', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const server = await loopback((_req, res, state) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"Data":["');
      // An endless body: only the client stopping ends it.
      const pump = () => {
        while (!res.destroyed && state.written < 512 * 1024 * 1024) {
          state.written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    const { tyk } = client(server.url, { maxResponseBytes: 256 * 1024 });
    const error = await rejectionOf(tyk.listDevelopers());
    expect(error).toMatchObject({ code: 'TYK_CONTRACT_MISMATCH', status: 200 });
    expect(error.message).toContain('larger than 262144 bytes');
    // What the server got out before the socket closed: socket buffers, far from the 512 MiB it would send.
    expect(server.written).toBeLessThan(32 * 1024 * 1024);
  });

  it('refuses an answer whose announced length passes the cap before reading it', async () => {
    const m = mocked({ maxResponseBytes: 1024 });
    m.dashboard.intercept({ path: '/api/portal/developers?p=-1', method: 'GET' }).reply(200, JSON.stringify({ Data: [], Pages: 0, pad: 'x'.repeat(4096) }), {
      headers: { 'content-length': '4135' },
    });
    await expect(m.client.listDevelopers()).rejects.toMatchObject({ code: 'TYK_CONTRACT_MISMATCH' });
  });

  it('accepts an answer just under the cap', async () => {
    const body = JSON.stringify({ Data: [], Pages: 0, pad: 'x'.repeat(900) });
    const m = mocked({ maxResponseBytes: body.length });
    m.dashboard.intercept({ path: '/api/portal/developers?p=-1', method: 'GET' }).reply(200, body);
    await expect(m.client.listDevelopers()).resolves.toEqual({ data: [], pages: 0 });
  });

  it('classifies an oversized error answer by its status', async () => {
    const server = await loopback((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('x'.repeat(200 * 1024)));
    const { tyk } = client(server.url);
    await expect(tyk.getDeveloper(ID)).rejects.toMatchObject({ code: 'TYK_NOT_FOUND' });
  });
});

describe('failures on a real socket', () => {
  it('retries a GET to a port that refuses connections, then fails as unavailable', async () => {
    const server = await loopback(() => undefined);
    const url = server.url;
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const { tyk, attempts } = client(url);
    const error = await rejectionOf(tyk.getDeveloper(ID));
    expect(error).toMatchObject({ code: 'TYK_UNAVAILABLE', outcomeUnknown: false });
    expect(attempts).toHaveLength(3);
  });

  it('fails a GET after the headers timeout, once', async () => {
    const server = await loopback(() => undefined);
    const { tyk, attempts } = client(server.url, { headersTimeoutMs: 100 });
    const error = await rejectionOf(tyk.getDeveloper(ID));
    expect(error).toMatchObject({ code: 'TYK_UNAVAILABLE', outcomeUnknown: false });
    expect(error.message).toContain('timed out');
    expect(attempts).toHaveLength(1);
  });

  it('says a POST whose connection was reset has an unknown outcome, after one attempt', async () => {
    const server = await loopback((req) => (req.socket as Socket).destroy());
    const { tyk } = client(server.url);
    await expect(tyk.createDeveloper({ email: 'a@b.c', password: 'secret1' })).rejects.toMatchObject({ code: 'TYK_UNAVAILABLE', outcomeUnknown: true });
    expect(server.requests).toHaveLength(1);
  });

  it('reports a 2xx answer that breaks off as a contract mismatch', async () => {
    const server = await loopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 500 });
      res.write('{"id":"' + ID + '","email":"a@b');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const { tyk } = client(server.url);
    await expect(tyk.getDeveloper(ID)).rejects.toMatchObject({ code: 'TYK_CONTRACT_MISMATCH', status: 200 });
    expect(server.requests).toHaveLength(1);
  });

  it('fails a body that stalls past the body timeout as unavailable', async () => {
    const server = await loopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":');
    });
    const { tyk } = client(server.url, { bodyTimeoutMs: 100 });
    await expect(tyk.getDeveloper(ID)).rejects.toMatchObject({ code: 'TYK_UNAVAILABLE' });
  });
});
