/**
 * One subscriber's stream: a bounded queue read as an async iterator by the transport (graphql-ws's
 * send loop, Yoga's server-sent events).
 *
 * - `push` never blocks and never grows the queue past `maxQueued`: it answers false instead, and
 *   the caller decides what a subscriber that fell behind gets (src/subscriptions/hub.ts ends it).
 * - `return()` (a client's `complete`, a disconnect) finishes at once, even while a `next()` waits:
 *   nothing is held until the next event, and `onEnd` runs exactly once, whoever ends the stream.
 */
export class SubscriberStream<T> implements AsyncIterableIterator<T> {
  readonly #queue: T[] = [];
  #waiting: ((result: IteratorResult<T, undefined>) => void) | undefined;
  #ended = false;
  #onEnd: (() => void) | undefined;

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
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = undefined;
      const value = this.#queue.shift();
      waiting(value === undefined ? { value: undefined, done: true } : { value, done: false });
    }
    this.#finish();
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

  #finish(): void {
    const onEnd = this.#onEnd;
    this.#onEnd = undefined;
    onEnd?.();
  }
}
