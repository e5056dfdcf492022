/**
 * Key issuance and the state it couples (contract §3–§4): a key session built from the policies,
 * stored under its hash only; the developer's `keys`, `subscriptions` and `oauth_clients` updated;
 * the raw key handed back exactly once.
 */
import { randomUUID } from 'node:crypto';
import { hashOfKey } from './hash.js';
import { apiOAuthClient } from './oauth-clients.js';
import { oauthClientId, oauthClientSecret } from './random.js';
import type { DashboardStore, DeveloperRecord, KeySession, OAuthClientRecord, OrgStore, PolicyRecord } from './store.js';

export type Issued = { kind: 'key'; rawKey: string; hash: string } | { kind: 'oauth'; client: OAuthClientRecord & { policy_id: string } };

/** A deep copy of JSON data (what access rights are): several times cheaper than structuredClone on small objects. */
function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = cloneJson((value as Record<string, unknown>)[key]);
  return copy as T;
}

/** Session fields a set of policies grants: the most generous limits, the union of access rights. */
export function sessionFromPolicies(policies: PolicyRecord[], now: Date): Pick<KeySession, 'rate' | 'per' | 'allowance' | 'quota_max' | 'quota_remaining' | 'quota_renews' | 'quota_renewal_rate' | 'expires' | 'access_rights' | 'tags'> {
  // One pass (demo data issues ≈ 90 000 keys at 50 000 developers): a negative rate or quota is unlimited.
  let rate = 0;
  let quotaMax = 0;
  let renewal = -1;
  let expiresIn = 0;
  const accessRights: KeySession['access_rights'] = {};
  const tags = new Set<string>();
  for (const p of policies) {
    rate = rate < 0 || p.rate < 0 ? -1 : Math.max(rate, p.rate);
    quotaMax = quotaMax < 0 || p.quota_max < 0 ? -1 : Math.max(quotaMax, p.quota_max);
    renewal = Math.max(renewal, p.quota_renewal_rate);
    expiresIn = Math.max(expiresIn, p.key_expires_in);
    Object.assign(accessRights, cloneJson(p.access_rights));
    for (const tag of p.tags ?? []) tags.add(tag); // Go's zero value: a policy created without tags has null
  }
  const per = policies.find((p) => p.rate === rate)?.per ?? -1;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  return {
    rate,
    per,
    allowance: rate,
    quota_max: quotaMax,
    quota_remaining: quotaMax < 0 ? 0 : quotaMax,
    quota_renewal_rate: renewal,
    quota_renews: renewal > 0 ? nowSeconds + renewal : 0,
    expires: expiresIn > 0 ? nowSeconds + expiresIn : 0,
    access_rights: accessRights,
    tags: [...tags],
  };
}

/** Tyk's newer key format: base64 of `{"org","id","h"}`. */
export function newRawKey(orgId: string, hashFunction: string): string {
  return Buffer.from(JSON.stringify({ org: orgId, id: randomUUID().replace(/-/g, ''), h: hashFunction })).toString('base64');
}

export interface IssueOptions {
  /** Custom fields for the key's meta_data (key request fields, add-key `fields`). */
  fields?: Record<string, string>;
  /** Present: issue an OAuth client with these redirect URIs instead of a token key. */
  redirectUri?: string | undefined;
  /** Use this raw key instead of a new random one (demo data). */
  rawKey?: string;
  /** Issue time; default the store's clock. */
  createdAt?: Date;
  /** Seeded generator for OAuth client ids and secrets (demo data); default crypto-random. */
  random?: () => number;
}

/**
 * Issues a key (or, with `redirectUri`, an OAuth client) for a developer under the policies: the
 * session is stored under its hash only and the developer's maps are updated. The raw key is in
 * the result and nowhere else.
 */
export function issueKey(
  store: DashboardStore,
  org: OrgStore,
  developer: DeveloperRecord,
  policies: PolicyRecord[],
  options: IssueOptions = {},
): Issued {
  const now = options.createdAt ?? store.now();
  const policyIds = policies.map((p) => p._id);
  if (options.redirectUri) {
    const client = {
      client_id: oauthClientId(options.random),
      secret: oauthClientSecret(options.random),
      redirect_uri: options.redirectUri,
      app_description: options.fields?.['oauth_app_description'] ?? '',
      use_case: options.fields?.['oauth_use_case'] ?? '',
      date_created: now.toISOString(),
    };
    for (const policyId of policyIds) {
      (developer.oauth_clients[policyId] ??= []).push(client);
      for (const apiId of Object.keys(policies.find((p) => p._id === policyId)!.access_rights)) {
        const list = org.oauthClients.get(apiId) ?? [];
        list.push(apiOAuthClient({ client_id: client.client_id, secret: client.secret, redirect_uri: client.redirect_uri, policy_id: policyId, description: client.app_description, meta_data: { user_id: developer.id } }));
        org.oauthClients.set(apiId, list);
      }
    }
    return { kind: 'oauth', client: { ...client, policy_id: policyIds[0] ?? '' } };
  }
  const rawKey = options.rawKey ?? newRawKey(org.orgId, store.hashFunction);
  // Hashed with the algorithm the key itself names, as Tyk does (a caller-supplied legacy key: murmur32).
  const hash = hashOfKey(rawKey);
  org.keys.set(hash, {
    org_id: org.orgId,
    alias: developer.email,
    ...sessionFromPolicies(policies, now),
    is_inactive: false,
    apply_policies: policyIds,
    meta_data: { ...signupFields(org, developer), ...options.fields, tyk_developer_id: developer.id, tyk_developer_email: developer.email },
    date_created: now.toISOString(),
    last_updated: String(Math.floor(now.getTime() / 1000)),
  });
  developer.keys[hash] = policyIds;
  for (const policyId of policyIds) developer.subscriptions[policyId] = hash;
  return { kind: 'key', rawKey, hash };
}

/**
 * The developer's custom fields a key inherits: those the portal's sign-up form lists (Tyk's
 * custom-portal walkthrough: keys "inherit his custom fields, if they are specified in the Portal
 * settings Signup fields list"); none when the org has no portal configuration.
 */
function signupFields(org: OrgStore, developer: DeveloperRecord): Record<string, string> {
  const listed = org.configuration?.['signup_fields'];
  if (!Array.isArray(listed)) return {};
  return Object.fromEntries(Object.entries(developer.fields).filter(([name]) => listed.includes(name)));
}

/** Replaces a key's policies and re-derives its limits (quota counters kept). */
export function changeKeyPolicies(store: DashboardStore, org: OrgStore, developer: DeveloperRecord, hash: string, policies: PolicyRecord[]) {
  const session = org.keys.get(hash);
  const policyIds = policies.map((p) => p._id);
  forgetKey(developer, hash);
  developer.keys[hash] = policyIds;
  for (const policyId of policyIds) developer.subscriptions[policyId] = hash;
  if (session) {
    const limits = sessionFromPolicies(policies, store.now());
    Object.assign(session, { ...limits, quota_remaining: Math.min(session.quota_remaining, limits.quota_remaining), apply_policies: policyIds });
  }
}

/** Removes a key from the developer's `keys` and `subscriptions` maps (the session is left alone). */
export function forgetKey(developer: DeveloperRecord, hash: string) {
  delete developer.keys[hash];
  for (const [policyId, keyHash] of Object.entries(developer.subscriptions)) if (keyHash === hash) delete developer.subscriptions[policyId];
}

/** Revokes a developer's key: gone from the developer's maps and from the key store. */
export function revokeKey(org: OrgStore, developer: DeveloperRecord, hash: string) {
  forgetKey(developer, hash);
  org.keys.delete(hash);
}

export function resetQuota(store: DashboardStore, session: KeySession) {
  const now = Math.floor(store.now().getTime() / 1000);
  session.quota_remaining = session.quota_max < 0 ? 0 : session.quota_max;
  session.quota_renews = session.quota_renewal_rate > 0 ? now + session.quota_renewal_rate : 0;
}

