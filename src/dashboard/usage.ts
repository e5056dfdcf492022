/**
 * Deterministic synthetic traffic: for every key, hourly request counts over the last 30 days (a
 * daily rhythm, some errors), a pure function of (key hash, API, hour) so any range can be computed
 * on demand and two runs agree.
 */
import type { UsageResolution } from '../tyk/contract.js';
import { seededRandom, stringSeed } from './random.js';
import type { KeySession } from './store.js';

export const TRAFFIC_DAYS = 30;
const HOUR = 3_600_000;

/**
 * How rows are grouped: by hour, day or month (`res`), or, for the single-key route asked with no
 * `res`, by API (Tyk's OpenAPI file: that route "returns analytics of the endpoints of all APIs
 * called [by] a key", its example rows carry the API and zero dates; the embedded Dashboard has no
 * endpoints, so an API is one row).
 */
export type Resolution = UsageResolution | 'api';

interface Bucket {
  /** The API of a by-API row. */
  api?: { id: string; name: string };
  start: Date;
  hits: number;
  success: number;
  error: number;
  lastHit: number;
}

/** Requests and errors of one key to one API in one hour. */
export function hourTraffic(keyHash: string, apiId: string, hourStart: number): { hits: number; errors: number } {
  const random = seededRandom(stringSeed(`${keyHash}|${apiId}|${hourStart}`));
  const hourOfDay = new Date(hourStart).getUTCHours();
  const busy = 0.4 + 0.6 * Math.sin(((hourOfDay - 6) / 24) * Math.PI * 2) ** 2;
  const hits = random() < 0.2 ? 0 : Math.floor(random() * 40 * busy);
  const errors = Math.floor(hits * random() * 0.12);
  return { hits, errors };
}

function bucketStart(time: number, resolution: Resolution): number {
  const d = new Date(time);
  if (resolution === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (resolution === 'day') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours());
}

/** Answers already computed, keyed by everything they depend on; bounded, oldest dropped first. */
const answers = new Map<string, object[]>();
const MAX_ANSWERS = 5_000;

/**
 * Tyk's analytics rows for the keys over [from 00:00, to 23:59:59] UTC, grouped by bucket. Only
 * hours in the last 30 days, after the key was created and not in the future, have traffic.
 */
export interface UsageQuery {
  keys: { hash: string; session: KeySession }[];
  from: Date;
  to: Date;
  resolution: Resolution;
  now: Date;
  apiId?: string | undefined;
}

export function usageRows(query: UsageQuery): object[] {
  const { keys, from, to, resolution, now, apiId } = query;
  // Traffic is a pure function of its inputs (to the hour of `now`), so repeated questions (the
  // benchmarks ask the same thing thousands of times) are answered from memory.
  const cacheKey = [keys.map((k) => `${k.hash}@${k.session.date_created}@${Object.keys(k.session.access_rights).join('+')}`).join(','), from.getTime(), to.getTime(), resolution, Math.floor(now.getTime() / HOUR), apiId ?? ''].join('|');
  const known = answers.get(cacheKey);
  if (known) return structuredClone(known);
  const rows = computeRows(query);
  answers.set(cacheKey, rows);
  if (answers.size > MAX_ANSWERS) answers.delete(answers.keys().next().value as string);
  return structuredClone(rows);
}

function computeRows({ keys, from, to, resolution, now, apiId }: UsageQuery): object[] {
  const earliest = Math.max(from.getTime(), now.getTime() - TRAFFIC_DAYS * 24 * HOUR);
  const latest = Math.min(to.getTime() + 24 * HOUR - 1, now.getTime());
  const byApi = resolution === 'api';
  const buckets = new Map<number | string, Bucket>();
  for (const { hash, session } of keys) {
    const created = Date.parse(session.date_created) || 0;
    const apis = Object.keys(session.access_rights).filter((id) => !apiId || id === apiId);
    const firstHour = Math.ceil(Math.max(earliest, created) / HOUR) * HOUR;
    for (let hour = firstHour; hour + HOUR <= latest + 1; hour += HOUR) {
      for (const api of apis) {
        const { hits, errors } = hourTraffic(hash, api, hour);
        if (hits === 0) continue;
        const start = byApi ? 0 : bucketStart(hour, resolution);
        const key = byApi ? api : start;
        const bucket = buckets.get(key) ?? { start: new Date(start), hits: 0, success: 0, error: 0, lastHit: 0, ...(byApi ? { api: { id: api, name: session.access_rights[api]?.api_name ?? '' } } : {}) };
        bucket.hits += hits;
        bucket.error += errors;
        bucket.success += hits - errors;
        bucket.lastHit = Math.max(bucket.lastHit, hour + HOUR - 60_000);
        buckets.set(key, bucket);
      }
    }
  }
  return [...buckets.values()]
    .sort((a, b) => (byApi ? a.api!.id.localeCompare(b.api!.id) : a.start.getTime() - b.start.getTime()))
    .map((b) => ({
      id: {
        day: byApi ? 0 : b.start.getUTCDate(),
        month: byApi ? 0 : b.start.getUTCMonth() + 1,
        year: byApi ? 0 : b.start.getUTCFullYear(),
        hour: resolution === 'hour' ? b.start.getUTCHours() : 0,
        code: 0,
        api_id: b.api?.id ?? apiId ?? '',
        api_name: b.api?.name ?? '',
        key: '',
        alias: '',
        path: '',
        url: '',
        iso_country: '',
      },
      hits: b.hits,
      success: b.success,
      error: b.error,
      last_hit: new Date(b.lastHit).toISOString(),
      request_time: 0,
      latency: 0,
      upstream_latency: 0,
    }));
}
