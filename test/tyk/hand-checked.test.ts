/**
 * Developer lists and key analytics are read through hand-written checks (TykListedDeveloper,
 * TykUsageList) that stand in for zod schemas: for every input, the hand-checked schema and the
 * zod schema alone must accept the same values with the same output and reject the same ones with
 * the same issues.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEmbeddedDashboard } from '../../src/dashboard/index.js';
import { closeTykPools, createTykClient } from '../../src/tyk/client.js';
import { TykDeveloper, TykListedDeveloper, TykUsageList, TykUsageListWire } from '../../src/tyk/wire.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as unknown;

/** The outcome of a schema on `input`, comparable across schemas. */
function outcome(schema: { safeParse(input: unknown): { success: true; data: unknown } | { success: false; error: { issues: { code: string; path: PropertyKey[]; message: string }[] } } }, input: unknown) {
  const parsed = schema.safeParse(structuredClone(input));
  return parsed.success ? { data: parsed.data } : { issues: parsed.error.issues.map(({ code, path, message }) => ({ code, path, message })) };
}

type Schema = Parameters<typeof outcome>[0];

/**
 * Asserts that `handChecked` and `zodAlone` agree on every input, and that each accepts and
 * rejects at least `atLeast` of them (so both paths of the hand-checked schema are compared).
 */
function expectAgreement(handChecked: Schema, zodAlone: Schema, inputs: unknown[], atLeast: number) {
  let accepted = 0;
  for (const input of inputs) {
    const slow = outcome(zodAlone, input);
    expect(outcome(handChecked, input), JSON.stringify(input)).toEqual(slow);
    if ('data' in slow) accepted += 1;
  }
  expect(accepted).toBeGreaterThanOrEqual(atLeast);
  expect(inputs.length - accepted).toBeGreaterThanOrEqual(atLeast);
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

const ODD = [undefined, null, '', 'text', 0, 1.5, true, [], ['a'], [1], {}, { k: 'v' }, { k: 1 }, { k: null }, { k: ['p'] }, { k: [1] }, { k: [{ client_id: 'c' }] }, { k: [{}] }];

/** `base` with each of its fields set to each ODD value (undefined: removed). */
function eachFieldOdd(base: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const field of Object.keys(base)) {
    for (const value of ODD) {
      const copy: Record<string, unknown> = { ...base };
      if (value === undefined) delete copy[field];
      else copy[field] = value;
      out.push(copy);
    }
  }
  return out;
}

/** Every field of BASE set to values of other types, removed, or nulled; plus odd shapes. */
function variants(): unknown[] {
  const out: unknown[] = [BASE, [], 'developer', null, 42, {}, ...eachFieldOdd(BASE)];
  out.push({ ...BASE, id: undefined, _id: '5e397e714ea461ef1d474efa' }, { ...BASE, id: '', _id: 'x' }, { email: 'a@b.c', _id: '' });
  out.push(JSON.parse(`{"id":"x","email":"a@b.c","__proto__":{"polluted":true}}`), JSON.parse(`{"id":"x","email":"a@b.c","fields":{"__proto__":"v"}}`));
  out.push(Object.assign(Object.create(null) as object, BASE));
  return out;
}

describe('the hand-written developer check', () => {
  it('agrees with the zod schema on every variant of every field', () => {
    const cases = variants();
    expect(cases.length).toBeGreaterThan(300);
    expectAgreement(TykListedDeveloper, TykDeveloper, cases, 50);
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

const ROW = {
  id: { day: 9, month: 8, year: 2017, hour: 0, code: 200, api_id: 'a1', api_name: 'Orders', key: '41c5cb1e', alias: '', path: '', url: '', iso_country: '' },
  hits: 13,
  success: 10,
  error: 3,
  last_hit: '2017-08-09T12:31:02Z',
  request_time: 190.2,
  latency: 0,
};

describe('the hand-written analytics check', () => {
  it('agrees with the zod schema on every variant of every row and id field', () => {
    const rows = [ROW, ...eachFieldOdd(ROW), ...eachFieldOdd(ROW.id).map((id) => ({ ...ROW, id }))];
    const bodies: unknown[] = [{ data: [], pages: 0 }, { data: null }, {}, [], null, 'x', { data: 'x' }, { data: [ROW], pages: 'x' }, { data: [ROW], pages: null }];
    for (const row of rows) bodies.push({ data: [ROW, row], pages: 1 });
    expectAgreement(TykUsageList, TykUsageListWire, bodies, 20);
  });

  it('agrees on the contract fixture and on the embedded Dashboard’s answers', async () => {
    expect(outcome(TykUsageList, fixture('seed-002-analytics.json'))).toEqual(outcome(TykUsageListWire, fixture('seed-002-analytics.json')));
    const dashboard = createEmbeddedDashboard({ demoSize: { developers: [20, 30] } });
    const url = await dashboard.start();
    try {
      const credential = dashboard.orgs[0]!.credential;
      const { Data } = (await (await fetch(new URL('/api/portal/developers?p=-1', url), { headers: { authorization: credential } })).json()) as { Data: { keys: Record<string, unknown> }[] };
      const keys = Data.flatMap((d) => Object.keys(d.keys)).slice(0, 10);
      expect(keys.length).toBeGreaterThan(3);
      const to = new Date();
      const from = new Date(to.getTime() - 30 * 86_400_000);
      const day = (d: Date) => `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
      for (const key of keys) {
        for (const res of ['day', 'hour']) {
          const body = await (await fetch(new URL(`/api/activity/keys/${key}/${day(from)}/${day(to)}?res=${res}&p=-1`, url), { headers: { authorization: credential } })).json();
          const slow = outcome(TykUsageListWire, body);
          expect('data' in slow).toBe(true);
          expect(outcome(TykUsageList, body)).toEqual(slow);
        }
      }
    } finally {
      await dashboard.stop();
    }
  });
});
