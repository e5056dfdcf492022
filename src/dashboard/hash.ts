/**
 * Key hashing as Tyk's `hash_keys` does it: MurmurHash3. Tyk's default is murmur32 (8 hex chars);
 * newer keys name murmur64 (16 hex chars), which we take as the first 64 bits of MurmurHash3 x64-128,
 * or murmur128 / sha256.
 */
import { createHash } from 'node:crypto';

/** MurmurHash3 x86 32-bit of a UTF-8 string → 8 lower-case hex chars. */
export function murmur32(input: string, seed = 0): string {
  const data = Buffer.from(input, 'utf8');
  let h = seed >>> 0;
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const blocks = data.length >>> 2;
  for (let i = 0; i < blocks; i++) {
    let k = data.readUInt32LE(i * 4);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  let k = 0;
  const tail = blocks * 4;
  switch (data.length & 3) {
    case 3:
      k ^= data[tail + 2]! << 16;
    // falls through
    case 2:
      k ^= data[tail + 1]! << 8;
    // falls through
    case 1:
      k ^= data[tail]!;
      k = Math.imul(k, c1);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, c2);
      h ^= k;
  }
  h ^= data.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0).toString(16).padStart(8, '0');
}

const MASK64 = (1n << 64n) - 1n;
const rotl64 = (x: bigint, r: bigint) => ((x << r) | (x >> (64n - r))) & MASK64;
function fmix64(k: bigint): bigint {
  k ^= k >> 33n;
  k = (k * 0xff51afd7ed558ccdn) & MASK64;
  k ^= k >> 33n;
  k = (k * 0xc4ceb9fe1a85ec53n) & MASK64;
  k ^= k >> 33n;
  return k;
}

const C1 = 0x87c37b91114253d5n;
const C2 = 0x4cf5ad432745937fn;

/** One 64-bit block's scramble (multiply, rotate, multiply); the two lanes differ only in constants and rotation. */
function mixK(k: bigint, first: bigint, second: bigint, rotation: bigint): bigint {
  return (rotl64((k * first) & MASK64, rotation) * second) & MASK64;
}

/** First 64 bits of MurmurHash3 x64-128 of a UTF-8 string → 16 lower-case hex chars. */
export function murmur64(input: string, seed = 0n): string {
  return murmur128Halves(input, seed)[0].toString(16).padStart(16, '0');
}

/** MurmurHash3 x64-128 of a UTF-8 string → 32 lower-case hex chars (h1 then h2, big-endian, as Go's murmur3 Sum). */
export function murmur128(input: string, seed = 0n): string {
  return murmur128Halves(input, seed).map((h) => h.toString(16).padStart(16, '0')).join('');
}

function murmur128Halves(input: string, seed: bigint): [bigint, bigint] {
  const data = Buffer.from(input, 'utf8');
  let h1 = seed;
  let h2 = seed;
  const blocks = Math.floor(data.length / 16);
  for (let i = 0; i < blocks; i++) {
    h1 ^= mixK(data.readBigUInt64LE(i * 16), C1, C2, 31n);
    h1 = rotl64(h1, 27n);
    h1 = (h1 + h2) & MASK64;
    h1 = (h1 * 5n + 0x52dce729n) & MASK64;
    h2 ^= mixK(data.readBigUInt64LE(i * 16 + 8), C2, C1, 33n);
    h2 = rotl64(h2, 31n);
    h2 = (h2 + h1) & MASK64;
    h2 = (h2 * 5n + 0x38495ab5n) & MASK64;
  }
  const tail = data.subarray(blocks * 16);
  let k1 = 0n;
  let k2 = 0n;
  for (let i = tail.length - 1; i >= 8; i--) k2 ^= BigInt(tail[i]!) << BigInt((i - 8) * 8);
  if (tail.length > 8) h2 ^= mixK(k2, C2, C1, 33n);
  for (let i = Math.min(tail.length, 8) - 1; i >= 0; i--) k1 ^= BigInt(tail[i]!) << BigInt(i * 8);
  if (tail.length > 0) h1 ^= mixK(k1, C1, C2, 31n);
  const len = BigInt(data.length);
  h1 ^= len;
  h2 ^= len;
  h1 = (h1 + h2) & MASK64;
  h2 = (h2 + h1) & MASK64;
  h1 = fmix64(h1);
  h2 = fmix64(h2);
  h1 = (h1 + h2) & MASK64;
  h2 = (h2 + h1) & MASK64;
  return [h1, h2];
}

/** The algorithms Tyk's `hash_key_function` names (gateway storage/hash.go). */
export type HashFunction = 'murmur32' | 'murmur64' | 'murmur128' | 'sha256';

const HASHES: Record<HashFunction, (input: string) => string> = {
  murmur32: (input) => murmur32(input),
  murmur64: (input) => murmur64(input),
  murmur128: (input) => murmur128(input),
  sha256: (input) => createHash('sha256').update(input, 'utf8').digest('hex'),
};

export function hashKey(rawKey: string, fn: HashFunction): string {
  return HASHES[fn](rawKey);
}

/** Strict standard base64, as Go's `base64.StdEncoding.DecodeString` accepts it. */
const STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The algorithm a key is hashed with, chosen per key as Tyk's gateway does (storage/hash.go
 * `TokenHashAlgo`): a key that is base64 of a JSON record (`ey…`) names it in its `h` field; any
 * other key (legacy `<org id><32 hex>` keys, custom keys) and an unknown or missing `h` use murmur32.
 */
export function keyHashAlgorithm(rawKey: string): HashFunction {
  if (!rawKey.startsWith('ey') || !STD_BASE64.test(rawKey)) return 'murmur32';
  try {
    const h = (JSON.parse(Buffer.from(rawKey, 'base64').toString('utf8')) as { h?: unknown }).h;
    return typeof h === 'string' && h in HASHES ? (h as HashFunction) : 'murmur32';
  } catch {
    return 'murmur32';
  }
}

/** The hash Tyk stores a raw key under (its own algorithm, see keyHashAlgorithm). */
export function hashOfKey(rawKey: string): string {
  return hashKey(rawKey, keyHashAlgorithm(rawKey));
}
