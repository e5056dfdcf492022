/**
 * Developer loaders.
 *
 * Tyk lists developers in pages of 10 and can return all of them with `p=-1`; it has no batch
 * "get by ids" route. A batch of ids is therefore served by whichever costs fewer calls:
 * - up to `listThreshold` ids (default 10, one Tyk page) → that many concurrent `GET /developers/{id}`;
 *   they run in one round, and a small org's full list would cost more bytes for the same round.
 * - more ids → one `GET /developers?p=-1`.
 * Once the full list has been read in a request (e.g. by the `developers` connection) every later
 * lookup, by id or by email, is answered from it with no call at all.
 */
import DataLoader from 'dataloader';
import type { TykClient } from '../tyk/types.js';
import type { TykDeveloper } from '../tyk/wire.js';
import { BATCHED, makeLoader, type LoaderSettings, nullIfNotFound, once, settledToValues } from './shared.js';

export interface DeveloperLoaders {
  developerById: DataLoader<string, TykDeveloper | null, string>;
  developerByEmail: DataLoader<string, TykDeveloper | null, string>;
  /** Every developer of the credential's org, read once per request with `p=-1`. */
  allDevelopers(): Promise<TykDeveloper[]>;
}

export function createDeveloperLoaders(
  tyk: TykClient,
  signal: AbortSignal | undefined,
  { listThreshold = 10, settings = BATCHED }: { listThreshold?: number; settings?: LoaderSettings } = {},
): DeveloperLoaders {
  const batched = settings.mode === 'batched';
  const all = once(async () => (await tyk.listDevelopers({ signal })).data);
  // The list by id and by email, built once and only when a lookup needs it: a list holds the whole
  // organisation (thousands), and most requests that read it only page through it.
  let index: { byId: Map<string, TykDeveloper>; byEmail: Map<string, TykDeveloper> } | undefined;
  const indexOf = (list: TykDeveloper[]) =>
    (index ??= { byId: new Map(list.map((d) => [d.id, d])), byEmail: new Map(list.map((d) => [d.email.toLowerCase(), d])) });

  const developerById = makeLoader<string, TykDeveloper | null>('developerById', settings, async (ids) => {
    const known = batched ? all.peek() : undefined;
    if (known || ids.length > listThreshold) {
      const { byId } = indexOf(known ?? (await all.get()));
      return ids.map((id) => byId.get(id) ?? null);
    }
    const results = await Promise.allSettled(ids.map((id) => nullIfNotFound(tyk.getDeveloper(id, { signal }))));
    for (const r of results) if (r.status === 'fulfilled' && r.value) developerByEmail.prime(r.value.email, r.value);
    return settledToValues(results);
  });

  const developerByEmail = makeLoader<string, TykDeveloper | null>(
    'developerByEmail',
    settings,
    async (emails) => {
      const known = batched ? all.peek() : undefined;
      if (known) {
        const { byEmail } = indexOf(known);
        return emails.map((email) => byEmail.get(email.toLowerCase()) ?? null);
      }
      const results = await Promise.allSettled(
        emails.map((email) => nullIfNotFound(tyk.getDeveloperByEmail(email, { signal }))),
      );
      for (const r of results) if (r.status === 'fulfilled' && r.value) developerById.prime(r.value.id, r.value);
      return settledToValues(results);
    },
    { cacheKeyFn: (email: string) => email.toLowerCase() },
  );

  return { developerById, developerByEmail, allDevelopers: () => all.get() };
}
