/**
 * A developer list reads each developer through a hand-written check (TykListedDeveloper) that
 * stands in for the zod schema (TykDeveloper): for every input, both must accept the same
 * developers with the same output and reject the same ones with the same issues.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEmbeddedDashboard } from '../../src/dashboard/index.js';
import { closeTykPools, createTykClient } from '../../src/tyk/client.js';
import { TykDeveloper, TykListedDeveloper } from '../../src/tyk/wire.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as unknown;

/** The outcome of a schema on `input`, comparable across schemas. */
function outcome(schema: typeof TykDeveloper | typeof TykListedDeveloper, input: unknown) {
  const parsed = schema.safeParse(structuredClone(input));
  return parsed.success ? { data: parsed.data } : { issues: parsed.error.issues.map(({ code, path, message }) => ({ code, path, message })) };
}

const BASE = {
  id: '5e397e714ea461ef1d474efa',
  email: 'dev@example.org',
  date_created: '2020-02-04T16:23:00Z',
  inactive: false,
  org_id: '5e9d9544a1dcd60001d0ed20',
  keys: { d0e36103e33ae663: ['4e4e24c5d0d0810a9e874f05'] },
  subscriptions: { '4e4e24c5d0d0810a9e874f05': 'd0e36103e33ae663' },
  fields: { Name: 'Dev', Age: 42, Vip: true, Note: null },
  oauth_clients: { '5e397e804ea461ef1d474efb': [{ client_id: 'bf27', secret: 's', redirect_uri: 'https://x', app_description: null, use_case: 'u', date_created: '' }] },
  nonce: '',
  sso_key: '',
  password_max_days: 0,
  password_updated: '',
  last_login_date: '',
  password: '$2a$10$hash',
  PWHistory: ['$2a$10$old'],
  api_keys: { api1: 'hash1' },
  some_future_field: { a: 1 },
};

/** Every field of BASE set to values of other types, removed, or nulled; plus odd shapes. */
function variants(): unknown[] {
  const odd = [undefined, null, '', 'text', 0, 1.5, true, [], ['a'], [1], {}, { k: 'v' }, { k: 1 }, { k: null }, { k: ['p'] }, { k: [1] }, { k: [{ client_id: 'c' }] }, { k: [{}] }];
  const out: unknown[] = [BASE, [], 'developer', null, 42, {}];
  for (const field of Object.keys(BASE)) {
    for (const value of odd) {
      const copy: Record<string, unknown> = { ...BASE };
      if (value === undefined) delete copy[field];
      else copy[field] = value;
      out.push(copy);
    }
  }
  out.push({ ...BASE, id: undefined, _id: '5e397e714ea461ef1d474efa' }, { ...BASE, id: '', _id: 'x' }, { email: 'a@b.c', _id: '' });
  out.push(JSON.parse(`{"id":"x","email":"a@b.c","__proto__":{"polluted":true}}`), JSON.parse(`{"id":"x","email":"a@b.c","fields":{"__proto__":"v"}}`));
  out.push(Object.assign(Object.create(null) as object, BASE));
  return out;
}

describe('the hand-written developer check', () => {
  it('agrees with the zod schema on every variant of every field', () => {
    const cases = variants();
    expect(cases.length).toBeGreaterThan(300);
    let accepted = 0;
    for (const input of cases) {
      const slow = outcome(TykDeveloper, input);
      expect(outcome(TykListedDeveloper, input), JSON.stringify(input)).toEqual(slow);
      if ('data' in slow) accepted += 1;
    }
    // Both outcomes occur, so the comparison covers both paths.
    expect(accepted).toBeGreaterThan(50);
    expect(accepted).toBeLessThan(cases.length - 50);
  });

  it('agrees on the contract fixtures', () => {
    const list = fixture('seed-002-developer-list.json') as { Data: unknown[] };
    for (const input of [...list.Data, fixture('seed-002-developer.json'), fixture('seed-003-developer-by-email.json')]) {
      expect(outcome(TykListedDeveloper, input)).toEqual(outcome(TykDeveloper, input));
    }
  });

  it('agrees on every developer of the embedded Dashboard’s demo data, as served over HTTP', async () => {
    const dashboard = createEmbeddedDashboard({ demoSize: { developers: [300, 30] } });
    const url = await dashboard.start();
    try {
      const response = await fetch(new URL('/api/portal/developers?p=-1', url), { headers: { authorization: dashboard.orgs[0]!.credential } });
      const { Data } = (await response.json()) as { Data: unknown[] };
      expect(Data.length).toBeGreaterThanOrEqual(300);
      for (const input of Data) expect(outcome(TykListedDeveloper, input)).toEqual(outcome(TykDeveloper, input));
      // And the client's list is what the zod schema makes of each.
      const listed = await createTykClient({ baseUrl: url, credential: dashboard.orgs[0]!.credential }).listDevelopers();
      expect(listed.data).toEqual(Data.map((d) => TykDeveloper.parse(d)));
    } finally {
      await closeTykPools();
      await dashboard.stop();
    }
  });
});
