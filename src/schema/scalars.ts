/**
 * Scalars: `DateTime` (RFC 3339 strings) and `JSON` (opaque values such as key metadata).
 */
import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { builder } from './builder.js';

/** Tyk's Go zero time marks "never set"; it is reported as null, not as year 1. */
export function tykTime(value: string | null | undefined): Date | null {
  if (!value || value.startsWith('0001-01-01')) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Unix seconds → Date; 0 and negative values mean "never" in Tyk's session fields. */
export function unixTime(seconds: number | null | undefined): Date | null {
  return seconds && seconds > 0 ? new Date(seconds * 1000) : null;
}

function parseDateTime(value: unknown): Date {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new GraphQLError('DateTime must be an RFC 3339 date or date-time string, e.g. 2026-01-31T00:00:00Z.', {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

builder.scalarType('DateTime', {
  description: 'An instant as an RFC 3339 string in UTC, e.g. `2026-01-31T12:00:00.000Z`. Inputs may also be a plain date.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString()),
  parseValue: parseDateTime,
  parseLiteral: (ast: ValueNode) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

function literalToJson(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.LIST:
      return ast.values.map(literalToJson);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJson(f.value)]));
    default:
      return null;
  }
}

builder.scalarType('JSON', {
  description: 'Any JSON value, passed through as is.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literalToJson,
});
