/**
 * Developer loaders: lookups by id and email, Tyk's list page by page, and the rows of filtered or
 * sorted queries.
 *
 * Tyk has no "get many by id", no search, no sort and no count on developers (docs/loaders.md says
 * where we looked). What each read costs:
 * - by id / by email: one GET each, a batch all at once (at most 32 in flight); free when the
 *   developer was on a list page this request read.
 * - a window of the list in Tyk's order: the pages that hold it (list-pages.ts).
 * - a filter (email, search, inactive) or a sort: the rows of every developer, from the shared index
 *   of the credential when it has a fresh one (no call), else from one streamed `p=-1` read, which
 *   becomes the index when the organisation is large (developer-index.ts). The records of the rows
 *   a page shows come from that read when the organisation is small (it kept them), else by id.
 */
import DataLoader from 'dataloader';
import type { TykClient } from '../tyk/types.js';
import type { TykDeveloper } from '../tyk/wire.js';
import { MAX_STALE_REREADS, type DeveloperIndex, type DeveloperIndexStore } from './developer-index.js';
import { ListPages } from './list-pages.js';
import { rowOf, select, type DeveloperQuery, type DeveloperRow } from './developer-rows.js';
import { BATCHED, makeLoader, mapBounded, type LoaderSettings, nullIfNotFound, once } from './shared.js';

/** Single reads of one batch in flight at once. */
const LOOKUP_CONCURRENCY = 32;

export interface DeveloperSelection {
  /** The selected rows, in the query's order. */
  rows: DeveloperRow[];
  /** Full records of every developer, when the read that produced the rows kept them (small organisations). */
  records: Map<string, TykDeveloper> | undefined;
}

export interface DeveloperLoaders {
  developerById: DataLoader<string, TykDeveloper | null, string>;
  developerByEmail: DataLoader<string, TykDeveloper | null, string>;
  /** Tyk's developer list, page by page (read once per request each). */
  developerPages: ListPages<TykDeveloper>;
  /** The rows a filtered or sorted query selects. */
  developerRows(query: DeveloperQuery): Promise<DeveloperSelection>;
}

/** The shared developer index and the principal (credential hash) this request reads it as. */
export interface DeveloperSharing {
  store: DeveloperIndexStore;
  principal: string;
}

export function createDeveloperLoaders(
  tyk: TykClient,
  signal: AbortSignal | undefined,
  { settings = BATCHED, sharing }: { settings?: LoaderSettings; sharing?: DeveloperSharing | undefined } = {},
): DeveloperLoaders {
  const batched = settings.mode === 'batched';

  const developerById = makeLoader<string, TykDeveloper | null>('developerById', settings, async (ids) => {
    const found = await mapBounded(ids, LOOKUP_CONCURRENCY, (id) => nullIfNotFound(tyk.getDeveloper(id, { signal })));
    if (batched) for (const d of found) if (d && !(d instanceof Error)) developerByEmail.prime(d.email, d);
    return found;
  });

  const developerByEmail = makeLoader<string, TykDeveloper | null>(
    'developerByEmail',
    settings,
    async (emails) => {
      const found = await mapBounded(emails, LOOKUP_CONCURRENCY, (email) => nullIfNotFound(tyk.getDeveloperByEmail(email, { signal })));
      if (batched) for (const d of found) if (d && !(d instanceof Error)) developerById.prime(d.id, d);
      return found;
    },
    { cacheKeyFn: (email: string) => email.toLowerCase() },
  );

  const developerPages = new ListPages<TykDeveloper>({
    origin: tyk.baseUrl,
    readPage: (page) => tyk.listDevelopers({ page, signal }),
    hint: sharing && {
      get: () => sharing.store.pagesHint(sharing.principal),
      set: (pages) => sharing.store.notePages(sharing.principal, pages),
    },
    // A page read answers later lookups of its developers in the same request.
    onPage: batched
      ? (developers) => {
          for (const d of developers) {
            developerById.prime(d.id, d);
            developerByEmail.prime(d.email, d);
          }
        }
      : undefined,
  });

  /** Every developer's row, read once per request (streamed), shared with concurrent requests of the credential. */
  const scan = once(async (): Promise<DeveloperSelection> => {
    let kept: Map<string, TykDeveloper> | undefined;
    const read = async (): Promise<DeveloperRow[]> => {
      const rows: DeveloperRow[] = [];
      let records: Map<string, TykDeveloper> | undefined = new Map();
      const keep = sharing?.store.minDevelopers ?? 1_000;
      await tyk.streamDevelopers(
        (developer, index) => {
          rows.push(rowOf(developer, index));
          // A small organisation's records are kept, so the page of results needs no further read.
          if (records && records.size < keep) records.set(developer.id, developer);
          else records = undefined;
        },
        { signal },
      );
      kept = records;
      return rows;
    };
    const rows = sharing && batched ? await sharing.store.building(sharing.principal, read) : await read();
    if (sharing && batched) sharing.store.keep(sharing.principal, rows);
    return { rows, records: kept };
  });

  /** Reads the ids written since the index was built, so it answers with what the gateway changed. */
  const refresh = async (index: DeveloperIndex): Promise<void> => {
    const stale = [...index.stale];
    const found = await developerById.loadMany(stale);
    stale.forEach((id, i) => {
      const developer = found[i];
      if (developer instanceof Error) return; // left stale: read again next time
      if (developer) index.upsert(developer);
      else index.remove(id);
    });
  };

  const developerRows = async (query: DeveloperQuery): Promise<DeveloperSelection> => {
    const index = sharing && batched ? sharing.store.fresh(sharing.principal) : undefined;
    if (index && index.stale.size <= MAX_STALE_REREADS) {
      if (index.stale.size > 0) await refresh(index);
      return { rows: index.select(query), records: undefined };
    }
    const all = await scan.get();
    return { rows: select(all.rows, query), records: all.records };
  };

  return { developerById, developerByEmail, developerPages, developerRows };
}
