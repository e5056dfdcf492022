/**
 * A transport that takes a stream's values as they are pushed, synchronously, instead of iterating
 * (src/websocket.ts: no promise per value). Its contract is a Node stream's `write`.
 */
export interface StreamSink<T> {
  /**
   * Takes `value` (always: it is the sink's from then on). Answers false when it cannot take another
   * now; the stream then holds what follows in its queue (bounded by `maxQueued`, as for an
   * iterating transport) until the sink calls `resume()`.
   */
  write(value: T): boolean;
  /** The stream has ended and every value it was to deliver has been written. Runs once. */
  end(): void;
}

/**
 * One subscriber's stream: a bounded queue read by the transport, either as an async iterator
 * (Yoga's server-sent events) or through a sink it attaches with `pipe` (graphql-ws, src/websocket.ts).
 *
 * - `push` never blocks and never grows the queue past `maxQueued`: it answers false instead, and
 *   the caller decides what a subscriber that fell behind gets (src/subscriptions/hub.ts ends it).
 *   With a sink that keeps up, nothing is queued: `push` writes to it at once, in order.
 * - `return()` (a client's `complete`, a disconnect) finishes at once, even while a `next()` waits:
 *   nothing is held until the next event, and `onEnd` runs exactly once, whoever ends the stream.
 */
export class SubscriberStream<T> implements AsyncIterableIterator<T> {
  readonly #queue: T[] = [];
  #waiting: ((result: IteratorResult<T, undefined>) => void) | undefined;
  #ended = false;
  #onEnd: (() => void) | undefined;
  #sink: StreamSink<T> | undefined;
  /** The sink answered false and has not called `resume()` since. */
  #paused = false;
  #sinkEnded = false;

  /** `onEnd` runs once when the stream ends (by `end`, `return` or `throw`). */
  constructor(
    readonly maxQueued: number,
    onEnd: () => void,
  ) {
    this.#onEnd = onEnd;
  }

  /** Values waiting for the transport. */
  get queued(): number {
    return this.#queue.length;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Hands a value to the transport; false when the stream has ended or `maxQueued` values already wait. */
  push(value: T): boolean {
    if (this.#ended) return false;
    if (this.#sink && !this.#paused && this.#queue.length === 0) {
      this.#paused = !this.#sink.write(value);
      return true;
    }
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = undefined;
      waiting({ value, done: false });
      return true;
    }
    if (this.#queue.length >= this.maxQueued) return false;
    this.#queue.push(value);
    return true;
  }

  /**
   * Ends the stream: `last` (if any) is still delivered, after the queued values, or instead of them
   * with `dropQueued` (a subscriber that fell behind need not be sent what it could not read).
   */
  end(last?: T, options: { dropQueued?: boolean } = {}): void {
    if (this.#ended) return;
    this.#ended = true;
    if (options.dropQueued) this.#queue.length = 0;
    if (last !== undefined) this.#queue.push(last);
    if (this.#sink && !this.#paused) this.resume();
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = undefined;
      const value = this.#queue.shift();
      waiting(value === undefined ? { value: undefined, done: true } : { value, done: false });
    }
    this.#finish();
  }

  /**
   * Hands every value, queued and to come, to `sink` instead of an iterator (which must not be in
   * use). What was queued before is written first; a stream that has already ended ends the sink
   * once its queue is written.
   */
  pipe(sink: StreamSink<T>): void {
    if (this.#sink) throw new Error('SubscriberStream.pipe: the stream already has a sink.');
    if (this.#waiting) throw new Error('SubscriberStream.pipe: the stream is being iterated; pipe it before the first next().');
    this.#sink = sink;
    this.resume();
  }

  /** Called by the sink when it can take values again: writes the queue until it answers false, then ends it if the stream has ended. */
  resume(): void {
    const sink = this.#sink;
    if (!sink || this.#sinkEnded) return;
    this.#paused = false;
    while (this.#queue.length > 0) {
      if (!sink.write(this.#queue.shift() as T)) {
        this.#paused = true;
        return;
      }
    }
    if (this.#ended) this.#endSink();
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.#queue.length > 0) return Promise.resolve({ value: this.#queue.shift() as T, done: false });
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T, undefined>> {
    this.#ended = true;
    this.#queue.length = 0;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.({ value: undefined, done: true });
    this.#endSink();
    this.#finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T, undefined>> {
    void this.return();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #endSink(): void {
    if (!this.#sink || this.#sinkEnded) return;
    this.#sinkEnded = true;
    this.#sink.end();
  }

  #finish(): void {
    const onEnd = this.#onEnd;
    this.#onEnd = undefined;
    onEnd?.();
  }
}
