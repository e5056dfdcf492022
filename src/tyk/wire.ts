/**
 * Wire schemas for the Tyk Dashboard Classic-portal REST API (contract: ../shared/tyk-portal-api.md).
 *
 * Every response body the client reads is parsed here, and every historical variant the contract lists
 * is normalised here and nowhere else:
 * - `_id` vs `id` (developers, key requests): both read, `id` always set on the output;
 * - policies keep `_id` (the database id used in URLs) and their optional custom `id`;
 * - `Meta` as `""`, `null`, an object or absent;
 * - maps (`keys`, `subscriptions`, `fields`, `oauth_clients`) missing or `null` → `{}`;
 * - legacy `api_keys` (pre-1.9, apiId → key hash) accepted and kept only as `legacy_api_keys`;
 * - write-only or secret history (`password`, `PWHistory`) dropped from developers;
 * - catalogue and portal configuration: `id ?? _id` as `id`.
 *
 * Objects are "loose": fields this file does not name survive a read, so a read-merge-write
 * (Tyk has no PATCH) never drops data the gateway does not understand.
 */
import { z } from 'zod';
import { OBJECT_ID } from './contract.js';
import { describeLike } from './issue-paths.js';

const optionalString = z
  .string()
  .nullish()
  .transform((v) => v ?? '');

/** A boolean Tyk may omit or send as null. */
const flag = (fallback = false) =>
  z
    .boolean()
    .nullish()
    .transform((v) => v ?? fallback);

const stringList = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);

/** Free-form maps (`meta_data`); missing or null → `{}`. */
const unknownMap = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((v) => v ?? {});

/** `last_updated`: a Unix-seconds string in Tyk's output, a number in some versions. */
const unixTime = z.union([z.string(), z.number()]).nullish();

const stringMap = z
  .record(z.string(), z.string())
  .nullish()
  .transform((value) => value ?? {});

const stringListMap = z
  .record(z.string(), stringList)
  .nullish()
  .transform((value) => value ?? {});

/** Custom fields: Tyk stores strings, but tolerate numbers/booleans sent by hand-written clients. */
const fieldsMap = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .nullish()
  .transform((value) => {
    const out: Record<string, string> = {};
    for (const [name, v] of Object.entries(value ?? {})) out[name] = v === null ? '' : String(v);
    return out;
  });

/** The `{Status, Message, Meta}` envelope ("ApiResponse" in Tyk's OpenAPI file). */
export const TykStatusEnvelope = z.looseObject({
  Status: z.string().optional(),
  Message: z.string().nullish().transform((v) => v ?? ''),
  Meta: z.unknown().optional(),
  ID: z.string().optional(),
});
export type TykStatusEnvelope = z.output<typeof TykStatusEnvelope>;

/** A create's envelope: `Message` is the new object's ObjectId (Tyk's documented answer). */
export const TykCreatedEnvelope = TykStatusEnvelope.refine((e) => OBJECT_ID.test(e.Message), {
  message: 'Message is not the new object id',
  path: ['Message'],
});

// Hot path: a developer list can hold thousands of developers, and zod runs per-field
// `.transform`s far slower than plain checks. The developer schemas therefore only check types,
// and one function per object fills the defaults (measured: ≈ 55 ms → ≈ 12 ms for 1 000 developers).
const nullishString = z.string().nullish();

const TykDeveloperOAuthClientWire = z.looseObject({
  client_id: z.string(),
  secret: nullishString,
  redirect_uri: nullishString,
  app_description: nullishString,
  use_case: nullishString,
  date_created: nullishString,
});

function normaliseOAuthClient(c: z.output<typeof TykDeveloperOAuthClientWire>) {
  return {
    ...c,
    secret: c.secret ?? '',
    redirect_uri: c.redirect_uri ?? '',
    app_description: c.app_description ?? '',
    use_case: c.use_case ?? '',
    date_created: c.date_created ?? '',
  };
}

/** A developer's OAuth client as embedded in `developer.oauth_clients[policyId][]`. */
export const TykDeveloperOAuthClient = TykDeveloperOAuthClientWire.transform(normaliseOAuthClient);
export type TykDeveloperOAuthClient = z.output<typeof TykDeveloperOAuthClient>;

const TykDeveloperWire = z
  .looseObject({
    id: z.string().optional(),
    _id: z.string().optional(),
    email: z.string(),
    date_created: nullishString,
    inactive: z.boolean().nullish(),
    org_id: nullishString,
    keys: z.record(z.string(), z.array(z.string()).nullish()).nullish(),
    subscriptions: z.record(z.string(), z.string()).nullish(),
    fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullish(),
    nonce: nullishString,
    sso_key: nullishString,
    oauth_clients: z.record(z.string(), z.array(TykDeveloperOAuthClientWire).nullish()).nullish(),
    password_max_days: z.number().nullish(),
    password_updated: nullishString,
    last_login_date: nullishString,
    api_keys: z.record(z.string(), z.string()).nullish(),
  })
  .refine((d) => Boolean(d.id ?? d._id), { message: 'developer has neither id nor _id' });

function mapValues<T, U>(record: Record<string, T> | null | undefined, f: (value: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  if (record) for (const key of Object.keys(record)) out[key] = f(record[key] as T);
  return out;
}

function normaliseDeveloper(d: z.output<typeof TykDeveloperWire>) {
  const { _id, api_keys, password: _password, PWHistory: _history, ...rest } = d;
  return {
    ...rest,
    id: (rest.id ?? _id) as string,
    date_created: rest.date_created ?? '',
    inactive: rest.inactive ?? false,
    org_id: rest.org_id ?? '',
    keys: mapValues(rest.keys, (policies) => policies ?? []),
    subscriptions: rest.subscriptions ?? {},
    fields: mapValues(rest.fields, (value) => (value === null ? '' : String(value))),
    nonce: rest.nonce ?? '',
    sso_key: rest.sso_key ?? '',
    oauth_clients: mapValues(rest.oauth_clients, (clients) => (clients ?? []).map(normaliseOAuthClient)),
    password_max_days: rest.password_max_days ?? 0,
    password_updated: rest.password_updated ?? '',
    last_login_date: rest.last_login_date ?? '',
    /** Pre-1.9 apiId → key hash map; read-only history, never written back. */
    legacy_api_keys: api_keys ?? {},
  };
}

export const TykDeveloper = TykDeveloperWire.transform(normaliseDeveloper);
export type TykDeveloper = z.output<typeof TykDeveloper>;

// A developer list holds every developer of the organisation, and even type-only zod checks cost
// ≈ 4 µs a developer. The list reads each developer through a hand-written check of the same
// schema: a developer it accepts is one TykDeveloperWire accepts, and is normalised by the same
// function; anything it is unsure of (odd types, `__proto__` keys, a missing id) goes to zod, which
// accepts it or reports the issue with its path, as the zod schema alone would.
const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && !Object.hasOwn(value, '__proto__');
const isNullishString = (value: unknown) => value === undefined || value === null || typeof value === 'string';
const isNullishNumber = (value: unknown) => value === undefined || value === null || typeof value === 'number';
const isNullishBoolean = (value: unknown) => value === undefined || value === null || typeof value === 'boolean';

/** Absent, null, or a plain object whose every value passes `check`. */
function isNullishMapOf(value: unknown, check: (entry: unknown) => boolean): boolean {
  if (value === undefined || value === null) return true;
  if (!isPlainRecord(value)) return false;
  for (const key in value) if (!check(value[key])) return false;
  return true;
}

const isNullishListOf = (value: unknown, check: (item: unknown) => boolean) => value === undefined || value === null || (Array.isArray(value) && value.every(check));
const isString = (value: unknown) => typeof value === 'string';
const isFieldValue = (value: unknown) => value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

function isPlainOAuthClient(value: unknown): boolean {
  return (
    isPlainRecord(value) &&
    typeof value['client_id'] === 'string' &&
    isNullishString(value['secret']) &&
    isNullishString(value['redirect_uri']) &&
    isNullishString(value['app_description']) &&
    isNullishString(value['use_case']) &&
    isNullishString(value['date_created'])
  );
}

/** Whether TykDeveloperWire surely accepts `d` as it stands (false: let zod decide). */
function isPlainDeveloper(d: unknown): d is z.output<typeof TykDeveloperWire> {
  if (!isPlainRecord(d)) return false;
  const { id, _id } = d;
  if ((id !== undefined && typeof id !== 'string') || (_id !== undefined && typeof _id !== 'string') || !(id ?? _id)) return false;
  return (
    typeof d['email'] === 'string' &&
    isNullishString(d['date_created']) &&
    isNullishBoolean(d['inactive']) &&
    isNullishString(d['org_id']) &&
    isNullishMapOf(d['keys'], (policies) => isNullishListOf(policies, isString)) &&
    isNullishMapOf(d['subscriptions'], isString) &&
    isNullishMapOf(d['fields'], isFieldValue) &&
    isNullishString(d['nonce']) &&
    isNullishString(d['sso_key']) &&
    isNullishMapOf(d['oauth_clients'], (clients) => isNullishListOf(clients, isPlainOAuthClient)) &&
    isNullishNumber(d['password_max_days']) &&
    isNullishString(d['password_updated']) &&
    isNullishString(d['last_login_date']) &&
    isNullishMapOf(d['api_keys'], isString)
  );
}

/**
 * `schema`, read by `fast` where it can: `fast` answers the output for a value it is sure `schema`
 * accepts, or undefined to leave the value to `schema`, whose output or issues then stand (issue
 * paths name `schema`'s fields).
 */
function handCheckedFirst<S extends z.ZodType>(schema: S, fast: (value: unknown) => z.output<S> | undefined) {
  return describeLike(
    z.unknown().transform((value, ctx): z.output<S> => {
      const quick = fast(value);
      if (quick !== undefined) return quick;
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) ctx.issues.push({ ...issue, input: value } as (typeof ctx.issues)[number]);
      return z.NEVER;
    }),
    schema,
  );
}

/** A developer as an element of a list: TykDeveloper, checked by hand where it can be. */
export const TykListedDeveloper = handCheckedFirst(TykDeveloper, (value) => (isPlainDeveloper(value) ? normaliseDeveloper(value) : undefined));

/** Per-API access granted by a policy or key. */
export const TykAccessDefinition = z.looseObject({
  api_id: optionalString,
  api_name: optionalString,
  versions: stringList,
  allowed_urls: z.array(z.unknown()).nullish(),
  limit: z.unknown().optional(),
});
export type TykAccessDefinition = z.output<typeof TykAccessDefinition>;

const accessRights = z
  .record(z.string(), TykAccessDefinition)
  .nullish()
  .transform((v) => v ?? {});

const numberOr = (fallback: number) =>
  z
    .number()
    .nullish()
    .transform((v) => v ?? fallback);

/** The limits a policy sets and a key's session carries; -1 = unlimited / disabled. */
const limitFields = {
  rate: numberOr(-1),
  per: numberOr(-1),
  quota_max: numberOr(-1),
  quota_renewal_rate: numberOr(-1),
  throttle_interval: numberOr(-1),
  throttle_retry_limit: numberOr(-1),
};

export const TykPolicy = z.looseObject({
  _id: z.string(),
  id: optionalString,
  name: optionalString,
  org_id: optionalString,
  state: optionalString,
  active: flag(true),
  is_inactive: flag(),
  ...limitFields,
  access_rights: accessRights,
  auth_type: optionalString,
  tags: stringList,
  key_expires_in: numberOr(0),
  meta_data: unknownMap,
  date_created: optionalString,
  last_updated: unixTime,
});
export type TykPolicy = z.output<typeof TykPolicy>;

/** One entry of the per-org catalogue (`catalogue.apis[]`), keyed by `policy_id`. */
export const TykCatalogueEntry = z.looseObject({
  name: optionalString,
  short_description: optionalString,
  long_description: optionalString,
  show: flag(),
  api_id: optionalString,
  policy_id: optionalString,
  documentation: optionalString,
  version: optionalString,
  is_keyless: flag(),
  auth_type: optionalString,
  fields: stringMap,
  config: z.record(z.string(), z.unknown()).nullish(),
});
export type TykCatalogueEntry = z.output<typeof TykCatalogueEntry>;

export const TykCatalogue = z
  .looseObject({
    id: z.string().optional(),
    _id: z.string().optional(),
    org_id: optionalString,
    email: optionalString,
    apis: z.array(TykCatalogueEntry).nullish().transform((v) => v ?? []),
  })
  // `id` read from `id` or `_id`; '' when Tyk sent neither.
  .transform(({ _id, ...rest }) => ({ ...rest, id: rest.id ?? _id ?? '' }));
export type TykCatalogue = z.output<typeof TykCatalogue>;

/** Per-org portal configuration (§7.3); also the shape of `catalogue_entry.config` overrides. */
export const TykPortalConfiguration = z
  .looseObject({
    id: z.string().optional(),
    _id: z.string().optional(),
    org_id: optionalString,
    signup_fields: stringList,
    key_request_fields: stringList,
    require_key_approval: flag(),
    secure_key_approval: flag(),
    redirect_on_key_request: flag(),
    redirect_to: optionalString,
    enable_multi_selection: flag(),
    disable_login: flag(),
    disable_signup: flag(),
    disable_auto_login: flag(),
    catalogue_login_only: flag(),
    oauth_usage_limit: numberOr(-1),
    email: optionalString,
  })
  .transform(({ _id, ...rest }) => ({ ...rest, id: rest.id ?? _id ?? '' }));
export type TykPortalConfiguration = z.output<typeof TykPortalConfiguration>;

export const TykKeyRequest = z
  .looseObject({
    id: z.string().optional(),
    _id: z.string().optional(),
    org_id: optionalString,
    key: optionalString,
    for_api: optionalString,
    for_plan: optionalString,
    apply_policies: stringList,
    remove_policies: stringList,
    by_user: optionalString,
    fields: fieldsMap,
    approved: flag(),
    date_created: optionalString,
    version: optionalString,
    oauth_info: z.looseObject({ redirect_uri: optionalString }).nullish(),
    portal_developer: z.unknown().optional(),
    catalogue_entry: z.unknown().optional(),
    catalogues: z.unknown().optional(),
  })
  .refine((r) => Boolean(r.id ?? r._id), { message: 'key request has neither id nor _id' })
  .transform(({ _id, portal_developer: _dev, catalogue_entry: _entry, catalogues: _cats, ...rest }) => ({
    ...rest,
    id: (rest.id ?? _id) as string,
  }));
export type TykKeyRequest = z.output<typeof TykKeyRequest>;

/** SessionState: the key's session as stored by the Gateway/Dashboard (`KeyData.data`). */
export const TykSessionState = z.looseObject({
  last_check: z.number().nullish(),
  allowance: z.number().nullish(),
  ...limitFields,
  date_created: optionalString,
  expires: numberOr(0),
  quota_renews: numberOr(0),
  quota_remaining: numberOr(0),
  access_rights: accessRights,
  org_id: optionalString,
  is_inactive: flag(),
  apply_policy_id: optionalString,
  apply_policies: stringList,
  meta_data: unknownMap,
  tags: stringList,
  alias: optionalString,
  last_updated: unixTime,
});
export type TykSessionState = z.output<typeof TykSessionState>;

/** `GET /api/keys/{id}` → KeyData wrapper. `key_id` is the raw key only when read by raw key. */
export const TykKeyData = z.looseObject({
  key_id: optionalString,
  key_hash: optionalString,
  api_model: z.unknown().optional(),
  data: TykSessionState,
});
export type TykKeyData = z.output<typeof TykKeyData>;

/**
 * Analytics row (`ResultUnit`). Only the counters portal clients sum are required. Unlike the
 * objects above, rows are read-only (never merged and written back), so fields this file does not
 * name are dropped. An overview parses hundreds of these per query, so, like the developer schemas,
 * the row schema only checks types and one function fills the defaults: a `.transform` per field
 * made this parse cost more than the HTTP exchange it follows (≈ 114 → ≈ 75 µs per usage call,
 * measured end to end on the client).
 */
const nullishNumber = z.number().nullish();

const TykUsageRowWire = z.object({
  id: z.object({
    day: nullishNumber,
    month: nullishNumber,
    year: nullishNumber,
    hour: nullishNumber,
    code: nullishNumber,
    api_id: nullishString,
    api_name: nullishString,
    key: nullishString,
  }),
  hits: nullishNumber,
  success: nullishNumber,
  error: nullishNumber,
  last_hit: nullishString,
  request_time: nullishNumber,
});

function normaliseUsageRow(row: z.output<typeof TykUsageRowWire>) {
  const { id } = row;
  return {
    id: {
      day: id.day ?? 0,
      month: id.month ?? 0,
      year: id.year ?? 0,
      hour: id.hour ?? 0,
      code: id.code ?? 0,
      api_id: id.api_id ?? '',
      api_name: id.api_name ?? '',
      key: id.key ?? '',
    },
    hits: row.hits ?? 0,
    success: row.success ?? 0,
    error: row.error ?? 0,
    last_hit: row.last_hit ?? '',
    request_time: row.request_time ?? 0,
  };
}
export type TykUsageRow = ReturnType<typeof normaliseUsageRow>;

/** Key analytics as zod alone reads them; the client reads them through TykUsageList. */
export const TykUsageListWire = z
  .object({ data: z.array(TykUsageRowWire).nullish(), pages: nullishNumber })
  .transform(({ data, pages }) => ({ data: (data ?? []).map(normaliseUsageRow), pages: pages ?? 0 }));

// The same rows checked by hand (see handCheckedFirst): zod allocates a result per field checked,
// ≈ 100 objects for a week of rows, and an overview reads one such answer per key.
function isPlainUsageRow(row: unknown): row is z.output<typeof TykUsageRowWire> {
  if (!isPlainRecord(row)) return false;
  const id = row['id'];
  return (
    isPlainRecord(id) &&
    isNullishNumber(id['day']) &&
    isNullishNumber(id['month']) &&
    isNullishNumber(id['year']) &&
    isNullishNumber(id['hour']) &&
    isNullishNumber(id['code']) &&
    isNullishString(id['api_id']) &&
    isNullishString(id['api_name']) &&
    isNullishString(id['key']) &&
    isNullishNumber(row['hits']) &&
    isNullishNumber(row['success']) &&
    isNullishNumber(row['error']) &&
    isNullishString(row['last_hit']) &&
    isNullishNumber(row['request_time'])
  );
}

/** Key analytics (`{data, pages}`), rows normalised. */
export const TykUsageList = handCheckedFirst(TykUsageListWire, (body) => {
  if (!isPlainRecord(body) || !isNullishNumber(body['pages'])) return undefined;
  const rows = body['data'];
  if (!isNullishListOf(rows, isPlainUsageRow)) return undefined;
  return { data: ((rows ?? []) as z.output<typeof TykUsageRowWire>[]).map(normaliseUsageRow), pages: (body['pages'] as number | null | undefined) ?? 0 };
});

/** Dashboard-level OAuth client (`/api/apis/oauth/{apiId}`). */
export const TykOAuthClient = z.looseObject({
  client_id: z.string(),
  secret: optionalString,
  redirect_uri: optionalString,
  policy_id: optionalString,
  description: optionalString,
  client_name: optionalString,
  meta_data: z.record(z.string(), z.unknown()).nullish(),
});
export type TykOAuthClient = z.output<typeof TykOAuthClient>;

export const TykOAuthClientList = z.looseObject({
  apps: z.array(TykOAuthClient).nullish().transform((v) => v ?? []),
  pages: numberOr(0),
});

export const TykOAuthToken = z.looseObject({ code: z.string(), expires: numberOr(0) });
export type TykOAuthToken = z.output<typeof TykOAuthToken>;

const issuedKey = z.looseObject({ RawKey: z.string().min(1), Password: optionalString }).transform((v) => ({
  kind: 'key' as const,
  rawKey: v.RawKey,
  password: v.Password,
}));
const issuedOAuthClient = TykOAuthClient.transform((client) => ({ kind: 'oauth' as const, client }));

/** Key-request approval response (§4.3): `{RawKey, Password}` for token keys, the new client for OAuth. */
export const TykApproval = z.union([issuedKey, issuedOAuthClient]);

/**
 * Add-key response (§3, undocumented): as an approval, or, from a Dashboard that answers with a
 * plain status envelope (`Status` present), `kind: 'status'`.
 */
export const TykIssuedCredential = z.union([
  issuedKey,
  issuedOAuthClient,
  TykStatusEnvelope.refine((e) => e.Status !== undefined, { message: 'neither a key, an OAuth client nor a status envelope' }).transform(
    (envelope) => ({ kind: 'status' as const, message: envelope.Message }),
  ),
]);
export type TykIssuedCredential = z.output<typeof TykIssuedCredential>;

/** Capitalised portal list envelope `{Data, Pages}`. */
export function tykPortalList<T extends z.ZodType>(item: T) {
  return z.looseObject({
    Data: z.array(item).nullish().transform((v) => v ?? []),
    Pages: numberOr(0),
  });
}
export interface TykPage<T> {
  data: T[];
  pages: number;
}

/** Write bodies (what the client sends). Full objects are sent loose: unknown fields round-trip. */
export interface TykDeveloperWrite {
  email: string;
  password?: string;
  fields?: Record<string, string>;
  inactive?: boolean;
  org_id?: string;
  keys?: Record<string, string[]>;
  subscriptions?: Record<string, string>;
  oauth_clients?: Record<string, TykDeveloperOAuthClient[]>;
  [extra: string]: unknown;
}

/** Key-request create body; the client fills `for_plan`/`apply_policies` from each other, `date_created`, `version`, `approved`. */
export interface TykKeyRequestWrite {
  by_user: string;
  for_plan?: string;
  apply_policies?: string[];
  version?: 'v2';
  fields?: Record<string, string>;
  date_created?: string;
  approved?: false;
  oauth_info?: { redirect_uri: string };
  [extra: string]: unknown;
}

/** Body of `POST /api/apis/oauth/{apiId}` (§9). */
export interface TykOAuthClientWrite {
  redirect_uri: string;
  policy_id: string;
  description?: string;
  meta_data?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface TykAddKeyWrite {
  apply_policies: string[];
  fields?: Record<string, string>;
  oauth_info?: { redirect_uri: string };
}
