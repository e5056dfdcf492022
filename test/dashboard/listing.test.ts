/**
 * How the embedded Dashboard lists at organisation size: pages are slices of an insertion-ordered
 * array kept until membership changes; a whole list of more than 1 000 items is written in chunks
 * (no content length) with exactly the items the pages hold; demo data is sized by the same knob
 * `npm start` reads and stays the same data whatever the speed-ups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createEmbeddedDashboard, type EmbeddedDashboard } from '../../src/dashboard/index.js';
import { ListedMap } from '../../src/dashboard/listing.js';

describe('ListedMap', () => {
  it('lists values in insertion order through sets, replacements and deletes', () => {
    const map = new ListedMap<string, number>();
    for (const [k, v] of [['a', 1], ['b', 2], ['c', 3]] as const) map.set(k, v);
    const first = map.listed();
    expect(first).toEqual([1, 2, 3]);
    map.set('b', 20); // a replacement keeps its place and the array
    expect(map.listed()).toBe(first);
    expect(map.listed()).toEqual([1, 20, 3]);
    map.delete('a');
    map.set('a', 10); // re-added: now last, as Map orders it
    expect(map.listed()).toEqual([20, 3, 10]);
    expect(map.listed()).toEqual([...map.values()]);
    map.clear();
    expect(map.listed()).toEqual([]);
  });
});

let dashboard: EmbeddedDashboard;
let credential: string;
beforeAll(async () => {
  dashboard = createEmbeddedDashboard({ demoSize: { developers: [loadConfig({ PORTAL_GRAPH_DEMO_DEVELOPERS: '2500' }).demoDevelopers, 30] } });
  await dashboard.start();
  credential = dashboard.orgs[0]!.credential;
});
afterAll(() => dashboard.stop());

const get = (path: string) => fetch(`${dashboard.url}${path}`, { headers: { authorization: credential } });

describe('listing developers', () => {
  it('sizes the first demo organisation by PORTAL_GRAPH_DEMO_DEVELOPERS', () => {
    expect(dashboard.store.orgs.get(dashboard.orgs[0]!.orgId)!.developers.size).toBe(2500);
    expect(dashboard.store.orgs.get(dashboard.orgs[1]!.orgId)!.developers.size).toBe(30);
    expect(() => loadConfig({ PORTAL_GRAPH_DEMO_DEVELOPERS: '-1' })).toThrow(/PORTAL_GRAPH_DEMO_DEVELOPERS/);
  });

  it('answers the whole list in chunks with exactly what the pages hold, and pages after a change', async () => {
    const whole = await get('/api/portal/developers?p=-1');
    expect(whole.headers.get('content-length')).toBeNull();
    const body = (await whole.json()) as { Data: { id: string }[]; Pages: number };
    expect(body.Pages).toBe(1); // p<0: Pages 1, as a real Dashboard answers (docs/tyk-compatibility.md)
    const pages: string[] = [];
    for (let p = 1; p <= 250; p++) pages.push(...((await (await get(`/api/portal/developers?p=${p}`)).json()) as { Data: { id: string }[] }).Data.map((d) => d.id));
    expect(body.Data.map((d) => d.id)).toEqual(pages);
    expect(new Set(pages).size).toBe(2500);

    const third = pages[2]!;
    expect((await fetch(`${dashboard.url}/api/portal/developers/${third}`, { method: 'DELETE', headers: { authorization: credential } })).status).toBe(200);
    const page1 = ((await (await get('/api/portal/developers?p=1')).json()) as { Data: { id: string }[] }).Data.map((d) => d.id);
    expect(page1).toEqual(pages.filter((id) => id !== third).slice(0, 10));
  });

  it('logs the bytes of every answer, chunked or not', async () => {
    dashboard.requestLog.clear();
    const text = await (await get('/api/portal/developers?p=-1')).text();
    const page = await (await get('/api/portal/developers?p=2')).text();
    expect(dashboard.requestLog.entries().map((e) => e.bytes)).toEqual([Buffer.byteLength(text), Buffer.byteLength(page)]);
    expect(dashboard.requestLog.bytes('GET /api/portal/developers')).toBe(Buffer.byteLength(text) + Buffer.byteLength(page));
  });
});
