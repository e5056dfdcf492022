/**
 * Policy loaders.
 *
 * A batch of policy ids costs one call whatever its size: one id → `GET /policies/{id}` (a 404 is a
 * clean null); several → `GET /policies/search?policy_ids=a,b,c&p=-1`, which returns just those
 * policies. Both are one round; the search avoids N calls and avoids reading the whole list.
 * Ids the search does not return do not exist (or belong to another org) → null. Ids that are not
 * ObjectIds (custom policy ids, unknown plans of foreign key requests) are matched in the list.
 *
 * With a shared cache (see shared-cache.ts) the org's whole policy list is read once per TTL and
 * credential instead, and lookups are answered from it: repeated queries make no policy call. An
 * id the cached list lacks (a policy created since) is still read with a GET.
 */
import DataLoader from 'dataloader';
import { OBJECT_ID } from '../tyk/contract.js';
import type { TykClient } from '../tyk/types.js';
import type { TykPolicy } from '../tyk/wire.js';
import { BATCHED, makeLoader, type LoaderSettings, nullIfNotFound, once, type Shared } from './shared.js';

export interface PolicyLoaders {
  policyById: DataLoader<string, TykPolicy | null, string>;
  /** Every policy of the org, read once per request; primes `policyById`. */
  allPolicies(): Promise<TykPolicy[]>;
}

export function createPolicyLoaders(
  tyk: TykClient,
  signal: AbortSignal | undefined,
  settings: LoaderSettings = BATCHED,
  shared?: Shared,
): PolicyLoaders {
  const batched = settings.mode === 'batched';
  const list = async () => (await tyk.listPolicies({ signal })).data;
  const cachedList = shared && batched ? () => shared.cache.get(shared.principal, 'policies', list) : undefined;

  /** Policies by database id (`_id`, an ObjectId). */
  async function byObjectId(ids: readonly string[]): Promise<(TykPolicy | null)[]> {
    if (ids.length === 0) return [];
    if (cachedList) {
      const byId = new Map((await cachedList()).map((p) => [p._id, p]));
      return Promise.all(ids.map((id) => byId.get(id) ?? nullIfNotFound(tyk.getPolicy(id, { signal }))));
    }
    if (ids.length === 1) return [await nullIfNotFound(tyk.getPolicy(ids[0] as string, { signal }))];
    const { data } = await tyk.searchPolicies({ policyIds: [...ids], signal });
    const byId = new Map(data.map((p) => [p._id, p]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  // An id that is not an ObjectId can only be a policy's custom `id` (tyk-operator's catalogue
  // entries name policies so) or nothing (a key request for an unknown plan, which Tyk stores):
  // matched in the org's list, which Tyk's by-id routes cannot search.
  const policyById = makeLoader<string, TykPolicy | null>('policyById', settings, async (ids) => {
    const hex = ids.filter((id) => OBJECT_ID.test(id));
    const custom = ids.length > hex.length;
    const [found, list] = await Promise.all([byObjectId(hex), custom ? all.get() : []]);
    const byHex = new Map(hex.map((id, i) => [id, found[i] ?? null]));
    return ids.map((id) => (OBJECT_ID.test(id) ? (byHex.get(id) ?? null) : (list.find((p) => p.id === id) ?? null)));
  });

  const all = once(async () => {
    const data = await (cachedList ?? list)();
    if (batched) for (const policy of data) policyById.prime(policy._id, policy);
    return data;
  });

  return { policyById, allPolicies: () => all.get() };
}
