/**
 * The shared key request index: per credential, which key requests each developer has (their
 * ids), so `Developer.keyRequests` on a large organisation answers with by-id reads of
 * that developer's requests instead of streaming the organisation's whole list for every query (Tyk
 * cannot filter requests by developer, and embeds the developer in each: 161 MB at 50,000
 * developers).
 *
 * - Keyed by principal (a SHA-256 of the Dashboard credential): rows read with one credential are
 *   never served to another.
 * - Kept only for lists of more than `minRequests` (default 1 000): a smaller list costs less to
 *   stream per query than an index costs to keep, and streaming is always exact.
 * - Fresh for `ttlMs` (default 60 s) after it was built; the next query after that streams the
 *   list again and rebuilds it. Concurrent queries of a credential share one build.
 * - Meanwhile the gateway's own calls with that credential keep it in step (key-request-observer.ts):
 *   a request filed, updated or read by id is added, a decline or a 404 removes it.
 *   So do the key request events of its organisation on the event bus (`follow`): requests filed,
 *   approved or declined through any replica, with any credential, and those the change watcher
 *   finds made in Tyk directly. A request filed and approved in Tyk between two watcher polls (it
 *   arrives as KEY_ISSUED only) shows once the index is rebuilt.
 * - Rows are hints, never answers: each is read by id with the querying credential, and a request
 *   that credential cannot read, or that is another developer's, is left out.
 * - At most `maxEntries` rows (default 500 000, ≈ 110 bytes each: ≈ 55 MB) across all credentials: the least
 *   recently used index goes first; a list larger than the whole budget is never indexed.
 */
import type { KeyEvent, KeyEventFeed } from '../events/key-event.js';
import type { TykKeyRequest } from '../tyk/wire.js';

export interface KeyRequestIndexOptions {
  /** How long an index answers after it was built, in ms; default 60 000. 0 turns the index off. */
  ttlMs?: number;
  /** Rows kept across all credentials; default 500 000. */
  maxEntries?: number;
  /** Lists with at most this many requests are never indexed; default 1 000. */
  minRequests?: number;
  now?: () => number;
  /** Told the store's size after every change (metrics). */
  onChange?: (stats: KeyRequestIndexStats) => void;
}

export interface KeyRequestIndexStats {
  credentials: number;
  entries: number;
}

/** What the index keeps of a request: whose it is (whether it is approved is read with it). */
export interface KeyRequestRow {
  id: string;
  developerId: string;
}

export const rowOfKeyRequest = (request: TykKeyRequest): KeyRequestRow => ({ id: request.id, developerId: request.by_user });

/** One credential's index: each developer's requests in Tyk's order. */
export class KeyRequestIndex {
  readonly builtAt: number;
  /** The organisation of the requests it was built from ('' when it had none). */
  orgId = '';
  /** Each developer's request ids, in Tyk's order; and each request's developer. */
  readonly #byDeveloper = new Map<string, string[]>();
  readonly #developerOf = new Map<string, string>();

  constructor(rows: readonly KeyRequestRow[], builtAt: number) {
    this.builtAt = builtAt;
    for (const row of rows) this.add(row);
  }

  get size(): number {
    return this.#developerOf.size;
  }

  /** The ids of the developer's requests, in Tyk's order. */
  requestIdsOf(developerId: string): readonly string[] {
    return this.#byDeveloper.get(developerId) ?? [];
  }

  /** A request the gateway just read, wrote or heard of: added at the end of its developer's list, unless it is there. */
  add({ id, developerId }: KeyRequestRow): void {
    const known = this.#developerOf.get(id);
    if (known === developerId) return;
    if (known !== undefined) this.remove(id);
    this.#developerOf.set(id, developerId);
    const ids = this.#byDeveloper.get(developerId);
    if (ids) ids.push(id);
    else this.#byDeveloper.set(developerId, [id]);
  }

  remove(id: string): void {
    const developerId = this.#developerOf.get(id);
    if (developerId === undefined) return;
    this.#developerOf.delete(id);
    const ids = this.#byDeveloper.get(developerId)!;
    ids.splice(ids.indexOf(id), 1);
    if (ids.length === 0) this.#byDeveloper.delete(developerId);
  }
}

export class KeyRequestIndexStore {
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly minRequests: number;
  readonly #now: () => number;
  #onChange: ((stats: KeyRequestIndexStats) => void) | undefined;
  /** Most recently used last. */
  readonly #indexes = new Map<string, KeyRequestIndex>();
  readonly #building = new Map<string, Promise<void>>();
  #feed: KeyEventFeed | undefined;
  /** Bus listeners per organisation with an index. */
  readonly #following = new Map<string, () => void>();

  constructor(options: KeyRequestIndexOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 500_000;
    this.minRequests = options.minRequests ?? 1_000;
    this.#now = options.now ?? Date.now;
    this.#onChange = options.onChange;
    this.#report();
  }

  /**
   * Applies the key request events of every organisation that has an index to its indexes, from
   * now on (the gateway's own, from any replica, and the change watcher's).
   */
  follow(feed: KeyEventFeed): void {
    this.#feed = feed;
    this.#syncFollowing();
  }

  /** Stops following the event bus. */
  unfollow(): void {
    for (const unlisten of this.#following.values()) unlisten();
    this.#following.clear();
    this.#feed = undefined;
  }

  /** Sets who is told the store's size after every change (the gateway's metrics); told at once. */
  reportTo(listener: (stats: KeyRequestIndexStats) => void): void {
    this.#onChange = listener;
    this.#report();
  }

  get enabled(): boolean {
    return this.ttlMs > 0 && this.maxEntries > 0;
  }

  /** The principal's index while it is fresh (and marks it recently used). */
  fresh(principal: string): KeyRequestIndex | undefined {
    const index = this.#indexes.get(principal);
    if (!index) return undefined;
    if (index.builtAt + this.ttlMs <= this.#now()) {
      this.#indexes.delete(principal);
      this.#report();
      return undefined;
    }
    this.#indexes.delete(principal);
    this.#indexes.set(principal, index);
    return index;
  }

  /** The build under way for the principal, if any. */
  building(principal: string): Promise<void> | undefined {
    return this.#building.get(principal);
  }

  /**
   * Runs `build` (a streamed read of the whole list, answering every request's row) as the
   * principal's build, shared with queries that arrive meanwhile, and keeps its rows as the index
   * when the list is large enough and fits the budget. Resolves when the build is over, whatever
   * its outcome; a failed build keeps nothing.
   */
  build(principal: string, build: () => Promise<{ rows: readonly KeyRequestRow[]; orgId: string }>): Promise<void> {
    const startedAt = this.#now();
    const done = build().then(
      ({ rows, orgId }) => this.#keep(principal, rows, startedAt, orgId),
      () => undefined,
    );
    const shared = done.finally(() => {
      if (this.#building.get(principal) === shared) this.#building.delete(principal);
    });
    this.#building.set(principal, shared);
    return shared;
  }

  /** Rows across all credentials. */
  get entries(): number {
    let total = 0;
    for (const index of this.#indexes.values()) total += index.size;
    return total;
  }

  /** Applies a change the gateway just made or saw to the principal's index, then reports the size. */
  change(principal: string, apply: (index: KeyRequestIndex) => void): void {
    const index = this.#indexes.get(principal);
    if (!index) return;
    apply(index);
    this.#report();
  }

  #keep(principal: string, rows: readonly KeyRequestRow[], builtAt: number, orgId: string): void {
    this.#indexes.delete(principal);
    if (this.enabled && rows.length > this.minRequests && rows.length <= this.maxEntries) {
      let total = rows.length + this.entries;
      for (const [other, index] of this.#indexes) {
        if (total <= this.maxEntries) break;
        this.#indexes.delete(other);
        total -= index.size;
      }
      const index = new KeyRequestIndex(rows, builtAt);
      index.orgId = orgId;
      this.#indexes.set(principal, index);
    }
    this.#report();
  }

  #applyEvent(orgId: string, event: KeyEvent): void {
    const id = event.keyRequestId;
    if (!id) return;
    for (const index of this.#indexes.values()) {
      if (index.orgId !== orgId) continue;
      if (event.type === 'KEY_REQUEST_SUBMITTED' || event.type === 'KEY_REQUEST_APPROVED') index.add({ id, developerId: event.developerId });
      else if (event.type === 'KEY_REQUEST_DECLINED') index.remove(id);
    }
  }

  /** Listens to the organisations that have an index, and only those. */
  #syncFollowing(): void {
    const feed = this.#feed;
    if (!feed) return;
    const orgs = new Set([...this.#indexes.values()].map((index) => index.orgId).filter(Boolean));
    for (const [orgId, unlisten] of this.#following) {
      if (orgs.has(orgId)) continue;
      unlisten();
      this.#following.delete(orgId);
    }
    for (const orgId of orgs) {
      if (!this.#following.has(orgId)) this.#following.set(orgId, feed.listen(orgId, (event) => this.#applyEvent(orgId, event)));
    }
  }

  #report(): void {
    this.#syncFollowing();
    this.#onChange?.({ credentials: this.#indexes.size, entries: this.entries });
  }
}
