/**
 * Key analytics (contract §8): the aggregate and single-key routes over the deterministic
 * synthetic traffic, in Tyk's lower-case `{data, pages}` shape, by hour, day or month.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateSegments, envelope, startDashboard, type Harness } from './support.js';

interface Row {
  id: { day: number; month: number; year: number; hour: number; api_id: string };
  hits: number;
  success: number;
  error: number;
  last_hit: string;
}

let h: Harness;
const NOW = new Date('2026-03-10T12:30:00.000Z');
const DAY = 86_400_000;
const FROM = new Date(NOW.getTime() - 20 * DAY);
const RANGE = `${dateSegments(FROM)}/${dateSegments(NOW)}`;

beforeAll(async () => {
  h = await startDashboard({ now: () => NOW });
});
afterAll(() => h.stop());

/** Hashes of org A keys issued before the traffic window, the first with access to two APIs. */
function keys(count: number): string[] {
  const old = [...h.acmeStore().keys.entries()].filter(([, s]) => Date.parse(s.date_created) < FROM.getTime());
  old.sort(([, a], [, b]) => Object.keys(b.access_rights).length - Object.keys(a.access_rights).length);
  return old.slice(0, count).map(([hash]) => hash);
}

async function rows(path: string): Promise<Row[]> {
  const answer = await h.call(path);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect(Object.keys(answer.body).sort()).toEqual(['data', 'pages']);
  expect(answer.body.pages).toBe(0);
  return answer.body.data;
}

const total = (list: Row[], field: 'hits' | 'success' | 'error' = 'hits') => list.reduce((sum, row) => sum + row[field], 0);
const aggregate = (hashes: string[], query = 'res=day&p=-1') => rows(`/api/activity/keys/aggregate/${hashes.map((k) => `${k},`).join('')}/${RANGE}?${query}`);

describe('aggregate analytics', () => {
  it('accepts the key list with a trailing comma and dates zero-padded or not', async () => {
    const hashes = keys(3);
    const padded = `${dateSegments(FROM, true)}/${dateSegments(NOW, true)}`;
    const withComma = await aggregate(hashes);
    const withoutComma = await rows(`/api/activity/keys/aggregate/${hashes.join(',')}/${padded}?res=day&p=-1`);
    expect(withComma).toEqual(withoutComma);
    expect(total(withComma)).toBeGreaterThan(0);
  });

  it('groups rows one per day bucket, in time order, with hits = success + error and some errors', async () => {
    const list = await aggregate(keys(3));
    const buckets = list.map((r) => Date.UTC(r.id.year, r.id.month - 1, r.id.day, r.id.hour));
    expect(new Set(buckets).size).toBe(list.length);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    expect(list.length).toBeGreaterThanOrEqual(20);
    expect(list.every((r) => r.id.hour === 0 && r.hits === r.success + r.error)).toBe(true);
    expect(total(list, 'error')).toBeGreaterThan(0);
    for (const row of list) {
      const hit = Date.parse(row.last_hit);
      expect(row.last_hit).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(hit - Date.UTC(row.id.year, row.id.month - 1, row.id.day)).toBeLessThan(DAY);
    }
  });

  it('counts the same traffic by hour, day and month', async () => {
    const hashes = keys(2);
    const [byHour, byDay, byMonth] = await Promise.all([aggregate(hashes, 'res=hour&p=-1'), aggregate(hashes, 'res=day&p=-1'), aggregate(hashes, 'res=month&p=-1')]);
    expect(total(byHour)).toBe(total(byDay));
    expect(total(byMonth)).toBe(total(byDay));
    expect(new Set(byHour.map((r) => r.id.hour)).size).toBeGreaterThan(12);
    expect(byMonth.map((r) => `${r.id.year}-${r.id.month}`)).toEqual(['2026-2', '2026-3']);
    expect(byHour.length).toBeGreaterThan(byDay.length);
  });

  it('adds up the single-key answers', async () => {
    const hashes = keys(3);
    const singles = await Promise.all(hashes.map((k) => rows(`/api/activity/keys/${k}/${RANGE}?res=day&p=-1`)));
    expect(total(await aggregate(hashes))).toBe(singles.reduce((sum, list) => sum + total(list), 0));
  });

  it('splits a key’s traffic across its APIs: the api_id answers add up to the unfiltered one', async () => {
    const [hash] = keys(1);
    const apis = Object.keys(h.acmeStore().keys.get(hash!)!.access_rights);
    expect(apis.length).toBeGreaterThanOrEqual(2);
    const all = await aggregate([hash!]);
    const perApi = await Promise.all(apis.map((api) => aggregate([hash!], `res=day&p=-1&api_id=${api}`)));
    expect(perApi.every((list) => total(list) > 0 && total(list) < total(all))).toBe(true);
    expect(perApi.reduce((sum, list) => sum + total(list), 0)).toBe(total(all));
    expect(perApi[0]!.every((r) => r.id.api_id === apis[0])).toBe(true);
    expect(await aggregate([hash!], 'res=day&p=-1&api_id=not-an-api-of-this-key')).toEqual([]);
  });

  it("gives another org's keys and unknown keys no traffic", async () => {
    const mine = keys(1);
    const theirs = [...h.dashboard.store.orgs.get(h.globex.orgId)!.keys.keys()].slice(0, 2);
    expect(await aggregate([...mine, ...theirs, '0123456789abcdef'])).toEqual(await aggregate(mine));
    expect(await aggregate(theirs)).toEqual([]);
  });

  it('has traffic only in the last 30 days and never in the future', async () => {
    const [hash] = keys(1);
    const old = new Date(NOW.getTime() - 60 * DAY);
    expect(await rows(`/api/activity/keys/${hash}/${dateSegments(old)}/${dateSegments(new Date(NOW.getTime() - 31 * DAY))}?res=day`)).toEqual([]);
    const today = await rows(`/api/activity/keys/${hash}/${dateSegments(NOW)}/${dateSegments(new Date(NOW.getTime() + 5 * DAY))}?res=hour`);
    expect(today.every((r) => r.id.hour <= NOW.getUTCHours())).toBe(true);
  });
});

describe('single-key analytics without res', () => {
  it('answers one row per API the key reached, with zero dates, adding up to the by-day answer (OAS example rows)', async () => {
    const [hash] = keys(1);
    const session = h.acmeStore().keys.get(hash!)!;
    const perApi = await rows(`/api/activity/keys/${hash}/${RANGE}?p=-1`);
    expect(perApi.map((r) => r.id.api_id)).toEqual(Object.keys(session.access_rights).sort());
    expect(perApi.every((r) => r.id.day === 0 && r.id.month === 0 && r.id.year === 0)).toBe(true);
    expect((perApi[0]!.id as unknown as { api_name: string }).api_name).toBe(Object.values(session.access_rights).find((a) => a.api_id === perApi[0]!.id.api_id)!.api_name);
    expect(total(perApi)).toBe(total(await rows(`/api/activity/keys/${hash}/${RANGE}?res=day&p=-1`)));
    // The aggregate route keeps days as its default.
    expect((await aggregate([hash!], 'p=-1')).every((r) => r.id.day > 0)).toBe(true);
  });
});

describe('analytics with no rows', () => {
  // Tyk's reference portal (tyk-custom-portal portal.rb) asks for `subscriptions.values.join(',') + ','`
  // (just `,` for a developer with no keys) and `.reduce`s `data`: it must get 200 and a list.
  it('answers 200 {"data":[],"pages":0} for no keys (`,` and `,,`), unknown keys and a key with no traffic in the range', async () => {
    const [hash] = keys(1);
    const old = `${dateSegments(new Date(NOW.getTime() - 90 * DAY))}/${dateSegments(new Date(NOW.getTime() - 60 * DAY))}`;
    for (const path of [
      `/api/activity/keys/aggregate/,/${RANGE}?p=-1&res=day`,
      `/api/activity/keys/aggregate/,,/${RANGE}?p=-1&res=day`,
      `/api/activity/keys/aggregate/0123456789abcdef,/${RANGE}?p=-1&res=day`,
      `/api/activity/keys/aggregate/${hash},/${old}?p=-1&res=day`,
      `/api/activity/keys/${hash}/${old}?res=day&p=-1`,
    ]) {
      const answer = await h.call(path);
      expect(answer.status, path).toBe(200);
      expect(answer.body, path).toEqual({ data: [], pages: 0 });
    }
  });

  it('answers "data": null instead when the Dashboard is set to (emptyAnalytics: null), and rows as before', async () => {
    const nulls = await startDashboard({ now: () => NOW, emptyAnalytics: 'null' });
    try {
      expect((await nulls.call(`/api/activity/keys/aggregate/,/${RANGE}?p=-1&res=day`)).body).toEqual({ data: null, pages: 0 });
      const [hash] = [...nulls.acmeStore().keys.entries()].filter(([, s]) => Date.parse(s.date_created) < FROM.getTime()).map(([k]) => k);
      expect((await nulls.call(`/api/activity/keys/aggregate/${hash},/${RANGE}?p=-1&res=day`)).body.data.length).toBeGreaterThan(0);
    } finally {
      await nulls.stop();
    }
  });
});

describe('analytics errors', () => {
  it('answers 400 Key could not be decoded. to impossible dates, unreadable keys or an unknown res', async () => {
    const [hash] = keys(1);
    const decode = envelope('Error', 'Key could not be decoded.');
    for (const path of [
      `/api/activity/keys/aggregate/${hash},/31/2/2026/1/3/2026?res=day`,
      `/api/activity/keys/aggregate/${hash},/1/13/2026/1/3/2026?res=day`,
      `/api/activity/keys/aggregate/${hash},/x/1/2026/1/3/2026?res=day`,
      `/api/activity/keys/aggregate/${hash},%7Bbad%7D,/1/2/2026/1/3/2026?res=day`,
      `/api/activity/keys/${hash}/1/2/2026/1/3/2026?res=week`,
    ]) {
      const answer = await h.call(path);
      expect(answer.status, path).toBe(400);
      expect(answer.body, path).toEqual(decode);
    }
  });
});
