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

// MurmurHash3 x64-128 in 32-bit halves: BigInt arithmetic costs ≈ 10× more, and demo data of
// 50 000 developers hashes ≈ 90 000 keys at start-up. 64-bit values are (hi, lo) pairs of uint32;
// the helpers leave their result in `hi`/`lo`.
let hi = 0;
let lo = 0;

/** (ah, al) × (bh, bl) mod 2^64, in 16-bit limbs so no partial product loses precision. */
function mul64(ah: number, al: number, bh: number, bl: number): void {
  const a48 = ah >>> 16, a32 = ah & 0xffff, a16 = al >>> 16, a00 = al & 0xffff;
  const b48 = bh >>> 16, b32 = bh & 0xffff, b16 = bl >>> 16, b00 = bl & 0xffff;
  let c00 = a00 * b00;
  let c16 = c00 >>> 16;
  c00 &= 0xffff;
  c16 += a16 * b00;
  let c32 = c16 >>> 16;
  c16 &= 0xffff;
  c16 += a00 * b16;
  c32 += c16 >>> 16;
  c16 &= 0xffff;
  c32 += a32 * b00;
  let c48 = c32 >>> 16;
  c32 &= 0xffff;
  c32 += a16 * b16;
  c48 += c32 >>> 16;
  c32 &= 0xffff;
  c32 += a00 * b32;
  c48 += c32 >>> 16;
  c32 &= 0xffff;
  c48 += a48 * b00 + a32 * b16 + a16 * b32 + a00 * b48;
  hi = (((c48 & 0xffff) << 16) | c32) >>> 0;
  lo = ((c16 << 16) | c00) >>> 0;
}

function add64(ah: number, al: number, bh: number, bl: number): void {
  const low = al + bl;
  lo = low >>> 0;
  hi = (ah + bh + (low > 0xffffffff ? 1 : 0)) >>> 0;
}

/** Rotation left by 0 < r < 64, r ≠ 32. */
function rotl64(h: number, l: number, r: number): void {
  if (r > 32) {
    const s = r - 32;
    hi = ((l << s) | (h >>> (32 - s))) >>> 0;
    lo = ((h << s) | (l >>> (32 - s))) >>> 0;
    return;
  }
  hi = ((h << r) | (l >>> (32 - r))) >>> 0;
  lo = ((l << r) | (h >>> (32 - r))) >>> 0;
}

/** k ^= k >>> 33; k *= c1; k ^= k >>> 33; k *= c2; k ^= k >>> 33. */
function fmix64(h: number, l: number): void {
  l = (l ^ (h >>> 1)) >>> 0;
  mul64(h, l, 0xff51afd7, 0xed558ccd);
  l = (lo ^ (hi >>> 1)) >>> 0;
  mul64(hi, l, 0xc4ceb9fe, 0x1a85ec53);
  lo = (lo ^ (hi >>> 1)) >>> 0;
}

const C1 = [0x87c37b91, 0x114253d5] as const;
const C2 = [0x4cf5ad43, 0x2745937f] as const;

/** One 64-bit block's scramble: k × first, rotated, × second. */
function mixK(kh: number, kl: number, first: readonly [number, number], second: readonly [number, number], rotation: number): void {
  mul64(kh, kl, first[0], first[1]);
  rotl64(hi, lo, rotation);
  mul64(hi, lo, second[0], second[1]);
}

const hex32 = (value: number) => value.toString(16).padStart(8, '0');

/** Bytes [from, to) of the data (those that exist), little-endian, as a uint32. */
function tailWord(data: Buffer, from: number, to: number): number {
  let word = 0;
  for (let i = Math.min(to, data.length) - 1; i >= from; i--) word = (word * 256 + data[i]!) >>> 0;
  return word;
}

/** MurmurHash3 x64-128 of a UTF-8 string as [h1 hi, h1 lo, h2 hi, h2 lo] (uint32 each). */
function murmur128Words(input: string, seed: number): [number, number, number, number] {
  const data = Buffer.from(input, 'utf8');
  let h1h = 0, h1l = seed >>> 0;
  let h2h = 0, h2l = seed >>> 0;
  const blocks = Math.floor(data.length / 16);
  for (let i = 0; i < blocks; i++) {
    const at = i * 16;
    mixK(data.readUInt32LE(at + 4), data.readUInt32LE(at), C1, C2, 31);
    rotl64((h1h ^ hi) >>> 0, (h1l ^ lo) >>> 0, 27);
    add64(hi, lo, h2h, h2l);
    mul64(hi, lo, 0, 5);
    add64(hi, lo, 0, 0x52dce729);
    h1h = hi;
    h1l = lo;
    mixK(data.readUInt32LE(at + 12), data.readUInt32LE(at + 8), C2, C1, 33);
    rotl64((h2h ^ hi) >>> 0, (h2l ^ lo) >>> 0, 31);
    add64(hi, lo, h1h, h1l);
    mul64(hi, lo, 0, 5);
    add64(hi, lo, 0, 0x38495ab5);
    h2h = hi;
    h2l = lo;
  }
  const tail = blocks * 16;
  const rest = data.length - tail;
  if (rest > 8) {
    mixK(tailWord(data, tail + 12, tail + 16), tailWord(data, tail + 8, tail + 12), C2, C1, 33);
    h2h = (h2h ^ hi) >>> 0;
    h2l = (h2l ^ lo) >>> 0;
  }
  if (rest > 0) {
    mixK(tailWord(data, tail + 4, tail + 8), tailWord(data, tail, tail + 4), C1, C2, 31);
    h1h = (h1h ^ hi) >>> 0;
    h1l = (h1l ^ lo) >>> 0;
  }
  h1l = (h1l ^ data.length) >>> 0;
  h2l = (h2l ^ data.length) >>> 0;
  add64(h1h, h1l, h2h, h2l);
  h1h = hi;
  h1l = lo;
  add64(h2h, h2l, h1h, h1l);
  h2h = hi;
  h2l = lo;
  fmix64(h1h, h1l);
  h1h = hi;
  h1l = lo;
  fmix64(h2h, h2l);
  h2h = hi;
  h2l = lo;
  add64(h1h, h1l, h2h, h2l);
  h1h = hi;
  h1l = lo;
  add64(h2h, h2l, h1h, h1l);
  return [h1h, h1l, hi, lo];
}

/** First 64 bits of MurmurHash3 x64-128 of a UTF-8 string → 16 lower-case hex chars. */
export function murmur64(input: string, seed = 0): string {
  const [h1h, h1l] = murmur128Words(input, seed);
  return hex32(h1h) + hex32(h1l);
}

/** MurmurHash3 x64-128 of a UTF-8 string → 32 lower-case hex chars (h1 then h2, big-endian, as Go's murmur3 Sum). */
export function murmur128(input: string, seed = 0): string {
  return murmur128Words(input, seed).map(hex32).join('');
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
