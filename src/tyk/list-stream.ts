/**
 * Reads a portal list body (`{"Data":[item, item, …],"Pages":n}`) as it arrives and hands over each
 * item of `Data` as soon as it is complete, so a list of any length is read with the memory of one
 * item and one network chunk: nothing holds the whole body.
 *
 * The scanner only finds where items begin and end (strings, escapes, nesting), working on bytes:
 * UTF-8 continuation bytes are all ≥ 0x80, so no multi-byte character looks like a quote or a
 * bracket. Each item's bytes, and every other top-level value (`Pages`), are parsed by
 * `JSON.parse`. A body that is not such an envelope fails with a ListStreamError, which the client
 * turns into a contract mismatch.
 */

export class ListStreamError extends Error {
  override name = 'ListStreamError';
}

/**
 * A whole (small) list body read at once with the engine's JSON.parse, handing over its items in
 * order as ListStream does and answering the same: the envelope's other fields, or a
 * ListStreamError for a body that is not such an envelope. For bodies up to a few hundred KB this
 * is several times cheaper than scanning byte by byte (docs/loaders.md).
 */
export function readWholeList(body: Buffer, options: Pick<ListStreamOptions, 'onItem' | 'itemsKey'>): Record<string, unknown> {
  const key = options.itemsKey ?? 'Data';
  let envelope: unknown;
  try {
    envelope = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ListStreamError(body.length === 0 ? 'the body is empty' : 'the body broke off or is not JSON');
  }
  if (envelope === null || typeof envelope !== 'object' || Array.isArray(envelope)) throw new ListStreamError('the body is not an object');
  const { [key]: items, ...fields } = envelope as Record<string, unknown>;
  if (items === null) return { ...fields, [key]: null };
  if (items === undefined) throw new ListStreamError(`the body has no ${key}`);
  if (!Array.isArray(items)) throw new ListStreamError(`${key} is not an array`);
  items.forEach((item, index) => options.onItem(item, index));
  return fields;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const isSpace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

export interface ListStreamOptions {
  /** Called with each parsed item, in order. */
  onItem: (item: unknown, index: number) => void;
  /** Largest single item (or other top-level value) in bytes; a bigger one fails the stream. */
  maxItemBytes: number;
  /** Name of the array that holds the items; default `Data`. */
  itemsKey?: string;
}

/** Where the scanner is. Depth 1 is inside the envelope, depth 2 inside the items array. */
const enum State {
  BeforeEnvelope,
  Key, // depth 1: a key or `}`
  InKey, // depth 1: inside a key string
  Colon, // depth 1: after a key
  Value, // depth 1: a value
  InValue, // inside a top-level value other than the items
  Item, // depth 2: an item or `]`
  InItem, // inside an item
  AfterItem, // depth 2: after an object or array item (handed over at its closing bracket)
  AfterItems, // depth 1: after the items array
  AfterEnvelope,
}

export class ListStream {
  readonly #onItem: ListStreamOptions['onItem'];
  readonly #maxBytes: number;
  readonly #itemsKey: string;
  #state = State.BeforeEnvelope;
  #depth = 0;
  #inString = false;
  /** Whether the string bytes seen so far end in an odd run of backslashes (the next byte is escaped). */
  #escapeCarry = false;
  /** The current key, value or item: kept parts from earlier chunks and where it starts in this one. */
  #capturing = false;
  #from = 0;
  #parts: Buffer[] = [];
  #partBytes = 0;
  #key = '';
  #count = 0;
  #itemsSeen = false;
  readonly #fields: Record<string, unknown> = {};

  constructor(options: ListStreamOptions) {
    this.#onItem = options.onItem;
    this.#maxBytes = options.maxItemBytes;
    this.#itemsKey = options.itemsKey ?? 'Data';
  }

  /** Items handed over so far. */
  get count(): number {
    return this.#count;
  }

  /** Feeds the next chunk of the body. */
  push(chunk: Buffer): void {
    this.#from = 0;
    for (let i = 0; i < chunk.length; i++) {
      if (this.#inString) {
        i = this.#skipString(chunk, i);
        if (i < 0) break;
        continue;
      }
      const byte = chunk[i]!;
      if (isSpace(byte)) continue;
      this.#step(chunk, i, byte);
    }
    if (this.#capturing) {
      this.#keep(chunk.subarray(this.#from));
      if (this.#partBytes > this.#maxBytes) throw new ListStreamError(`an item is larger than ${this.#maxBytes} bytes`);
    }
  }

  /** The body ended: the envelope's other fields (`Pages`); a ListStreamError when it broke off. */
  end(): Record<string, unknown> {
    if (this.#state !== State.AfterEnvelope) throw new ListStreamError('the body broke off');
    const items = this.#fields[this.#itemsKey];
    if (!this.#itemsSeen && items !== null) {
      throw new ListStreamError(items === undefined ? `the body has no ${this.#itemsKey}` : `${this.#itemsKey} is not an array`);
    }
    return this.#fields;
  }

  /**
   * Inside a string at `i`: jumps to its closing quote and returns that index, or returns -1 when
   * the chunk ends first.
   */
  #skipString(chunk: Buffer, i: number): number {
    for (;;) {
      const quote = chunk.indexOf(QUOTE, i);
      const end = quote < 0 ? chunk.length : quote;
      let run = 0;
      while (run < end - i && chunk[end - 1 - run] === BACKSLASH) run++;
      const escaped = (run + (run === end - i && this.#escapeCarry ? 1 : 0)) % 2 === 1;
      if (quote < 0) {
        this.#escapeCarry = escaped;
        return -1;
      }
      this.#escapeCarry = false;
      if (escaped) {
        i = quote + 1;
        continue;
      }
      this.#inString = false;
      if (this.#state === State.InKey) {
        this.#key = String(parse(this.#take(chunk, quote)));
        this.#state = State.Colon;
      }
      return quote;
    }
  }

  #step(chunk: Buffer, i: number, byte: number): void {
    switch (this.#state) {
      case State.BeforeEnvelope:
        if (byte !== OPEN_OBJECT) throw new ListStreamError('the body is not a JSON object');
        this.#depth = 1;
        this.#state = State.Key;
        return;
      case State.Key:
        if (byte === CLOSE_OBJECT) return this.#closeEnvelope();
        if (byte !== QUOTE) throw new ListStreamError('expected a key');
        this.#begin(i);
        this.#inString = true;
        this.#state = State.InKey;
        return;
      case State.Colon:
        if (byte !== COLON) throw new ListStreamError('expected a colon');
        this.#state = State.Value;
        return;
      case State.Value:
        if (this.#key === this.#itemsKey && byte === OPEN_ARRAY) {
          this.#itemsSeen = true;
          this.#depth = 2;
          this.#state = State.Item;
          return;
        }
        this.#begin(i);
        this.#state = State.InValue;
        return this.#structure(byte);
      case State.InValue:
        if (this.#depth === 1 && (byte === COMMA || byte === CLOSE_OBJECT)) {
          this.#fields[this.#key] = parse(this.#take(chunk, i - 1));
          if (byte === COMMA) this.#state = State.Key;
          else this.#closeEnvelope();
          return;
        }
        return this.#structure(byte);
      case State.Item:
        if (byte === CLOSE_ARRAY && this.#count === 0) return this.#closeItems();
        if (byte === COMMA || byte === CLOSE_ARRAY || byte === COLON || byte === CLOSE_OBJECT) throw new ListStreamError('an item is missing');
        this.#begin(i);
        this.#state = State.InItem;
        return this.#structure(byte);
      case State.InItem:
        if (this.#depth === 2 && (byte === COMMA || byte === CLOSE_ARRAY)) {
          // A scalar or string item ends where the separator begins.
          this.#deliver(chunk, i - 1);
          if (byte === COMMA) this.#state = State.Item;
          else this.#closeItems();
          return;
        }
        this.#structure(byte);
        // An object or array item is handed over at its closing bracket, not at the next comma.
        if (this.#depth === 2 && (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY)) {
          this.#deliver(chunk, i);
          this.#state = State.AfterItem;
        }
        return;
      case State.AfterItem:
        if (byte === COMMA) this.#state = State.Item;
        else if (byte === CLOSE_ARRAY) this.#closeItems();
        else throw new ListStreamError('expected a comma or the end of the items');
        return;
      case State.AfterItems:
        if (byte === COMMA) this.#state = State.Key;
        else if (byte === CLOSE_OBJECT) this.#closeEnvelope();
        else throw new ListStreamError('expected a comma or the end of the object');
        return;
      case State.AfterEnvelope:
        throw new ListStreamError('data after the end of the object');
    }
  }

  #deliver(chunk: Buffer, end: number): void {
    const index = this.#count++;
    this.#onItem(parse(this.#take(chunk, end)), index);
  }

  /** Strings and nesting inside a value or an item. */
  #structure(byte: number): void {
    if (byte === QUOTE) this.#inString = true;
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) this.#depth++;
    else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      const base = this.#state === State.InItem ? 2 : 1;
      if (this.#depth <= base) throw new ListStreamError('unbalanced brackets');
      this.#depth--;
    }
  }

  #closeItems(): void {
    this.#depth = 1;
    this.#state = State.AfterItems;
  }

  #closeEnvelope(): void {
    this.#depth = 0;
    this.#state = State.AfterEnvelope;
  }

  #begin(i: number): void {
    this.#capturing = true;
    this.#from = i;
  }

  #keep(part: Buffer): void {
    // Copied: the stream may reuse the chunk once push returns.
    this.#parts.push(Buffer.from(part));
    this.#partBytes += part.length;
  }

  /** The captured bytes up to `end` (inclusive) of this chunk; capturing stops. */
  #take(chunk: Buffer, end: number): Buffer {
    this.#capturing = false;
    const tail = chunk.subarray(this.#from, end + 1);
    const size = this.#partBytes + tail.length;
    if (size > this.#maxBytes) throw new ListStreamError(`an item is larger than ${this.#maxBytes} bytes`);
    if (this.#parts.length === 0) return tail;
    const whole = Buffer.concat([...this.#parts, tail], size);
    this.#parts = [];
    this.#partBytes = 0;
    return whole;
  }
}

function parse(text: Buffer): unknown {
  try {
    return JSON.parse(text.toString('utf8'));
  } catch {
    throw new ListStreamError('a value is not valid JSON');
  }
}
