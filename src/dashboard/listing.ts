/**
 * Lists the embedded Dashboard pages through at organisation size: a map that remembers its
 * insertion order as an array (rebuilt only after the membership changed), so a page of 10 out of
 * 50 000 developers costs a slice, not a copy of the organisation.
 */

/**
 * A Map whose values, in insertion order, are kept as an array until a key is added or removed
 * (replacing a key's value keeps its place, as Map does, and refreshes that slot only).
 */
export class ListedMap<K, V> extends Map<K, V> {
  #values: V[] | undefined;
  #slots: Map<K, number> | undefined;

  override set(key: K, value: V): this {
    const slot = this.#slots?.get(key);
    if (slot !== undefined && this.#values) this.#values[slot] = value;
    else this.#forget();
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    const deleted = super.delete(key);
    if (deleted) this.#forget();
    return deleted;
  }

  override clear(): void {
    super.clear();
    this.#forget();
  }

  /** Every value in insertion order; the same array until the membership changes (do not modify it). */
  listed(): readonly V[] {
    if (!this.#values) {
      this.#values = [...super.values()];
      this.#slots = new Map([...super.keys()].map((key, i) => [key, i]));
    }
    return this.#values;
  }

  #forget(): void {
    this.#values = undefined;
    this.#slots = undefined;
  }
}

/** The values of a map in insertion order: a ListedMap's kept array, any other map's copy. */
export function listed<V>(map: Map<unknown, V>): readonly V[] {
  return map instanceof ListedMap ? (map.listed() as readonly V[]) : [...map.values()];
}

/** Items per chunk of a streamed list answer. */
const CHUNK_ITEMS = 500;

/**
 * A list answer (`{"Data":[…],"Pages":n}`) written in chunks, yielding to the event loop between
 * them and waiting when the client reads slower than it is written: a list of 50 000 developers is
 * never one 31 MB string, and the process (which, under `npm start`, is also the gateway) keeps
 * answering meanwhile. Sent without a content length (chunked), as a proxy in front of Tyk may.
 */
export class StreamedList<T> {
  constructor(
    readonly items: readonly T[],
    readonly serve: (item: T) => unknown,
    readonly pages: number,
  ) {}

  async writeTo(res: import('node:http').ServerResponse, status: number, headers: Record<string, string>): Promise<void> {
    res.writeHead(status, { ...headers, 'content-type': 'application/json' });
    let first = true;
    const write = (text: string) => (res.write(text) ? Promise.resolve() : new Promise<void>((resolve) => res.once('drain', resolve)));
    await write('{"Data":[');
    for (let i = 0; i < this.items.length; i += CHUNK_ITEMS) {
      if (res.destroyed) return;
      const chunk = this.items.slice(i, i + CHUNK_ITEMS).map((item) => JSON.stringify(this.serve(item)));
      await write((first ? '' : ',') + chunk.join(','));
      first = false;
      await new Promise((resolve) => setImmediate(resolve));
    }
    res.end(`],"Pages":${this.pages}}`);
  }
}
