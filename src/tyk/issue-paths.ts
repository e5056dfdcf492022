/**
 * Where a body broke the contract, said without quoting it: a zod issue path with every segment
 * that is not a field name the schema declares (or an array index) shown as `*`, since map keys are
 * data (policy ids, key hashes, custom field names) and may be secret.
 */
import type { z } from 'zod';

/**
 * Schemas whose field names are those of another schema: a hand-written fast path (a transform,
 * which declares no fields) names the schema it stands in for, so its mismatches read the same.
 */
const DESCRIBED_LIKE = new WeakMap<z.ZodType, z.ZodType>();

/** Issues of `schema` name fields as `like` declares them. */
export function describeLike<S extends z.ZodType>(schema: S, like: z.ZodType): S {
  DESCRIBED_LIKE.set(schema, like);
  return schema;
}

/** Field names the schema declares (never record keys, which are data), for mismatch messages. */
const FIELD_NAMES = new WeakMap<z.ZodType, ReadonlySet<string>>();

export function fieldNames(schema: z.ZodType): ReadonlySet<string> {
  let names = FIELD_NAMES.get(schema);
  if (!names) {
    const found = new Set<string>();
    collectFieldNames(schema, found, new Set());
    FIELD_NAMES.set(schema, (names = found));
  }
  return names;
}

function collectFieldNames(schema: unknown, found: Set<string>, seen: Set<unknown>): void {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
  seen.add(schema);
  const like = DESCRIBED_LIKE.get(schema as z.ZodType);
  if (like) collectFieldNames(like, found, seen);
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (!def) return;
  if (def['type'] === 'object') {
    for (const [name, field] of Object.entries(def['shape'] as Record<string, unknown>)) {
      found.add(name);
      collectFieldNames(field, found, seen);
    }
  }
  for (const key of ['in', 'out', 'element', 'valueType', 'innerType', 'left', 'right']) collectFieldNames(def[key], found, seen);
  for (const option of (def['options'] as unknown[] | undefined) ?? []) collectFieldNames(option, found, seen);
}

/** `Data.3.email`, with every segment that is not a declared field name or an index shown as `*`. */
export function describeIssuePath(path: readonly PropertyKey[], names: ReadonlySet<string>): string {
  if (path.length === 0) return '(root)';
  return path.map((part) => (typeof part === 'number' || (typeof part === 'string' && names.has(part)) ? String(part) : '*')).join('.');
}
