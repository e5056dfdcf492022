/**
 * The embedded Dashboard's in-memory state, one partition per organisation. Records are kept in
 * Tyk's wire shape (snake_case) so handlers can answer with them directly; secrets (password hashes)
 * live beside the records, never inside what is served.
 */
import type { HashFunction } from './hash.js';
import { ListedMap } from './listing.js';

export type Json = Record<string, unknown>;

export interface DeveloperRecord extends Json {
  id: string;
  email: string;
  org_id: string;
  date_created: string;
  inactive: boolean;
  keys: Record<string, string[]>;
  subscriptions: Record<string, string>;
  fields: Record<string, string>;
  oauth_clients: Record<string, OAuthClientRecord[]>;
  nonce: string;
  sso_key: string;
  password_max_days: number;
  password_updated: string;
  PWHistory: string[];
  last_login_date: string;
}

export interface OAuthClientRecord extends Json {
  client_id: string;
  secret: string;
  redirect_uri: string;
  app_description: string;
  use_case: string;
  date_created: string;
}

export interface PolicyRecord extends Json {
  _id: string;
  id: string;
  name: string;
  org_id: string;
  active: boolean;
  is_inactive: boolean;
  state: string;
  rate: number;
  per: number;
  quota_max: number;
  quota_renewal_rate: number;
  key_expires_in: number;
  auth_type: string;
  access_rights: Record<string, { api_id: string; api_name: string; versions: string[]; allowed_urls: unknown[]; limit: null }>;
  /** Go's nil slice (`null`) when a write omitted it. */
  tags: string[] | null;
}

export interface KeyRequestRecord extends Json {
  id: string;
  org_id: string;
  by_user: string;
  for_plan: string;
  apply_policies: string[];
  approved: boolean;
  date_created: string;
  version: string;
  fields: Record<string, string>;
  oauth_info?: { redirect_uri: string } | null;
}

/** SessionState of a key; the raw key is never stored, only its hash (the map key). */
export interface KeySession extends Json {
  org_id: string;
  alias: string;
  rate: number;
  per: number;
  allowance: number;
  quota_max: number;
  quota_remaining: number;
  quota_renews: number;
  quota_renewal_rate: number;
  expires: number;
  is_inactive: boolean;
  apply_policies: string[];
  access_rights: PolicyRecord['access_rights'];
  meta_data: Record<string, unknown>;
  tags: string[];
  date_created: string;
  last_updated: string;
}

/** A Dashboard-level OAuth client (`/api/apis/oauth/{apiId}`), with its tokens. */
export interface ApiOAuthClient extends Json {
  client_id: string;
  secret: string;
  redirect_uri: string;
  policy_id: string;
  description: string;
  client_name: string;
  meta_data: Record<string, unknown>;
  dcr_registration: { access_token: string; client_uri: string; provider: string };
  tokens: { code: string; expires: number }[];
}

export interface OrgStore {
  orgId: string;
  name: string;
  developers: Map<string, DeveloperRecord>;
  /** developer id → password hash (`scrypt$salt$hash`); never served. */
  passwords: Map<string, string>;
  policies: Map<string, PolicyRecord>;
  keyRequests: Map<string, KeyRequestRecord>;
  /** key hash → session. */
  keys: Map<string, KeySession>;
  catalogue: (Json & { id: string; org_id: string; apis: Json[] }) | null;
  configuration: (Json & { id: string; org_id: string }) | null;
  documentation: Map<string, Json>;
  /** api id → OAuth clients registered for it. */
  oauthClients: Map<string, ApiOAuthClient[]>;
}

export interface Credential {
  orgId: string;
  /** A user whose RBAC allows reads only: writes answer 403. */
  readOnly: boolean;
}

export interface DashboardStore {
  orgs: Map<string, OrgStore>;
  /** API credential → its user's org and permission. */
  credentials: Map<string, Credential>;
  hashFunction: HashFunction;
  now: () => Date;
  /** Items per list page (Tyk's `page_size`). */
  pageSize: number;
  /** Tyk's `enable_update_key_by_hash` / `enable_delete_key_by_hash`: off unless asked for. */
  keyWritesByHash: { update: boolean; delete: boolean };
  /** Analytics with no rows answer `"data": []` (`empty`) or `"data": null` (`null`). */
  emptyAnalytics: EmptyAnalytics;
}

/** How key analytics with no rows are answered: `{"data": [], …}` or `{"data": null, …}`. */
export type EmptyAnalytics = 'empty' | 'null';

/** The org that holds a key hash, if any (for Tyk's "non-owned key" answer). */
export function orgOfKey(store: DashboardStore, hash: string): OrgStore | undefined {
  for (const org of store.orgs.values()) if (org.keys.has(hash)) return org;
  return undefined;
}

export function emptyOrg(orgId: string, name: string): OrgStore {
  return {
    orgId,
    name,
    developers: new ListedMap(),
    passwords: new Map(),
    policies: new Map(),
    keyRequests: new Map(),
    keys: new Map(),
    catalogue: null,
    configuration: null,
    documentation: new Map(),
    oauthClients: new Map(),
  };
}

/** What identifies an organisation and its users' API credentials. */
export interface OrgCredentials {
  orgId: string;
  name: string;
  /** Credential of an admin user: reads and writes. */
  credential: string;
  /** Credential of a user whose RBAC allows reads only; default none. */
  readOnlyCredential?: string;
}

/** Adds an empty organisation and its credentials to the store; returns its partition. */
export function registerOrg(store: DashboardStore, org: OrgCredentials): OrgStore {
  if (store.orgs.has(org.orgId)) throw new Error(`organisation ${org.orgId} already exists`);
  for (const credential of [org.credential, org.readOnlyCredential]) {
    if (credential !== undefined && store.credentials.has(credential)) throw new Error('credential already belongs to an organisation');
  }
  const partition = emptyOrg(org.orgId, org.name);
  store.orgs.set(org.orgId, partition);
  store.credentials.set(org.credential, { orgId: org.orgId, readOnly: false });
  if (org.readOnlyCredential !== undefined) store.credentials.set(org.readOnlyCredential, { orgId: org.orgId, readOnly: true });
  return partition;
}

/** A developer as served: the record without secrets (OAuth client secrets stay: Tyk serves them). */
export function publicDeveloper(developer: DeveloperRecord): DeveloperRecord {
  return structuredClone(developer);
}
