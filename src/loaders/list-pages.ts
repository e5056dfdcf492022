/**
 * One request's reads of one of Tyk's paged lists (developers, key requests), page by page: a window
 * of the list (`developers(first: 50, after: …)`) reads only the pages that hold it, all at once; its
 * total costs at most the last page on top; `last: N` reads the last pages. Every page is read at
 * most once per request.
 *
 * Tyk's answer to a page carries `Pages` (ceil(total / page size)); the page size is Tyk's
 * `page_size` setting (10 unless changed), learned per Dashboard origin from the first full page
 * seen, so a Dashboard with another page size costs one more round the first time, and is read
 * right after. A recent page count of the same credential (a hint, kept 30 s) keeps a window from
 * reading past the end of a small list; an answer showing the list grew beyond the hint reads on.
 */
import { TYK_PAGE_SIZE } from '../tyk/contract.js';
import type { TykPage } from '../tyk/wire.js';

/** Page size per Dashboard origin, once learned. */
const pageSizes = new Map<string, number>();

/** Where the reader learns and leaves the page count hint (the shared index store, per credential). */
export interface PagesHint {
  get(): number | undefined;
  set(pages: number): void;
}

export interface ListWindow<T> {
  /** The items at [start, start + items.length). */
  items: T[];
  /** Whether items exist past the window. */
  hasNext: boolean;
}

export interface ListPagesOptions<T> {
  /** The Dashboard's origin: page sizes are learned per Dashboard. */
  origin: string;
  /** Reads page `n` (1-based) of the list. */
  readPage: (n: number) => Promise<TykPage<T>>;
  /** Where a recent page count of the same list and credential is kept; none by default. */
  hint?: PagesHint | undefined;
  /** Told of every page read (e.g. to prime by-id loaders). */
  onPage?: ((items: T[], offset: number) => void) | undefined;
}

export class ListPages<T> {
  readonly #origin: string;
  readonly #readPage: (n: number) => Promise<TykPage<T>>;
  readonly #hint: PagesHint | undefined;
  readonly #onPage: ((items: T[], offset: number) => void) | undefined;
  readonly #read = new Map<number, Promise<TykPage<T>>>();
  /** The page count the latest answer of this request gave. */
  #pages: number | undefined;

  constructor(options: ListPagesOptions<T>) {
    this.#origin = options.origin;
    this.#readPage = options.readPage;
    this.#hint = options.hint;
    this.#onPage = options.onPage;
  }

  get pageSize(): number {
    return pageSizes.get(this.#origin) ?? TYK_PAGE_SIZE;
  }

  /** Page `n` (1-based), read once per request. */
  page(n: number): Promise<TykPage<T>> {
    let pending = this.#read.get(n);
    if (!pending) {
      pending = this.#readPage(n).then((answer) => {
        this.#learn(n, answer);
        this.#onPage?.(answer.data, (n - 1) * this.pageSize);
        return answer;
      });
      // A failed page is not kept: a later field of the request may try again.
      pending.catch(() => this.#read.get(n) === pending && this.#read.delete(n));
      this.#read.set(n, pending);
    }
    return pending;
  }

  /** The items at offsets [start, end) of Tyk's list, reading only the pages that hold them. */
  async window(start: number, end: number): Promise<ListWindow<T>> {
    if (end <= start) {
      // Nothing asked for; whether more exist still takes one page (the first one past `start`).
      const known = await this.#covering(start, start + 1);
      return { items: [], hasNext: known.items.length > 0 };
    }
    const { items, pages, pageSize } = await this.#covering(start, end);
    const firstPage = Math.floor(start / pageSize) + 1;
    const offset = (firstPage - 1) * pageSize;
    const lastRead = firstPage + Math.ceil((items.length || 1) / pageSize) - 1;
    const hasNext = end - offset < items.length || lastRead < pages;
    return { items: items.slice(start - offset, end - offset), hasNext };
  }

  /** How many items the list holds: the last page on top of what this request read. */
  async total(): Promise<number> {
    let pages = this.#pages ?? this.#hint?.get() ?? (await this.page(1)).pages;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (pages <= 0) return (await this.page(1)).data.length;
      const last = await this.page(pages);
      if (last.pages === pages || last.pages <= 0) return (pages - 1) * this.pageSize + last.data.length;
      pages = last.pages; // the list changed (or the hint was old): read the new last page
    }
    return (pages - 1) * this.pageSize + (await this.page(pages)).data.length;
  }

  /** The last `count` items and how many the list holds, reading only its last pages. */
  async tail(count: number): Promise<{ items: T[]; start: number; total: number }> {
    const pages = this.#pages ?? this.#hint?.get() ?? (await this.page(1)).pages;
    // The pages the tail lies on, all at once; total and window below then find them read (or, when
    // the list changed meanwhile, read what they still miss).
    if (pages > 0) await Promise.all(range(Math.max(1, pages - Math.ceil(count / this.pageSize)), pages).map((n) => this.page(n)));
    const total = await this.total();
    const start = Math.max(0, total - count);
    return { items: (await this.window(start, total)).items, start, total };
  }

  /**
   * The items of the pages covering [start, end) (from the first such page on), the page count and
   * the page size they were read with; re-plans when an answer shows another page size or a
   * longer list than the hint said.
   */
  async #covering(start: number, end: number): Promise<{ items: T[]; pages: number; pageSize: number }> {
    for (;;) {
      const size = this.pageSize;
      const first = Math.floor(start / size) + 1;
      let last = Math.max(first, Math.ceil(end / size));
      const known = this.#pages ?? this.#hint?.get();
      // Past a known end there is nothing to read, but the first page past it tells whether the list grew.
      if (known !== undefined) last = Math.max(first, Math.min(last, known));
      const answers = await Promise.all(range(first, last).map((n) => this.page(n)));
      const pages = this.#pages ?? answers.at(-1)!.pages;
      if (this.pageSize !== size) continue; // the page size was not Tyk's: plan again with the learned one
      // An answer that ignored paging (every item on page 1, `Pages` 0 or 1) is the whole list.
      if (first === 1 && pages <= 1 && answers[0]!.data.length > size) return { items: answers[0]!.data, pages: 1, pageSize: answers[0]!.data.length };
      if (last < Math.ceil(end / size) && pages > last) continue; // the list is longer than the hint: read on
      return { items: answers.flatMap((a) => a.data), pages, pageSize: size };
    }
  }

  #learn(n: number, answer: TykPage<T>): void {
    this.#pages = answer.pages;
    this.#hint?.set(answer.pages);
    // Every page before the last is full, so its length is the page size.
    if (n < answer.pages && answer.data.length > 0 && answer.data.length !== this.pageSize) pageSizes.set(this.#origin, answer.data.length);
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
