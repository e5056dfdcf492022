/**
 * The benchmark's workloads: each GraphQL query a frontend screen sends, and the floor, the minimal
 * REST calls a hand-written frontend would make for the same data with maximal concurrency. Shared
 * by `bench/run.ts` (timings) and `test/gateway/bench-workloads.test.ts` (call counts pinned in CI).
 */
import { Pool } from 'undici';

const OVERVIEW = `query Overview { developers(first: 100) { totalCount edges { node { email keys { policies { name rate } usage { hits } } } } } }`;
const DETAIL = `query Detail($id: ID!) { developer(id: $id) { email name keys { id alias quota { remaining } policies { name rate quotaMax } usage(resolution: DAY) { start hits error } } oauthClients { clientId policy { name } } keyRequests { id approved policies { name } } } }`;
const CATALOGUE = `query Catalogue { catalogue(shownOnly: true) { name shortDescription policy { name rate per quotaMax } } }`;

export interface Workload {
  name: string;
  developers: number;
  query: string;
  variables?: (ctx: Setup) => Record<string, unknown>;
  floor: (ctx: Setup) => Promise<number>;
}

/** What a floor script needs: a REST client and the developer the detail page shows. */
export interface Setup {
  rest: RestFloor;
  detailId: string;
}

/**
 * Keep-alive pools to the gateways the workloads are sent to, one per origin. The gateway is asked
 * with the same HTTP client the floor script uses (undici's pool, not fetch, whose WHATWG streams
 * cost several times more CPU per request), so the two are compared on their own work.
 */
const gatewayPools = new Map<string, Pool>();

/** Sends a workload's query (with its variables) to a gateway; the GraphQL response body. */
export function sendWorkload(url: string, credential: string, workload: Workload, setup: Setup): Promise<{ data?: unknown; errors?: unknown[] }> {
  return sendQuery(url, credential, workload.query, workload.variables?.(setup));
}

/** POSTs one GraphQL query to a gateway through the shared pools; the response body. */
export async function sendQuery(url: string, credential: string, query: string, variables?: Record<string, unknown>): Promise<{ data?: unknown; errors?: unknown[] }> {
  const { origin, pathname } = new URL(url);
  let pool = gatewayPools.get(origin);
  if (!pool) gatewayPools.set(origin, (pool = new Pool(origin, { connections: 64 })));
  const response = await pool.request({
    path: pathname,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: credential },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.body.json()) as { data?: unknown; errors?: unknown[] };
}

/** Closes the pools sendQuery opened (a bench's or a test's end). */
export async function closeWorkloadPools(): Promise<void> {
  const all = [...gatewayPools.values()];
  gatewayPools.clear();
  await Promise.all(all.map((pool) => pool.close()));
}

/** The minimal REST calls a hand-written frontend would make, as concurrently as the data allows. */
export class RestFloor {
  readonly #pool: Pool;
  constructor(
    readonly url: string,
    readonly credential: string,
  ) {
    this.#pool = new Pool(url, { connections: 256 });
  }
  async get<T>(path: string): Promise<T> {
    const response = await this.#pool.request({ path, method: 'GET', headers: { authorization: this.credential } });
    return (await response.body.json()) as T;
  }
  close() {
    return this.#pool.close();
  }
}

export type Dev = { id: string; email: string; keys: Record<string, string[]>; oauth_clients: Record<string, unknown[]> };
const range = () => {
  const to = new Date();
  const from = new Date(to.getTime() - 6 * 86_400_000);
  const d = (x: Date) => `${x.getUTCDate()}/${x.getUTCMonth() + 1}/${x.getUTCFullYear()}`;
  return `${d(from)}/${d(to)}?res=day&p=-1`;
};

/** Tyk's page size (`page_size`). */
const PAGE_SIZE = 10;

/**
 * The overview of the first `count` developers with its total, as a hand-written frontend reads it
 * with the fewest calls in the fewest rounds: the developer pages that hold them, all at once; then,
 * together, the last page (for the total, unless it was among them), one policy search and one
 * usage call per key. Returns the calls made. `total: false` skips the last page: what the
 * developers and their keys alone take.
 */
export async function floorOverviewOf(rest: RestFloor, count: number, { total = true }: { total?: boolean } = {}): Promise<number> {
  const pages = await Promise.all(Array.from({ length: Math.ceil(count / PAGE_SIZE) }, (_, i) => rest.get<{ Data: Dev[]; Pages: number }>(`/api/portal/developers?p=${i + 1}`)));
  const last = pages[0]!.Pages;
  const page = pages.flatMap((p) => p.Data).slice(0, count);
  const keys = page.flatMap((d) => Object.keys(d.keys));
  const policyIds = [...new Set(page.flatMap((d) => Object.values(d.keys).flat()))];
  const lastPage = total && last > pages.length ? rest.get(`/api/portal/developers?p=${last}`) : null;
  await Promise.all([
    lastPage,
    policyIds.length ? rest.get(`/api/portal/policies/search?policy_ids=${policyIds.join(',')}&p=-1`) : null,
    ...keys.map((k) => rest.get(`/api/activity/keys/${k}/${range()}`)),
  ]);
  return pages.length + (lastPage ? 1 : 0) + (policyIds.length ? 1 : 0) + keys.length;
}

const floorOverview = ({ rest }: Setup) => floorOverviewOf(rest, 100);

async function floorDetail({ rest, detailId }: Setup): Promise<number> {
  const [developer, requests] = await Promise.all([
    rest.get<Dev>(`/api/portal/developers/${detailId}`),
    rest.get<{ Data: { by_user: string; apply_policies: string[] }[] }>('/api/portal/requests?p=-1'),
  ]);
  const mine = requests.Data.filter((r) => r.by_user === detailId);
  const keys = Object.keys(developer.keys);
  const policyIds = [...new Set([...Object.values(developer.keys).flat(), ...Object.keys(developer.oauth_clients), ...mine.flatMap((r) => r.apply_policies)])];
  await Promise.all([
    rest.get(`/api/portal/policies/search?policy_ids=${policyIds.join(',')}&p=-1`),
    ...keys.map((k) => rest.get(`/api/keys/${k}?hashed=1`)),
    ...keys.map((k) => rest.get(`/api/activity/keys/${k}/${range()}`)),
  ]);
  return 3 + keys.length * 2;
}

async function floorCatalogue({ rest }: Setup): Promise<number> {
  const [catalogue] = await Promise.all([rest.get<{ apis: { policy_id: string; show: boolean }[] }>('/api/portal/catalogue')]);
  const ids = catalogue.apis.filter((a) => a.show).map((a) => a.policy_id);
  await rest.get(`/api/portal/policies/search?policy_ids=${ids.join(',')}&p=-1`);
  return 2;
}

export const WORKLOADS: Workload[] = [
  { name: 'overview, 10 developers', developers: 10, query: OVERVIEW, floor: floorOverview },
  { name: 'overview, 100 developers', developers: 100, query: OVERVIEW, floor: floorOverview },
  { name: 'overview, 1,000 developers', developers: 1000, query: OVERVIEW, floor: floorOverview },
  { name: 'developer detail page', developers: 100, query: DETAIL, variables: (s) => ({ id: s.detailId }), floor: floorDetail },
  { name: 'catalogue page', developers: 100, query: CATALOGUE, floor: floorCatalogue },
];

/** The developer with the most keys: the detail page's subject. */
export async function detailDeveloperId(rest: RestFloor): Promise<string> {
  const developers = (await rest.get<{ Data: Dev[] }>('/api/portal/developers?p=-1')).Data;
  return [...developers].sort((a, b) => Object.keys(b.keys).length - Object.keys(a.keys).length)[0]!.id;
}
