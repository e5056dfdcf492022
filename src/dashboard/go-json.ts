/**
 * What Go's `encoding/json` accepts when the Dashboard decodes a request body into its structs.
 *
 * Tyk's Dashboard is written in Go: a body field of the wrong JSON type (a number where the struct
 * has a string, a string where it has a bool, `1.5` for an int) fails the whole decode, and Tyk
 * answers 403 "Request body malformed." as it does for JSON that does not parse. It never coerces.
 * `null` is accepted for any field (Go leaves the zero value), and fields the struct does not name
 * are ignored (here: kept, so a read-modify-write client gets them back).
 */
import { TYK_MESSAGES } from '../tyk/contract.js';
import { envelope, ReplyError } from './http.js';

/** A Go field type, as far as JSON decoding can tell them apart. */
export type GoType =
  | 'string'
  | 'bool'
  /** float64 */
  | 'float'
  /** int / int64: a number with no fraction */
  | 'int'
  /** a struct or map we do not look into */
  | 'object'
  /** interface{}: anything */
  | 'any'
  | { map: GoType }
  | { list: GoType }
  | { struct: GoShape };

/** Field name → its Go type; fields not listed are not checked. */
export type GoShape = Readonly<Record<string, GoType>>;

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function fits(value: unknown, type: GoType): boolean {
  if (value === null) return true;
  if (type === 'any') return true;
  if (type === 'string') return typeof value === 'string';
  if (type === 'bool') return typeof value === 'boolean';
  if (type === 'float') return typeof value === 'number';
  if (type === 'int') return typeof value === 'number' && Number.isInteger(value);
  if (type === 'object') return isPlainObject(value);
  if ('map' in type) return isPlainObject(value) && Object.values(value).every((v) => fits(v, type.map));
  if ('list' in type) return Array.isArray(value) && value.every((v) => fits(v, type.list));
  return isPlainObject(value) && fitsShape(value, type.struct);
}

function fitsShape(body: Record<string, unknown>, shape: GoShape): boolean {
  for (const name of Object.keys(shape)) {
    if (name in body && !fits(body[name], shape[name]!)) return false;
  }
  return true;
}

/** The body, if Go would decode it into a struct of this shape; else 403 "Request body malformed.". */
export function decodeLikeGo(body: Record<string, unknown>, shape: GoShape): Record<string, unknown> {
  if (!fitsShape(body, shape)) throw new ReplyError(envelope(403, TYK_MESSAGES.malformedBody));
  return body;
}

/** RFC 3339 times are strings in JSON; Go parses them (we check the type only). */
const TIME: GoType = 'string';

/** Tyk's portal developer (field names from TIB's PortalDeveloper struct and the contract §2.1). */
export const DEVELOPER_SHAPE: GoShape = {
  id: 'string',
  email: 'string',
  password: 'string',
  date_created: TIME,
  inactive: 'bool',
  org_id: 'string',
  keys: { map: { list: 'string' } },
  subscriptions: { map: 'string' },
  fields: { map: 'string' },
  nonce: 'string',
  sso_key: 'string',
  oauth_clients: { map: { list: 'object' } },
  password_max_days: 'int',
  password_updated: TIME,
  PWHistory: { list: 'string' },
  last_login_date: TIME,
};

/** A key request (contract §4.1). */
export const KEY_REQUEST_SHAPE: GoShape = {
  by_user: 'string',
  for_plan: 'string',
  for_api: 'string',
  apply_policies: { list: 'string' },
  remove_policies: { list: 'string' },
  version: 'string',
  fields: { map: 'string' },
  approved: 'bool',
  date_created: TIME,
  key: 'string',
  jwt_secret: 'string',
  certificate: 'string',
  oauth_info: { struct: { redirect_uri: 'string' } },
};

/** A policy (Tyk gateway user/policy.go). */
export const POLICY_SHAPE: GoShape = {
  _id: 'string',
  id: 'string',
  name: 'string',
  org_id: 'string',
  rate: 'float',
  per: 'float',
  quota_max: 'int',
  quota_renewal_rate: 'int',
  throttle_interval: 'float',
  throttle_retry_limit: 'int',
  max_query_depth: 'int',
  access_rights: { map: 'object' },
  hmac_enabled: 'bool',
  active: 'bool',
  is_inactive: 'bool',
  state: 'string',
  auth_type: 'string',
  tags: { list: 'string' },
  key_expires_in: 'int',
  partitions: { map: 'bool' },
  meta_data: 'object',
  last_updated: 'string',
};

/** The OAS `NewClientRequest` (`POST /api/apis/oauth/{apiId}`). */
export const OAUTH_CLIENT_SHAPE: GoShape = {
  client_id: 'string',
  secret: 'string',
  redirect_uri: 'string',
  policy_id: 'string',
  description: 'string',
  client_name: 'string',
  api_id: 'string',
  meta_data: 'any',
};

/** Add-key bodies (contract §3). */
export const ADD_KEY_SHAPE: GoShape = {
  apply_policies: { list: 'string' },
  policy_id: 'string',
  fields: { map: 'string' },
  oauth_info: { struct: { redirect_uri: 'string' } },
};

/** The catalogue (tyk-operator's APICatalogue). */
export const CATALOGUE_SHAPE: GoShape = {
  id: 'string',
  org_id: 'string',
  email: 'string',
  apis: {
    list: {
      struct: {
        name: 'string',
        short_description: 'string',
        long_description: 'string',
        show: 'bool',
        api_id: 'string',
        policy_id: 'string',
        documentation: 'string',
        version: 'string',
        is_keyless: 'bool',
        auth_type: 'string',
        fields: { map: 'string' },
        config: 'object',
      },
    },
  },
};

/** The portal configuration (tyk-operator's PortalModelPortalConfig). */
export const CONFIGURATION_SHAPE: GoShape = {
  id: 'string',
  org_id: 'string',
  signup_fields: { list: 'string' },
  key_request_fields: { list: 'string' },
  require_key_approval: 'bool',
  secure_key_approval: 'bool',
  redirect_on_key_request: 'bool',
  redirect_to: 'string',
  enable_multi_selection: 'bool',
  disable_login: 'bool',
  disable_signup: 'bool',
  disable_auto_login: 'bool',
  catalogue_login_only: 'bool',
  oauth_usage_limit: 'int',
  email: 'string',
  mail_options: 'object',
  enable_dcr: 'bool',
  dcr_options: 'object',
  override: 'bool',
};

/** A key session written with `PUT /api/keys/{id}` (OAS `SessionState`). */
export const SESSION_SHAPE: GoShape = {
  rate: 'float',
  per: 'float',
  allowance: 'float',
  quota_max: 'int',
  quota_remaining: 'int',
  quota_renews: 'int',
  quota_renewal_rate: 'int',
  expires: 'int',
  is_inactive: 'bool',
  apply_policies: { list: 'string' },
  access_rights: { map: 'object' },
  meta_data: 'any',
  tags: { list: 'string' },
  alias: 'string',
  org_id: 'string',
};
