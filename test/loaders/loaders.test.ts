/**
 * Loaders against a recording fake client: what each batch costs upstream, and per-key errors.
 */
import { describe, expect, it } from 'vitest';
import { createLoaders } from '../../src/loaders/index.js';
import { TykNotFoundError, TykUnavailableError } from '../../src/tyk/errors.js';
import type { TykClient } from '../../src/tyk/types.js';
import { TykDeveloper, TykPolicy } from '../../src/tyk/wire.js';

const hex = (n: number) => n.toString(16).padStart(24, '0');
const developer = (n: number) => TykDeveloper.parse({ id: hex(n), email: `dev${n}@example.com`, keys: { [`k${n}`]: [hex(900)] } });
const policy = (n: number) => TykPolicy.parse({ _id: hex(n), name: `Policy ${n}` });

function recordingClient(overrides: Partial<TykClient> = {}) {
  const calls: string[] = [];
  const developers = Array.from({ length: 30 }, (_, i) => developer(i + 1));
  const policies = Array.from({ length: 5 }, (_, i) => policy(900 + i));
  const client = {
    baseUrl: 'http://fake',
    async listDevelopers() {
      calls.push('listDevelopers');
      return { data: developers, pages: 0 };
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

  it('answers a batch larger than one Tyk page with one list call', async () => {
    const { client, calls } = recordingClient();
    const loaders = createLoaders(client);
    const found = await Promise.all(Array.from({ length: 12 }, (_, i) => loaders.developerById.load(hex(i + 1))));
    expect(found.every((d) => d !== null)).toBe(true);
    expect(calls).toEqual(['listDevelopers']);
  });

  it('serves lookups from a list already read in the request, with no further call', async () => {
    const { client, calls } = recordingClient();
    const loaders = createLoaders(client);
    await loaders.allDevelopers();
    await loaders.developerById.load(hex(5));
    await loaders.developerByEmail.load('dev6@example.com');
    expect(calls).toEqual(['listDevelopers']);
  });

  it('finds a listed developer by email whatever its case, with no further call', async () => {
    const { client, calls } = recordingClient();
    const loaders = createLoaders(client);
    await loaders.allDevelopers();
    expect((await loaders.developerByEmail.load('DEV7@Example.com'))?.id).toBe(hex(7));
    expect(await loaders.developerByEmail.load('nobody@example.com')).toBeNull();
    expect(calls).toEqual(['listDevelopers']);
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
