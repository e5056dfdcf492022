/**
 * graphql-ws on the GraphQL path: the protocol core of graphql-ws (`makeServer`) over `ws`
 * sockets, with the gateway's own socket handling instead of graphql-ws's `useServer`, so that:
 *
 * - A bad document on one operation (syntax error, validation, document limits, trusted-documents
 *   refusal) answers an `error` message for that operation only; the socket and its other
 *   operations stay up. Every error sent is coded by `formatError` (use-error-codes' `clientError`),
 *   never with Yoga's internal `http` extension.
 * - A client that does not read what it is sent cannot hold memory: before each message, a socket
 *   with more than `maxBufferedBytes` still unsent (ws `bufferedAmount`) is closed with 1013 (Try
 *   Again Later; graphql-ws clients reconnect after it), as is a socket one of whose subscriptions
 *   fell more than `maxQueued` events behind (the subscription hub tells it). Its subscriptions are
 *   released at that moment, and `ws` destroys the connection if the close handshake does not
 *   complete within 30 s.
 * - `close(graceMs)` says 1001 (going away) to every client and terminates the ones that have not
 *   closed within the grace, so a stuck client cannot hold a shutdown.
 * - Socket errors (bad frames, oversized frames: 1009) and keep-alive timeouts are expected
 *   conditions: one log line with a code, no stack.
 * - Keep-alive: a ping every `keepAliveMs` (default 12 s); a socket that has not answered the
 *   previous one by then is terminated.
 * - Fan-out is one frame write per subscriber: a subscription served by the subscription hub
 *   (src/subscriptions/hub.ts) does not go through graphql-ws's per-message path (a promise, the
 *   `onNext` hook, message validation and `JSON.stringify` of the whole payload, per subscriber and
 *   event). Its stream is piped to the socket (`SocketSubscription`): each result the hub shares
 *   with a group is formatted (`formatError` on its errors, as `onNext` does) and serialized once,
 *   and each member's `next` frame is its `{"id":…,"type":"next","payload":` prefix, those bytes
 *   and `}`, written at once; a socket with several hub subscriptions is corked for the turn of the
 *   event loop (one write for all its frames). The frames are byte for byte what graphql-ws would
 *   send. graphql-ws still runs the operation (subscribe, `complete` from either side, errors,
 *   `onComplete`), iterating the subscription only to learn when it ends. A socket holding more
 *   than 64 KiB unsent (or `maxBufferedBytes`, if less) makes its hub subscriptions wait in their
 *   bounded queues until `ws` has written what it holds: the hub's `maxQueued` rule
 *   (SUBSCRIPTION_OVERFLOW, then 1013) applies as to any transport.
 */
import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { CloseCode, handleProtocols, makeServer, type SubscribePayload } from 'graphql-ws';
import type { YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import type { GatewayContext } from './context.js';
import { expectedFailure } from './log-error.js';
import type { GatewayMetrics } from './metrics.js';
import { resolveOperation, type TrustedDocuments } from './security/trusted-documents.js';
import type { SubscriberTransport } from './subscriptions/hub.js';
import { SubscriberStream, type StreamSink } from './subscriptions/subscriber-stream.js';

export interface WebSocketLimits {
  /** Largest frame; bigger closes the socket with 1009. Default 64 KiB. */
  maxPayloadBytes: number;
  /** Operations one connection may run at once; more get TOO_MANY_SUBSCRIPTIONS. Default 50. */
  maxOperationsPerConnection: number;
  /** Time to `connection_init` before 4408. Default 5 000 ms. */
  connectionInitWaitTimeoutMs: number;
  /** Bytes a socket may hold unsent before it is closed with 1013. Default 1 MiB. */
  maxBufferedBytes: number;
  /** Ping interval; an unanswered ping terminates the socket at the next one. Default 12 000 ms. */
  keepAliveMs: number;
}

export const WEBSOCKET_DEFAULTS: WebSocketLimits = {
  maxPayloadBytes: 64 * 1024,
  maxOperationsPerConnection: 50,
  connectionInitWaitTimeoutMs: 5_000,
  maxBufferedBytes: 1024 * 1024,
  keepAliveMs: 12_000,
};

/** The close code of a socket whose client does not keep up (RFC 6455 "Try Again Later"). */
export const SLOW_CLIENT_CLOSE_CODE = 1013;

export interface GraphQLWebSocketOptions {
  http: Server;
  path: string;
  yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
  metrics: GatewayMetrics;
  logger: Logger;
  limits?: Partial<WebSocketLimits>;
  trustedDocuments?: { documents: TrustedDocuments; only: boolean } | undefined;
  /** Every error sent over a socket goes through it (codes, no internals, no `http`). */
  formatError: (error: GraphQLError) => GraphQLError;
  /** The client address of a connection, from its upgrade request; default the TCP peer. */
  clientAddressOf?: (request: IncomingMessage) => string | undefined;
  /** Runs on the headers of the 101 answer (e.g. to add the request id). */
  onHeaders?: (headers: string[], request: IncomingMessage) => void;
  /** Runs when a connection opens (e.g. its access log line, written when it closes). */
  onConnection?: (socket: WebSocket, request: IncomingMessage) => void;
}

export interface GraphQLWebSocket {
  /** Open connections. */
  readonly size: number;
  /** 1001 to every client; those still open after `graceMs` are terminated. Resolves when all are gone. */
  close(graceMs: number): Promise<void>;
}

/** Per connection: what the gateway tracks beside graphql-ws's own state. */
interface Connection {
  socket: WebSocket;
  /** The client's address, worked out once from the upgrade request (which is not kept: it holds all its headers). */
  clientAddress: string | undefined;
  operations: number;
  closing: boolean;
  transport: SubscriberTransport;
  /** Releases graphql-ws's subscriptions of the socket; runs once (on close or when the socket is dropped). */
  release: (code: number, reason: string) => void;
  /** Writes one hub result as a subscription's `next` frame; false when the socket holds too much unsent (the subscription then waits). */
  writeNext: (subscription: SocketSubscription, result: ExecutionResult) => boolean;
  /** Hub subscriptions waiting for the socket to write what it holds. */
  paused: Set<SocketSubscription> | undefined;
  /** Hub subscriptions open on the socket. */
  piped: number;
  /** The callback of every frame sent: resumes the waiting subscriptions once the socket has written enough. */
  written: () => void;
}

type Extra = { connection: Connection };

const asGraphQLError = (error: unknown, code: string): GraphQLError =>
  error instanceof GraphQLError ? error : new GraphQLError(error instanceof Error ? error.message : String(error), { extensions: { code } });

/** Unsent bytes past which a socket's hub subscriptions wait (at most `maxBufferedBytes`). */
const PAUSE_BYTES = 64 * 1024;
/** A Buffer holding JSON text is sent as a text frame. */
const TEXT_FRAME = { binary: false } as const;
const FRAME_END = Buffer.from('}');
const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * A hub subscription on a socket: the sink its stream is piped to, and, for graphql-ws, an iterator
 * that yields nothing and finishes when the stream has ended and its last frame has been written,
 * so that graphql-ws sends `complete` after it and does its bookkeeping. `return()` (the client's
 * `complete`, the socket's release) ends the stream at once.
 */
class SocketSubscription implements StreamSink<ExecutionResult>, AsyncIterableIterator<never, undefined> {
  #ended = false;
  #finished: ((result: IteratorReturnResult<undefined>) => void) | undefined;

  constructor(
    readonly stream: SubscriberStream<ExecutionResult>,
    /** `{"id":<id>,"type":"next","payload":` */
    readonly prefix: Buffer,
    readonly connection: Connection,
  ) {}

  write(result: ExecutionResult): boolean {
    return this.connection.writeNext(this, result);
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.connection.piped -= 1;
    const finished = this.#finished;
    this.#finished = undefined;
    finished?.(DONE);
  }

  next(): Promise<IteratorResult<never, undefined>> {
    if (this.#ended) return Promise.resolve(DONE);
    return new Promise((resolve) => {
      this.#finished = resolve;
    });
  }

  return(): Promise<IteratorResult<never, undefined>> {
    void this.stream.return();
    return Promise.resolve(DONE);
  }

  throw(error?: unknown): Promise<IteratorResult<never, undefined>> {
    void this.stream.return();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

export function attachGraphQLWebSocket(options: GraphQLWebSocketOptions): GraphQLWebSocket {
  const limits = { ...WEBSOCKET_DEFAULTS, ...options.limits };
  const { metrics, logger, formatError } = options;
  const wss = new WebSocketServer({ server: options.http, path: options.path, maxPayload: limits.maxPayloadBytes, handleProtocols: (protocols) => handleProtocols(protocols) });
  const formatResult = (result: ExecutionResult): ExecutionResult | undefined =>
    result.errors?.length ? { ...result, errors: result.errors.map((e) => formatError(asGraphQLError(e, 'INTERNAL_SERVER_ERROR'))) } : undefined;
  const pauseBytes = Math.min(PAUSE_BYTES, limits.maxBufferedBytes);

  /** The `payload` of a hub result's `next` message, as JSON bytes: what graphql-ws would send (`onNext`, else the result with its errors' toJSON()), computed once per result. */
  const payloads = new WeakMap<ExecutionResult, Buffer>();
  const payloadOf = (result: ExecutionResult): Buffer => {
    let bytes = payloads.get(result);
    if (bytes === undefined) {
      let payload: unknown = formatResult(result);
      if (!payload) {
        const { errors, ...rest } = result;
        payload = errors ? { ...rest, errors: errors.map((e) => e.toJSON()) } : rest;
      }
      bytes = Buffer.from(JSON.stringify(payload));
      payloads.set(result, bytes);
    }
    return bytes;
  };

  /** graphql-ws's subscribe, with the hub's streams piped to the socket instead of iterated. */
  const subscribeOn = (connection: Connection, id: string, subscribe: (args: ExecutionArgs) => unknown) => async (args: ExecutionArgs) => {
    const result = await subscribe(args);
    if (!(result instanceof SubscriberStream)) return result;
    const subscription = new SocketSubscription(result as SubscriberStream<ExecutionResult>, Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`), connection);
    connection.piped += 1;
    subscription.stream.pipe(subscription);
    return subscription;
  };

  const protocol = makeServer<Record<string, unknown> | undefined, Extra>({
    execute: (args) => (args.rootValue as { execute: (a: ExecutionArgs) => unknown }).execute(args) as never,
    subscribe: (args) => (args.rootValue as { subscribe: (a: ExecutionArgs) => unknown }).subscribe(args) as never,
    connectionInitWaitTimeout: limits.connectionInitWaitTimeoutMs,
    onOperation: () => metrics.openOperations.inc({}, 1),
    onComplete: (ctx) => {
      metrics.openOperations.inc({}, -1);
      ctx.extra.connection.operations = Math.max(0, ctx.extra.connection.operations - 1);
    },
    onNext: (_ctx, _id, _payload, _args, result) => formatResult(result) as never,
    onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e).toJSON()),
    onSubscribe: async (ctx, id, params: SubscribePayload) => {
      const connection = ctx.extra.connection;
      if (connection.operations >= limits.maxOperationsPerConnection) {
        return [
          new GraphQLError(`At most ${limits.maxOperationsPerConnection} operations may run on one connection.`, {
            extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
          }),
        ];
      }
      const trusted = options.trustedDocuments ? resolveOperation(options.trustedDocuments, params) : { query: params.query };
      if (trusted instanceof GraphQLError) return [trusted];
      const enveloped = options.yoga.getEnveloped({
        ...ctx,
        connectionParams: ctx.connectionParams,
        params,
        subscriberTransport: connection.transport,
      });
      let document;
      try {
        document = enveloped.parse(trusted.query ?? '');
      } catch (error) {
        // A syntax error or the token limit: this operation's error, not the socket's.
        return [asGraphQLError(error, 'GRAPHQL_PARSE_FAILED')];
      }
      let errors: readonly GraphQLError[];
      try {
        errors = enveloped.validate(enveloped.schema, document);
      } catch (error) {
        // Document limits refuse by throwing out of validation, as over HTTP.
        return [asGraphQLError(error, 'GRAPHQL_VALIDATION_FAILED')];
      }
      if (errors.length > 0) return [...errors];
      connection.operations += 1;
      return {
        schema: enveloped.schema,
        operationName: params.operationName,
        document,
        variableValues: params.variables,
        contextValue: await enveloped.contextFactory(),
        rootValue: { execute: enveloped.execute, subscribe: subscribeOn(connection, id, enveloped.subscribe) },
      };
    },
  });

  /** The client does not read: close with 1013 and release its subscriptions now. */
  const dropSlow = (connection: Connection) => {
    if (connection.closing) return;
    connection.closing = true;
    metrics.slowClients.inc({ transport: 'ws' });
    logger.warn({ code: 'SUBSCRIBER_TOO_SLOW', bufferedBytes: connection.socket.bufferedAmount }, 'websocket closed with 1013: the client does not read what it is sent');
    connection.socket.close(SLOW_CLIENT_CLOSE_CODE, 'Subscriber too slow');
    connection.release(SLOW_CLIENT_CLOSE_CODE, 'Subscriber too slow');
  };

  if (options.onHeaders) wss.on('headers', options.onHeaders);
  wss.on('connection', (socket, request) => {
    options.onConnection?.(socket, request);
    metrics.openSockets.inc({}, 1);
    let released = false;
    let release: (code: number, reason: string) => Promise<void> = async () => undefined;
    // The TCP socket ws writes to: corked while one turn of the event loop writes several frames to
    // it, flushed at the end of the turn or as soon as it holds more than `pauseBytes`.
    const tcp = request.socket;
    let corked = false;
    let flushScheduled = false;
    const flush = () => {
      if (!corked) return;
      corked = false;
      tcp.uncork();
    };
    const flushAtTurnEnd = () => {
      flushScheduled = false;
      flush();
    };
    const connection: Connection = {
      socket,
      clientAddress: options.clientAddressOf ? options.clientAddressOf(request) : request.socket.remoteAddress,
      operations: 0,
      closing: false,
      transport: { name: 'ws', tooSlow: () => dropSlow(connection) },
      release: (code, reason) => {
        if (released) return;
        released = true;
        release(code, reason).catch((error: unknown) => logger.error({ err: error }, 'graphql-ws connection cleanup failed'));
      },
      writeNext: (subscription, result) => {
        // A socket going away takes nothing more; its release ends the subscription.
        if (socket.readyState !== WebSocket.OPEN || connection.closing) return true;
        if (socket.bufferedAmount > limits.maxBufferedBytes) {
          dropSlow(connection);
          return true;
        }
        if (connection.piped > 1 && !corked) {
          // Other subscriptions of this socket are likely to get a frame in this turn too (a group's
          // result goes to all its members at once): one write for all of them, after the turn.
          corked = true;
          tcp.cork();
          if (!flushScheduled) {
            flushScheduled = true;
            process.nextTick(flushAtTurnEnd);
          }
        }
        const payload = payloadOf(result);
        const prefix = subscription.prefix;
        socket.send(Buffer.concat([prefix, payload, FRAME_END], prefix.length + payload.length + 1), TEXT_FRAME, connection.written);
        if (socket.bufferedAmount <= pauseBytes) return true;
        // What the cork held goes now: what is still unsent after that is the client's backlog (and
        // the limits above never count frames the gateway itself held back).
        flush();
        if (socket.bufferedAmount <= pauseBytes) return true;
        (connection.paused ??= new Set()).add(subscription);
        return false;
      },
      paused: undefined,
      piped: 0,
      written: () => {
        const paused = connection.paused;
        if (!paused?.size || socket.bufferedAmount > pauseBytes || connection.closing) return;
        connection.paused = undefined;
        for (const subscription of paused) subscription.stream.resume();
      },
    };
    socket.on('error', (error) => logger.warn({ ...expectedFailure(error, 'WS_ERROR') }, 'websocket error'));

    let answered = true;
    const keepAlive = setInterval(() => {
      if (!answered) {
        logger.info({ code: 'WS_KEEPALIVE_TIMEOUT' }, 'websocket terminated: no answer to the last ping');
        socket.terminate();
        return;
      }
      answered = false;
      // With the frames' callback: waiting subscriptions resume once it is written, whatever was sent before it.
      socket.ping(undefined, undefined, connection.written);
    }, limits.keepAliveMs);
    keepAlive.unref();
    socket.on('pong', () => {
      answered = true;
    });

    release = protocol.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve) => {
            if (socket.readyState !== WebSocket.OPEN || connection.closing) return resolve();
            if (socket.bufferedAmount > limits.maxBufferedBytes) {
              dropSlow(connection);
              return resolve();
            }
            // A failed write closes the socket; the close handler releases what it held.
            socket.send(data, () => {
              resolve();
              connection.written();
            });
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data) => {
            if (connection.closing) return;
            handle(String(data)).catch((error: unknown) => {
              logger.error({ err: error }, 'graphql-ws message handling failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      { connection },
    );

    socket.once('close', (code, reason) => {
      clearInterval(keepAlive);
      metrics.openSockets.inc({}, -1);
      connection.release(code, String(reason));
    });
  });

  return {
    get size() {
      return wss.clients.size;
    },
    async close(graceMs) {
      const sockets = [...wss.clients];
      const gone = sockets.map((socket) =>
        socket.readyState === WebSocket.CLOSED ? Promise.resolve() : new Promise<void>((resolve) => socket.once('close', () => resolve())),
      );
      for (const socket of sockets) socket.close(1001, 'Going away');
      const cut = setTimeout(() => {
        for (const socket of sockets) if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
      }, graceMs);
      await Promise.all(gone);
      clearTimeout(cut);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
