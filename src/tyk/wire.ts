/**
 * Wire schemas for the Tyk Dashboard Classic-portal REST API (contract: ../shared/tyk-portal-api.md).
 *
 * Every response body the client reads is parsed here, and every historical variant the contract lists
 * is normalised here and nowhere else:
 * - `_id` vs `id` (developers, key requests): both read, `id` always set on the output;
 * - policies keep `_id` (the database id used in URLs) and their optional custom `id`;
 * - `Meta` as `""`, `null`, an object or absent;
 * - maps (`keys`, `subscriptions`, `fields`, `oauth_clients`) missing or `null` → `{}`;
 * - legacy `api_keys` (pre-1.9, apiId → key hash) accepted and kept only as `legacy_api_keys`.
 *
 * Objects are "loose": fields this file does not name survive a read, so a read-merge-write
 * (Tyk has no PATCH) never drops data the gateway does not understand.
 */
import { z } from 'zod';

const stringMap = z
  .record(z.string(), z.string())
  .nullish()
  .transform((value) => value ?? {});

const stringListMap = z
  .record(z.string(), z.array(z.string()).nullish().transform((v) => v ?? []))
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

const optionalString = z
  .string()
  .nullish()
  .transform((v) => v ?? '');

/** The `{Status, Message, Meta}` envelope ("ApiResponse" in Tyk's OpenAPI file). */
export const TykStatusEnvelope = z.looseObject({
  Status: z.string().optional(),
  Message: z.string().nullish().transform((v) => v ?? ''),
  Meta: z.unknown().optional(),
  ID: z.string().optional(),
});
export type TykStatusEnvelope = z.output<typeof TykStatusEnvelope>;

/** A developer's OAuth client as embedded in `developer.oauth_clients[policyId][]`. */
export const TykDeveloperOAuthClient = z.looseObject({
  client_id: z.string(),
  secret: optionalString,
  redirect_uri: optionalString,
  app_description: optionalString,
  use_case: optionalString,
  date_created: optionalString,
});
export type TykDeveloperOAuthClient = z.output<typeof TykDeveloperOAuthClient>;

export const TykDeveloper = z
  .looseObject({
    id: z.string().optional(),
    _id: z.string().optional(),
    email: z.string(),
    date_created: optionalString,
    inactive: z.boolean().nullish().transform((v) => v ?? false),
    org_id: optionalString,
    keys: stringListMap,
    subscriptions: stringMap,
    fields: fieldsMap,
    nonce: optionalString,
    sso_key: optionalString,
    oauth_clients: z
      .record(z.string(), z.array(TykDeveloperOAuthClient).nullish().transform((v) => v ?? []))
      .nullish()
      .transform((v) => v ?? {}),
    password_max_days: z.number().nullish().transform((v) => v ?? 0),
    password_updated: optionalString,
    last_login_date: optionalString,
    api_keys: z.record(z.string(), z.string()).nullish(),
  })
  .refine((d) => Boolean(d.id ?? d._id), { message: 'developer has neither id nor _id' })
  .transform(({ _id, api_keys, password: _password, ...rest }) => ({
    ...rest,
    id: (rest.id ?? _id) as string,
    /** Pre-1.9 apiId → key hash map; read-only history, never written back. */
    legacy_api_keys: api_keys ?? {},
  }));
export type TykDeveloper = z.output<typeof TykDeveloper>;

/** Per-API access granted by a policy or key. */
export const TykAccessDefinition = z.looseObject({
  api_id: optionalString,
  api_name: optionalString,
  versions: z.array(z.string()).nullish().transform((v) => v ?? []),
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

export const TykPolicy = z.looseObject({
  _id: z.string(),
  id: optionalString,
  name: optionalString,
  org_id: optionalString,
  state: optionalString,
  active: z.boolean().nullish().transform((v) => v ?? true),
  is_inactive: z.boolean().nullish().transform((v) => v ?? false),
  rate: numberOr(-1),
  per: numberOr(-1),
  quota_max: numberOr(-1),
  quota_renewal_rate: numberOr(-1),
  throttle_interval: numberOr(-1),
  throttle_retry_limit: numberOr(-1),
  access_rights: accessRights,
  auth_type: optionalString,
  tags: z.array(z.string()).nullish().transform((v) => v ?? []),
  key_expires_in: numberOr(0),
  meta_data: z.record(z.string(), z.unknown()).nullish().transform((v) => v ?? {}),
  date_created: optionalString,
  last_updated: z.union([z.string(), z.number()]).nullish(),
});
export type TykPolicy = z.output<typeof TykPolicy>;

/** One entry of the per-org catalogue (`catalogue.apis[]`), keyed by `policy_id`. */
export const TykCatalogueEntry = z.looseObject({
  name: optionalString,
  short_description: optionalString,
  long_description: optionalString,
  show: z.boolean().nullish().transform((v) => v ?? false),
  api_id: optionalString,
  policy_id: optionalString,
  documentation: optionalString,
  version: optionalString,
  is_keyless: z.boolean().nullish().transform((v) => v ?? false),
  auth_type: optionalString,
  fields: stringMap,
  config: z.record(z.string(), z.unknown()).nullish(),
});
export type TykCatalogueEntry = z.output<typeof TykCatalogueEntry>;

export const TykCatalogue = z.looseObject({
  id: z.string().optional(),
  _id: z.string().optional(),
  org_id: optionalString,
  email: optionalString,
  apis: z.array(TykCatalogueEntry).nullish().transform((v) => v ?? []),
});
export type TykCatalogue = z.output<typeof TykCatalogue>;

export const TykPortalConfiguration = z.looseObject({
  id: z.string().optional(),
  org_id: optionalString,
  signup_fields: z.array(z.string()).nullish().transform((v) => v ?? []),
  key_request_fields: z.array(z.string()).nullish().transform((v) => v ?? []),
  require_key_approval: z.boolean().nullish().transform((v) => v ?? false),
  secure_key_approval: z.boolean().nullish().transform((v) => v ?? false),
  redirect_on_key_request: z.boolean().nullish().transform((v) => v ?? false),
  redirect_to: optionalString,
  enable_multi_selection: z.boolean().nullish().transform((v) => v ?? false),
  disable_login: z.boolean().nullish().transform((v) => v ?? false),
  disable_signup: z.boolean().nullish().transform((v) => v ?? false),
  disable_auto_login: z.boolean().nullish().transform((v) => v ?? false),
  catalogue_login_only: z.boolean().nullish().transform((v) => v ?? false),
  oauth_usage_limit: numberOr(-1),
  email: optionalString,
});
export type TykPortalConfiguration = z.output<typeof TykPortalConfiguration>;

export const TykKeyRequest = z
  .looseObject({
    id: z.string().optional(),
    _id: z.string().optional(),
    org_id: optionalString,
    key: optionalString,
    for_api: optionalString,
    for_plan: optionalString,
    apply_policies: z.array(z.string()).nullish().transform((v) => v ?? []),
    remove_policies: z.array(z.string()).nullish().transform((v) => v ?? []),
    by_user: optionalString,
    fields: fieldsMap,
    approved: z.boolean().nullish().transform((v) => v ?? false),
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
  rate: numberOr(-1),
  per: numberOr(-1),
  throttle_interval: numberOr(-1),
  throttle_retry_limit: numberOr(-1),
  date_created: optionalString,
  expires: numberOr(0),
  quota_max: numberOr(-1),
  quota_renews: numberOr(0),
  quota_remaining: numberOr(0),
  quota_renewal_rate: numberOr(-1),
  access_rights: accessRights,
  org_id: optionalString,
  is_inactive: z.boolean().nullish().transform((v) => v ?? false),
  apply_policy_id: optionalString,
  apply_policies: z.array(z.string()).nullish().transform((v) => v ?? []),
  meta_data: z.record(z.string(), z.unknown()).nullish().transform((v) => v ?? {}),
  tags: z.array(z.string()).nullish().transform((v) => v ?? []),
  alias: optionalString,
  last_updated: z.union([z.string(), z.number()]).nullish(),
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

/** Analytics row (`ResultUnit`). Only the counters portal clients sum are required. */
export const TykUsageRow = z.looseObject({
  id: z.looseObject({
    day: numberOr(0),
    month: numberOr(0),
    year: numberOr(0),
    hour: numberOr(0),
    code: numberOr(0),
    api_id: optionalString,
    api_name: optionalString,
    key: optionalString,
  }),
  hits: numberOr(0),
  success: numberOr(0),
  error: numberOr(0),
  last_hit: optionalString,
  request_time: numberOr(0),
});
export type TykUsageRow = z.output<typeof TykUsageRow>;

export const TykUsageList = z.looseObject({
  data: z.array(TykUsageRow).nullish().transform((v) => v ?? []),
  pages: numberOr(0),
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

/**
 * Approval / add-key response. Token keys: `{RawKey, Password}`; OAuth requests: the new client.
 * A Dashboard that answers add-key with a plain status envelope is accepted too (`kind: 'status'`).
 */
export const TykIssuedCredential = z.union([
  z.looseObject({ RawKey: z.string(), Password: optionalString }).transform((v) => ({
    kind: 'key' as const,
    rawKey: v.RawKey,
    password: v.Password,
  })),
  TykOAuthClient.transform((client) => ({ kind: 'oauth' as const, client })),
  TykStatusEnvelope.transform((envelope) => ({ kind: 'status' as const, message: envelope.Message })),
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

export interface TykKeyRequestWrite {
  by_user: string;
  for_plan: string;
  apply_policies: string[];
  version: 'v2';
  fields?: Record<string, string>;
  date_created: string;
  approved: false;
  oauth_info?: { redirect_uri: string };
  [extra: string]: unknown;
}

export interface TykAddKeyWrite {
  apply_policies: string[];
  fields?: Record<string, string>;
  oauth_info?: { redirect_uri: string };
}
