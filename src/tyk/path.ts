/**
 * Routes and path segments. Every value placed in a URL is checked against what that kind of value
 * can look like, then percent-encoded, before any I/O: no input can steer a request to another
 * route (no `/`, `.`/`..` segments, `?`, `#`, `%`, control characters, empty or over-long values
 * reach the URL). A refused value throws `TykInvalidInputError` naming the route and the parameter,
 * never echoing the value itself (it may be a key).
 *
 * Route templates are written exactly as the embedded Dashboard names its routes
 * (`GET /api/portal/developers/:id`), so `onAttempt`, error routes and the Dashboard's request log
 * agree on names.
 */
import { OBJECT_ID, analyticsDateSegments, analyticsKeyList } from './contract.js';
import { TykInvalidInputError } from './errors.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** `METHOD /path/with/:params`. */
export type RouteTemplate = `${Method} /${string}`;

/** What one HTTP call addresses: the template (for errors and metrics) and the encoded path. */
export interface Endpoint {
  method: Method;
  route: RouteTemplate;
  /** Path and query string, validated and encoded. */
  path: string;
}

/** Kinds of single values, each with the shape Tyk gives that kind of identifier. */
export type SegmentKind = 'objectId' | 'keyId' | 'email' | 'apiId' | 'clientId' | 'ssoKey' | 'integer';

const SEGMENT_RULES: Record<SegmentKind, { pattern: RegExp; expected: string }> = {
  objectId: { pattern: OBJECT_ID, expected: 'a 24-digit lower-case hex ObjectId' },
  // Hashes (8/16/64 hex), legacy raw keys (org id + 32 hex) and base64 JSON keys (`+`, `=`).
  keyId: { pattern: /^[A-Za-z0-9_=+-][A-Za-z0-9._=+-]{0,511}$/, expected: 'a key id or hash (letters, digits, . _ = + -; at most 512)' },
  email: { pattern: /^(?=.{3,254}$)[^\s/\\?#%@]+@[^\s/\\?#%@]+$/, expected: 'an email address (one @, no / \\ ? # % or spaces; at most 254)' },
  // 32-hex ids and base64-style ids (tyk-operator) as the Gateway assigns them.
  apiId: { pattern: /^[A-Za-z0-9_=+-][A-Za-z0-9._=+-]{0,127}$/, expected: 'an API id (letters, digits, . _ = + -; at most 128)' },
  clientId: { pattern: /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/, expected: 'an OAuth client id (letters, digits, . _ -; at most 128)' },
  // TIB's keys are `<user id>@<Provider>.com` (tap.GenerateSSOKey) and user ids come from the
  // identity provider (`auth0|5f…`, SAML NameIDs that are emails): anything printable that cannot
  // leave the path segment once encoded (no / \ ? # %, no spaces, not starting with a dot).
  ssoKey: { pattern: /^[^\s/\\?#%.][^\s/\\?#%]{0,511}$/, expected: 'an SSO key (no / \\ ? # % or spaces, not starting with "."; at most 512)' },
  integer: { pattern: /^(0|[1-9][0-9]{0,8})$/, expected: 'a non-negative integer' },
};

/**
 * A path or query parameter: its kind and value. `keyList` is the analytics `{keys}` segment
 * (comma-separated with Tyk's trailing comma); `objectIdList` a comma-separated id filter.
 */
export type Param =
  | readonly [kind: SegmentKind, value: string]
  | readonly [kind: 'keyList', value: readonly string[]]
  | readonly [kind: 'objectIdList', value: readonly string[]];

type QueryValue = string | number | boolean | undefined | Param;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Why a value is refused, without quoting it. */
function refusal(value: unknown): string {
  if (typeof value !== 'string') return `got ${value === null ? 'null' : typeof value}`;
  if (value.length === 0) return 'got an empty value';
  if (CONTROL.test(value)) return `got ${value.length} characters including a control character`;
  const odd = [...new Set(value.match(/[/\\?#%@.\s]/g) ?? [])].slice(0, 4);
  return `got ${value.length} characters${odd.length > 0 ? ` including ${odd.map((c) => JSON.stringify(c)).join(' ')}` : ''}`;
}

/** Whether a value has the shape this kind of identifier can have (what `endpoint` would accept). */
export function fitsSegment(kind: SegmentKind, value: unknown): value is string {
  return typeof value === 'string' && !CONTROL.test(value) && SEGMENT_RULES[kind].pattern.test(value);
}

function checked(route: RouteTemplate, name: string, kind: SegmentKind, value: unknown): string {
  if (!fitsSegment(kind, value)) {
    throw new TykInvalidInputError(`${route}: ${name} must be ${SEGMENT_RULES[kind].expected}; ${refusal(value)}.`, route);
  }
  return value;
}

/** The validated items of a parameter (one for a single value). */
function items(route: RouteTemplate, name: string, param: Param): string[] {
  const [kind, value] = param;
  if (kind !== 'keyList' && kind !== 'objectIdList') return [checked(route, name, kind, value)];
  if (!Array.isArray(value) || value.length === 0) throw new TykInvalidInputError(`${route}: ${name} must list at least one id.`, route);
  return value.map((item, i) => checked(route, `${name}[${i}]`, kind === 'keyList' ? 'keyId' : 'objectId', item));
}

function joined(kind: Param[0], values: string[]): string {
  return kind === 'keyList' ? analyticsKeyList(values) : values.join(',');
}

/**
 * The endpoint for a route template: each `:name` is replaced by `params[name]`, validated and
 * encoded; `query` entries that are undefined or `''` are left out, the rest encoded (a `Param`
 * entry is validated like a path parameter first).
 */
export function endpoint(route: RouteTemplate, params: Record<string, Param> = {}, query: Record<string, QueryValue> = {}): Endpoint {
  const { method, pieces, names } = compiled(route);
  let path = pieces[0] as string;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const param = params[name];
    if (!param) throw new TypeError(`endpoint(${route}): no value for :${name}`);
    path += joined(param[0], items(route, name, param).map(encodeURIComponent)) + (pieces[i + 1] as string);
  }
  const parts: string[] = [];
  for (const name in query) {
    const value = query[name];
    if (value === undefined || value === '') continue;
    const text = Array.isArray(value) ? joined((value as Param)[0], items(route, name, value as Param)) : String(value);
    parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(text)}`);
  }
  return { method, route, path: parts.length > 0 ? `${path}?${parts.join('&')}` : path };
}

/** A route template split once into its method, literal pieces and `:name`s (every call reuses it). */
interface CompiledRoute {
  method: Method;
  /** Literal text around the parameters: always `names.length + 1` pieces. */
  pieces: string[];
  names: string[];
}

const COMPILED = new Map<RouteTemplate, CompiledRoute>();

function compiled(route: RouteTemplate): CompiledRoute {
  let found = COMPILED.get(route);
  if (!found) {
    const space = route.indexOf(' ');
    // split with a capture group alternates literal text and parameter names.
    const split = route.slice(space + 1).split(/:([A-Za-z]+)/);
    found = {
      method: route.slice(0, space) as Method,
      pieces: split.filter((_, i) => i % 2 === 0),
      names: split.filter((_, i) => i % 2 === 1),
    };
    COMPILED.set(route, found);
  }
  return found;
}

/** The analytics date parameters `:{prefix}D/:{prefix}M/:{prefix}Y` for one day (UTC), via contract.ts. */
export function dateParams(prefix: 'from' | 'to', date: Date): Record<string, Param> {
  const [d = '', m = '', y = ''] = (date instanceof Date && !Number.isNaN(date.getTime()) ? analyticsDateSegments(date) : 'x/x/x').split('/');
  return prefix === 'from'
    ? { fromD: ['integer', d], fromM: ['integer', m], fromY: ['integer', y] }
    : { toD: ['integer', d], toM: ['integer', m], toY: ['integer', y] };
}
