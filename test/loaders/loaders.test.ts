/**
 * Loaders against a recording fake client: what each batch costs upstream, and per-key errors.
 */
import { describe, expect, it } from 'vitest';
import { createLoaders, type Loaders } from '../../src/loaders/index.js';
import { TykNotFoundError, TykUnavailableError } from '../../src/tyk/errors.js';
import type { TykClient } from '../../src/tyk/types.js';
import { TykDeveloper, TykKeyRequest, TykPolicy } from '../../src/tyk/wire.js';

const hex = (n: number) => n.toString(16).padStart(24, '0');
const developer = (n: number) => TykDeveloper.parse({ id: hex(n), email: `dev${n}@example.com`, keys: { [`k${n}`]: [hex(900)] } });
const policy = (n: number) => TykPolicy.parse({ _id: hex(n), name: `Policy ${n}` });

/** Loads 100 ids through `load`, the client's `method` answering each after a turn; how many were in flight at most, and the calls. */
async function readHundredById(method: 'getDeveloper' | 'getKeyRequest', answer: (id: string) => unknown, load: (loaders: Loaders, id: string) => Promise<unknown>) {
  let inFlight = 0;
  let most = 0;
  const { client, calls } = recordingClient({
    async [method](id: string) {
      calls.push(`${method} ${id}`);
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return answer(id);
    },
  } as Partial<TykClient>);
  const loaders = createLoaders(client);
  const found = await Promise.all(Array.from({ length: 100 }, (_, i) => load(loaders, hex(i + 1))));
  expect(found.every((d) => d !== null)).toBe(true);
  return { most, calls };
}

function recordingClient(overrides: Partial<TykClient> = {}) {
  const calls: string[] = [];
  const developers = Array.from({ length: 30 }, (_, i) => developer(i + 1));
  const policies = Array.from({ length: 5 }, (_, i) => policy(900 + i));
  const client = {
    baseUrl: 'http://fake',
    async listDevelopers({ page }: { page?: number } = {}) {
      calls.push(page === undefined ? 'listDevelopers' : `listDevelopers p=${page}`);
      if (page === undefined) return { data: developers, pages: 0 };
      return { data: developers.slice((page - 1) * 10, page * 10), pages: Math.ceil(developers.length / 10) };
    },
    async getDeveloper(id: string) {
      calls.push(`getDeveloper ${id}`);
      const found = developers.find((d) => d.id === id);
      if (!found) throw new TykNotFoundError('not found', 'GET /api/portal/developers/:id', 404);
      return found;
    },
    async getDeveloperByEmail(email: string) {
      calls.push(`getDeveloperByEmail ${email}`);
      const found = developers.find((d) => d.email === email);
      if (!found) throw new TykNotFoundError('not found', 'GET /api/portal/developers/email/:email', 404);
      return found;
    },
    async getPolicy(id: string) {
      calls.push(`getPolicy ${id}`);
      const found = policies.find((p) => p._id === id);
      if (!found) throw new TykNotFoundError('not found', 'GET /api/portal/policies/:id', 404);
      return found;
    },
    async searchPolicies({ policyIds }: { policyIds?: string[] }) {
      calls.push(`searchPolicies ${policyIds?.join(',')}`);
      return { data: policies.filter((p) => policyIds?.includes(p._id)), pages: 0 };
    },
    async listPolicies() {
      calls.push('listPolicies');
      return { data: policies, pages: 0 };
    },
    async getKey(id: string) {
      calls.push(`getKey ${id}`);
      if (id === 'broken') throw new TykUnavailableError('down', 'GET /api/keys/:id', 503);
      if (id === 'gone') throw new TykNotFoundError('not found', 'GET /api/keys/:id', 404);
      return { key_id: '', key_hash: id, data: { apply_policies: [] } } as never;
    },
    async getKeyUsage(id: string) {
      calls.push(`getKeyUsage ${id}`);
      return [];
    },
    async getAggregateKeyUsage(ids: readonly string[]) {
      calls.push(`getAggregateKeyUsage ${ids.join(',')}`);
      return [];
    },
    ...overrides,
  } as unknown as TykClient;
  return { client, calls };
}

describe('developerById', () => {
  it('batches three ids into three parallel reads and no list call', async () => {
    const { client, calls } = recordingClient();
    const loaders = createLoaders(client);
    const found = await Promise.all([1, 2, 3].map((n) => loaders.developerById.load(hex(n))));
    expect(found.map((d) => d?.email)).toEqual(['dev1@example.com', 'dev2@example.com', 'dev3@example.com']);
    expect(calls.sort()).toEqual([`getDeveloper ${hex(1)}`, `getDeveloper ${hex(2)}`, `getDeveloper ${hex(3)}`]);
  });

  it('reads a batch larger than one Tyk page by id too, never the whole list, at most 32 at a time', async () => {
    const { most, calls } = await readHundredById('getDeveloper', (id) => developer(Number.parseInt(id, 16)), (loaders, id) => loaders.developerById.load(id));
    expect(calls).toHaveLength(100);
    expect(calls.every((c) => c.startsWith('getDeveloper '))).toBe(true);
    expect(most).toBe(32);
  });

  it('serves lookups of developers on a list page the request read, with no further call', async () => {
    const { client, calls } = recordingClient();
    const loaders = createLoaders(client);
    await loaders.developerPages.window(0, 10);
    await loaders.developerById.load(hex(5));
    expect((await loaders.developerByEmail.load('DEV6@Example.com'))?.id).toBe(hex(6));
    expect(calls).toEqual(['listDevelopers p=1']);
  });

  it('returns null for a developer the Dashboard does not have', async () => {
    const { client } = recordingClient();
    expect(await createLoaders(client).developerById.load(hex(999))).toBeNull();
  });

  it('de-duplicates the same id asked for twice in one request', async () => {
    const { client, calls } = recordingClient();
    const loaders = createLoaders(client);
    await Promise.all([loaders.developerById.load(hex(1)), loaders.developerById.load(hex(1))]);
    await loaders.developerById.load(hex(1));
    expect(calls).toEqual([`getDeveloper ${hex(1)}`]);
  });
});

describe('keyRequestById', () => {
  it('reads a hundred requests by id at most 32 at a time', async () => {
    const { most, calls } = await readHundredById('getKeyRequest', (id) => TykKeyRequest.parse({ id, by_user: hex(1), for_plan: hex(900) }), (loaders, id) => loaders.keyRequestById.load(id));
    expect(calls).toHaveLength(100);
    expect(most).toBe(32);
  });
});

describe('policyById', () => {
  it('reads a single policy by id and several with one search call', async () => {
    const { client, calls } = recordingClient();
    const loaders = createLoaders(client);
    await loaders.policyById.load(hex(900));
    expect(calls).toEqual([`getPolicy ${hex(900)}`]);
    calls.length = 0;
    const many = await loaders.policyById.loadMany([hex(901), hex(902), hex(777)]);
    expect(calls).toEqual([`searchPolicies ${hex(901)},${hex(902)},${hex(777)}`]);
    expect(many.map((p) => (p && !(p instanceof Error) ? p.name : p))).toEqual(['Policy 901', 'Policy 902', null]);
  });
});

describe('keyById', () => {
  it('fails only the key whose read failed, and nulls a key that is gone', async () => {
    const { client } = recordingClient();
    const results = await createLoaders(client).keyById.loadMany(['ok', 'broken', 'gone']);
    expect(results[0]).toMatchObject({ key_hash: 'ok' });
    expect(results[1]).toBeInstanceOf(TykUnavailableError);
    expect(results[2]).toBeNull();
  });
});

describe('usage', () => {
  it('shares one call between identical requests and uses the aggregate route for key sets', async () => {
    const { client, calls } = recordingClient();
    const loaders = createLoaders(client);
    const range = { from: new Date('2026-01-01'), to: new Date('2026-01-07'), resolution: 'day' as const };
    await Promise.all([
      loaders.usage.load({ keyIds: ['a'], ...range }),
      loaders.usage.load({ keyIds: ['a'], ...range }),
      loaders.usage.load({ keyIds: ['b', 'a'], ...range }),
      loaders.usage.load({ keyIds: ['a', 'b'], ...range }),
    ]);
    expect(calls.sort()).toEqual(['getAggregateKeyUsage a,b', 'getKeyUsage a']);
  });
});
