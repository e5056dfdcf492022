/**
 * The shared developer index: per credential, the compact rows (developer-rows.ts) of every
 * developer of a large organisation, so a search, a filter or a sort over 50 000 developers is an
 * in-memory pass instead of reading the whole list from Tyk for every query.
 *
 * - Keyed by principal (a SHA-256 of the Dashboard credential): rows read with one credential are
 *   never served to another.
 * - Kept only for organisations of more than `minDevelopers` (default 1 000): smaller ones cost less
 *   to read per query (one streamed call) than an index costs to keep fresh.
 * - Fresh for `ttlMs` (default 60 s) after it was built; a query after that builds it again.
 *   Refreshed meanwhile, row by row, by whatever the gateway reads with that credential (list pages,
 *   developers read by id or email), by the change watcher's polls (a full rebuild each poll when
 *   it watches with that credential), and by the gateway's own writes: a delete removes the row, a
 *   create or update marks the id stale in every index, and a stale id is read again (one call,
 *   with the querying credential) before the next query of that index answers.
 * - At most `maxEntries` rows (default 250 000, ≈ 60 MB) across all credentials: the least recently
 *   used index goes first; an organisation larger than the whole budget is never indexed.
 * - Entries, credentials and estimated bytes are reported through `onChange` (the gateway's /metrics).
 */
import { credentialKey } from './shared.js';
import type { TykDeveloper } from '../tyk/wire.js';
import { comparator, rowBytes, rowOf, select, type DeveloperOrderField, type DeveloperQuery, type DeveloperRow, type OrderDirection } from './developer-rows.js';

export interface DeveloperIndexOptions {
  /** How long an index answers after it was built, in ms; default 60 000. 0 turns the index off. */
  ttlMs?: number;
  /** Rows kept across all credentials; default 250 000. */
  maxEntries?: number;
  /** Organisations with at most this many developers are never indexed; default 1 000. */
  minDevelopers?: number;
  /** How long a credential's list page count is remembered as a hint, in ms; default 30 000. */
  pagesHintTtlMs?: number;
  now?: () => number;
  /** Told the store's size after every change (metrics). */
  onChange?: (stats: DeveloperIndexStats) => void;
}

export interface DeveloperIndexStats {
  credentials: number;
  entries: number;
  /** Estimated heap bytes of all rows. */
  bytes: number;
}

/** Stale ids read again one by one before a query answers; more than this rebuilds the index. */
export const MAX_STALE_REREADS = 100;

/** One credential's index. */
export class DeveloperIndex {
  readonly builtAt: number;
  readonly #byId = new Map<string, DeveloperRow>();
  #rows: DeveloperRow[] | undefined;
  readonly #sorted = new Map<string, DeveloperRow[]>();
  #nextPosition = 0;
  #bytes = 0;
  /** Ids changed by a write since their row was read. */
  readonly stale = new Set<string>();
  readonly #changed: () => void;

  constructor(rows: readonly DeveloperRow[], builtAt: number, changed: () => void) {
    this.builtAt = builtAt;
    this.#changed = changed;
    for (const row of rows) {
      this.#byId.set(row.id, row);
      this.#bytes += rowBytes(row);
      this.#nextPosition = Math.max(this.#nextPosition, row.position + 1);
    }
  }

  get size(): number {
    return this.#byId.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** The rows a query selects, in its order. Sorted orders are kept until a row changes. */
  select(query: DeveloperQuery): DeveloperRow[] {
    const ordered = query.orderBy ? this.#sortedBy(query.orderBy.field, query.orderBy.direction) : this.#all();
    return select(ordered, { ...query, orderBy: undefined });
  }

  /** Puts a developer's current row in (new ones at the end of Tyk's order, as Tyk appends them). */
  upsert(developer: TykDeveloper): void {
    this.stale.delete(developer.id);
    const known = this.#byId.get(developer.id);
    const row = rowOf(developer, known ? known.position : this.#nextPosition++);
    if (known && sameRow(known, row)) return;
    this.#bytes += rowBytes(row) - (known ? rowBytes(known) : 0);
    this.#byId.set(row.id, row);
    if (!known) this.#rows = undefined;
    else if (this.#rows) this.#rows[this.#rows.indexOf(known)] = row;
    this.#sorted.clear();
    this.#changed();
  }

  remove(id: string): void {
    this.stale.delete(id);
    const known = this.#byId.get(id);
    if (!known) return;
    this.#byId.delete(id);
    this.#bytes -= rowBytes(known);
    this.#rows = undefined;
    this.#sorted.clear();
    this.#changed();
  }

  #all(): DeveloperRow[] {
    this.#rows ??= [...this.#byId.values()].sort((a, b) => a.position - b.position);
    return this.#rows;
  }

  #sortedBy(field: DeveloperOrderField, direction: OrderDirection): DeveloperRow[] {
    const key = `${field}:${direction}`;
    let sorted = this.#sorted.get(key);
    if (!sorted) this.#sorted.set(key, (sorted = [...this.#all()].sort(comparator(field, direction))));
    return sorted;
  }
}

function sameRow(a: DeveloperRow, b: DeveloperRow): boolean {
  return (
    a.email === b.email &&
    a.name === b.name &&
    a.inactive === b.inactive &&
    (a.created === b.created || (Number.isNaN(a.created) && Number.isNaN(b.created))) &&
    (a.lastLogin === b.lastLogin || (Number.isNaN(a.lastLogin) && Number.isNaN(b.lastLogin)))
  );
}

export class DeveloperIndexStore {
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly minDevelopers: number;
  readonly #pagesHintTtlMs: number;
  readonly #now: () => number;
  #onChange: ((stats: DeveloperIndexStats) => void) | undefined;
  /** Most recently used last. */
  readonly #indexes = new Map<string, DeveloperIndex>();
  readonly #building = new Map<string, Promise<DeveloperRow[]>>();
  readonly #pages = new Map<string, { pages: number; at: number }>();

  constructor(options: DeveloperIndexOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 250_000;
    this.minDevelopers = options.minDevelopers ?? 1_000;
    this.#pagesHintTtlMs = options.pagesHintTtlMs ?? 30_000;
    this.#now = options.now ?? Date.now;
    this.#onChange = options.onChange;
    this.#report();
  }

  /** The principal key of a credential (`credentialKey`): its SHA-256, so the store never holds the secret. */
  static readonly principalOf = credentialKey;

  /** Sets who is told the store's size after every change (the gateway's metrics); told at once. */
  reportTo(listener: (stats: DeveloperIndexStats) => void): void {
    this.#onChange = listener;
    this.#report();
  }

  get enabled(): boolean {
    return this.ttlMs > 0 && this.maxEntries > 0;
  }

  /** The principal's index while it is fresh (and marks it recently used). */
  fresh(principal: string): DeveloperIndex | undefined {
    const index = this.#indexes.get(principal);
    if (!index) return undefined;
    if (index.builtAt + this.ttlMs <= this.#now()) {
      this.#drop(principal);
      return undefined;
    }
    this.#indexes.delete(principal);
    this.#indexes.set(principal, index);
    return index;
  }

  /**
   * Keeps `rows` (every developer, in Tyk's order) as the principal's index when the organisation
   * is large enough and fits the budget; returns it, or undefined when it is not kept.
   */
  keep(principal: string, rows: readonly DeveloperRow[]): DeveloperIndex | undefined {
    this.#drop(principal);
    if (!this.enabled || rows.length <= this.minDevelopers || rows.length > this.maxEntries) return undefined;
    let total = rows.length;
    for (const index of this.#indexes.values()) total += index.size;
    for (const [other, index] of this.#indexes) {
      if (total <= this.maxEntries) break;
      total -= index.size;
      this.#indexes.delete(other);
    }
    const index = new DeveloperIndex(rows, this.#now(), () => this.#report());
    this.#indexes.set(principal, index);
    this.#report();
    return index;
  }

  /** Whether an index (fresh or not) exists for the principal: the watcher refreshes only those. */
  has(principal: string): boolean {
    return this.#indexes.has(principal);
  }

  /**
   * One build of the principal's rows at a time: a second query waits for the first one's build
   * instead of reading the list again (and builds its own if that one fails).
   */
  async building(principal: string, build: () => Promise<DeveloperRow[]>): Promise<DeveloperRow[]> {
    const running = this.#building.get(principal);
    if (running) {
      try {
        return await running;
      } catch {
        // the other request's build failed (its deadline, its disconnect): build our own
      }
    }
    const mine = build();
    this.#building.set(principal, mine);
    try {
      return await mine;
    } finally {
      if (this.#building.get(principal) === mine) this.#building.delete(principal);
    }
  }

  /** A developer the principal read: its row is refreshed (or added) when the principal has an index. */
  observe(principal: string, developer: TykDeveloper): void {
    this.#indexes.get(principal)?.upsert(developer);
  }

  /** The principal read that the developer does not exist (or deleted it). */
  removed(principal: string, id: string): void {
    this.#indexes.get(principal)?.remove(id);
  }

  /** The gateway wrote a developer: every index (but `except`'s) reads it again before answering its next query. */
  written(id: string, except?: string): void {
    for (const [principal, index] of this.#indexes) if (principal !== except) index.stale.add(id);
  }

  /** The list page count last seen by the principal, while it is recent: a hint, never trusted alone. */
  pagesHint(principal: string): number | undefined {
    const hint = this.#pages.get(principal);
    return hint && hint.at + this.#pagesHintTtlMs > this.#now() ? hint.pages : undefined;
  }

  notePages(principal: string, pages: number): void {
    this.#pages.delete(principal);
    this.#pages.set(principal, { pages, at: this.#now() });
    // Bounded like the indexes: a hint per credential seen recently, oldest dropped.
    if (this.#pages.size > 10_000) this.#pages.delete(this.#pages.keys().next().value as string);
  }

  stats(): DeveloperIndexStats {
    let entries = 0;
    let bytes = 0;
    for (const index of this.#indexes.values()) {
      entries += index.size;
      bytes += index.bytes;
    }
    return { credentials: this.#indexes.size, entries, bytes };
  }

  #drop(principal: string): void {
    if (this.#indexes.delete(principal)) this.#report();
  }

  #report(): void {
    this.#onChange?.(this.stats());
  }
}
