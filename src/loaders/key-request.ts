/**
 * Key request loaders. Tyk's list filters only by `approved` and pages by 10 (`p`), so:
 *
 * - the organisation's list (`keyRequests(first, after)`) reads only the pages that hold the window
 *   asked for (list-pages.ts), per `approved` filter, and its total at most the last page more;
 * - a developer's requests (`Developer.keyRequests`) are one streamed pass over the list per batch
 *   of developers (`p=-1`, with `approved` sent to Tyk when every developer of the batch asks the
 *   same), keeping only the batch's own requests: the body is never held whole, so it never meets
 *   the response cap, and memory grows with what is kept, not with the organisation. On a large
 *   organisation that pass also builds the credential's shared index (key-request-index.ts); while
 *   it is fresh, a developer's requests are read by id from the rows it names;
 * - a request by id is one call, unless this request already read it.
 */
import DataLoader from 'dataloader';
import type { TykClient } from '../tyk/types.js';
import type { TykKeyRequest } from '../tyk/wire.js';
import { rowOfKeyRequest, type KeyRequestIndex, type KeyRequestIndexStore, type KeyRequestRow } from './key-request-index.js';
import { ListPages } from './list-pages.js';
import { BATCHED, makeLoader, mapBounded, type LoaderSettings, nullIfNotFound } from './shared.js';

/** Whose key requests, and which: approved (true), pending (false) or both (undefined). */
export interface DeveloperKeyRequests {
  developerId: string;
  approved: boolean | undefined;
}

export interface KeyRequestLoaders {
  keyRequestById: DataLoader<string, TykKeyRequest | null, string>;
  /** A developer's key requests, in Tyk's order; one streamed list read per batch of developers. */
  keyRequestsByDeveloper: DataLoader<DeveloperKeyRequests, TykKeyRequest[], string>;
  /** Tyk's key request list, page by page, with the `approved` filter sent to Tyk. */
  keyRequestPages(approved: boolean | undefined): ListPages<TykKeyRequest>;
  /** Drops what this request read of the lists (after one of its own writes): later fields read again. */
  forgetKeyRequestLists(): void;
}

/** The shared key request index of the request's credential. */
export interface KeyRequestSharing {
  store: KeyRequestIndexStore;
  principal: string;
}

/** Key requests read by id at once, at most (as developers are). */
const LOOKUP_CONCURRENCY = 32;

const filterKey = (approved: boolean | undefined) => (approved === undefined ? 'all' : String(approved));
/** The requests `approved` asks for: approved (true), pending (false) or all (undefined). */
const withApproval = (requests: TykKeyRequest[], approved: boolean | undefined) => (approved === undefined ? requests : requests.filter((r) => r.approved === approved));

export function createKeyRequestLoaders(
  tyk: TykClient,
  signal: AbortSignal | undefined,
  settings: LoaderSettings = BATCHED,
  sharing?: KeyRequestSharing,
): KeyRequestLoaders {
  const batched = settings.mode === 'batched';
  const prime = batched ? (requests: readonly TykKeyRequest[]) => requests.forEach((r) => keyRequestById.prime(r.id, r)) : () => undefined;

  // At most LOOKUP_CONCURRENCY reads in flight: a developer with hundreds of requests must not open hundreds of connections.
  const keyRequestById = makeLoader<string, TykKeyRequest | null>('keyRequestById', settings, (ids) =>
    mapBounded(ids, LOOKUP_CONCURRENCY, (id) => nullIfNotFound(tyk.getKeyRequest(id, { signal }))),
  );

  const keyRequestsByDeveloper = makeLoader<DeveloperKeyRequests, TykKeyRequest[]>(
    'keyRequestsByDeveloper',
    settings,
    async (asked) => {
      const filters = new Set(asked.map((a) => a.approved));
      // One filter for the whole batch goes to Tyk (a pending-only read is a fraction of the list).
      const approved = filters.size === 1 ? asked[0]!.approved : undefined;
      if (!sharing?.store.enabled) return streamedPass(asked, approved);
      const { store, principal } = sharing;
      let index = store.fresh(principal);
      if (!index && store.building(principal)) {
        await store.building(principal);
        index = store.fresh(principal);
      }
      if (index) return fromIndex(index, asked);
      // A pending-only pass is small and cannot build the index (it needs every request).
      if (approved === false) return streamedPass(asked, approved);
      const rows: KeyRequestRow[] = [];
      let orgId = '';
      const pass = streamedPass(asked, undefined, (request) => {
        rows.push(rowOfKeyRequest(request));
        orgId ||= request.org_id;
      });
      void store.build(principal, () => pass.then(() => ({ rows, orgId })));
      return pass;
    },
    { cacheKeyFn: (a) => `${a.developerId}|${filterKey(a.approved)}` },
  );

  /** One streamed read of the list, keeping the requests of the developers asked for (and telling `onEach` of every request). */
  async function streamedPass(asked: readonly DeveloperKeyRequests[], approved: boolean | undefined, onEach?: (request: TykKeyRequest) => void) {
    const byDeveloper = new Map<string, TykKeyRequest[]>(asked.map((a) => [a.developerId, []]));
    await tyk.streamKeyRequests(
      (request) => {
        onEach?.(request);
        byDeveloper.get(request.by_user)?.push(request);
      },
      { signal, approved },
    );
    return asked.map(({ developerId, approved: wanted }) => {
      const requests = byDeveloper.get(developerId)!;
      prime(requests);
      return withApproval(requests, wanted);
    });
  }

  /**
   * The developers' requests the index names, read by id (what they hold now: a request deleted
   * since is left out, and `approved` is filtered on the record read, not on the row).
   */
  async function fromIndex(index: KeyRequestIndex, asked: readonly DeveloperKeyRequests[]) {
    return Promise.all(
      asked.map(async ({ developerId, approved: wanted }) => {
        const read = await keyRequestById.loadMany(index.requestIdsOf(developerId));
        const failed = read.find((r): r is Error => r instanceof Error);
        if (failed) return failed;
        const requests = read.filter((r): r is TykKeyRequest => r !== null && !(r instanceof Error) && r.by_user === developerId);
        return withApproval(requests, wanted);
      }),
    );
  }

  const pages = new Map<string, ListPages<TykKeyRequest>>();
  const keyRequestPages = (approved: boolean | undefined) => {
    const key = filterKey(approved);
    let list = pages.get(key);
    if (!list) {
      list = new ListPages<TykKeyRequest>({
        origin: tyk.baseUrl,
        readPage: (page) => tyk.listKeyRequests({ page, signal, approved }),
        onPage: prime,
      });
      if (batched) pages.set(key, list);
    }
    return list;
  };

  const forgetKeyRequestLists = () => {
    keyRequestsByDeveloper.clearAll();
    pages.clear();
  };

  return { keyRequestById, keyRequestsByDeveloper, keyRequestPages, forgetKeyRequestLists };
}
