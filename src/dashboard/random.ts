/**
 * Deterministic randomness for demo data and synthetic traffic, and ObjectId-like ids.
 */
import { randomBytes, randomUUID } from 'node:crypto';

/** mulberry32: a small seeded PRNG; the same seed gives the same demo data on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit number from a string (FNV-1a), to seed per-key traffic. */
export function stringSeed(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const HEX_DIGITS = '0123456789abcdef';

/** Lower-case hex of the given length: from `random` when given (deterministic), else crypto-random. */
export function randomHex(length: number, random?: () => number): string {
  if (!random) return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
  // One digit per draw, as Math.floor(random() * 16) (demo data of 50 000 developers draws millions).
  let out = '';
  for (let i = 0; i < length; i++) out += HEX_DIGITS[(random() * 16) | 0];
  return out;
}

/** A 24-hex ObjectId: random when no generator is given, deterministic from one otherwise. */
export function objectId(random?: () => number): string {
  return randomHex(24, random);
}

/** A UUID-shaped string: from `random` when given (deterministic), else crypto-random. */
export function uuid(random?: () => number): string {
  if (!random) return randomUUID();
  const hex = randomHex(32, random);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An OAuth client id as Tyk generates one: a UUID without dashes (32 hex). */
export function oauthClientId(random?: () => number): string {
  return uuid(random).replace(/-/g, '');
}

/** An OAuth client secret as Tyk generates one: base64 of a UUID string (OAS examples, DOCS-DEV). */
export function oauthClientSecret(random?: () => number): string {
  return Buffer.from(uuid(random)).toString('base64');
}
