/**
 * Key issuing and key changes: add a key, change its policies, revoke it, reset its quota. Every
 * write is checked first (the developer holds the key, the policies exist) and, once Tyk accepted
 * it, reported on the key event bus.
 */
import type { GatewayContext } from '../context.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { TykDeveloper, TykIssuedCredential, TykPolicy, TykSessionState } from '../tyk/wire.js';
import { refreshDeveloper, requireDeveloper, type FieldInput } from './developers.js';
import { inputId } from './ids.js';
import { checkFields, checkRedirectUris } from './validation.js';

/**
 * What the gateway knows about a key without reading its session: a developer record already names
 * the key and its policies, so `keys { policies }` needs no key read at all.
 */
export interface KeyShape {
  id: string;
  developerId?: string | undefined;
  policyIds?: string[] | undefined;
  session?: TykSessionState | undefined;
}

/** The developer's keys as the gateway's Key shape. */
export function keysOf(developer: TykDeveloper): KeyShape[] {
  return Object.entries(developer.keys).map(([id, policyIds]) => ({ id, developerId: developer.id, policyIds }));
}

/** The developer a key session names in its meta data (`tyk_developer_id`), if any. */
export function developerIdOf(session: TykSessionState | null): string | undefined {
  const id = session?.meta_data['tyk_developer_id'];
  return typeof id === 'string' && id ? id : undefined;
}

/** Most policies one key may carry: Tyk merges them per request, so real keys have a few. */
export const MAX_POLICIES_PER_KEY = 20;

/** Checks a policy id list's size and each id's form, before any upstream call. */
export function checkPolicyIds(ids: readonly (string | number)[], field: string): string[] {
  if (ids.length === 0) throw new ValidationError('At least one policy id is required.', field);
  if (ids.length > MAX_POLICIES_PER_KEY) throw new ValidationError(`At most ${MAX_POLICIES_PER_KEY} policies may be applied to one key.`, field);
  return ids.map((id, i) => inputId(id, `${field}[${i}]`));
}

/** Checks the list and that every policy exists (one lookup round) before any write; returns the policies. */
export async function requirePolicies(ctx: GatewayContext, ids: readonly string[], field: string): Promise<TykPolicy[]> {
  const policies = await ctx.loaders.policyById.loadMany(checkPolicyIds(ids, field));
  return policies.map((p, i) => {
    if (p instanceof Error) throw p;
    if (!p) throw new NotFoundError('Policy', ids[i] as string);
    return p;
  });
}

/** Whether keys of this policy are OAuth clients (Tyk's `auth_type`, or `auth_types` in newer Dashboards). */
export function isOAuthPolicy(policy: TykPolicy): boolean {
  const types = (policy as Record<string, unknown>)['auth_types'];
  return policy.auth_type === 'oauth' || (Array.isArray(types) && types.includes('oauth'));
}

/**
 * The `oauth_info` of an issuance: OAuth policies need redirect URIs (Tyk then creates an OAuth
 * client instead of a key); other policies take none, and one key cannot mix the two.
 */
export function oauthInfoFor(policies: readonly TykPolicy[], redirectUri: string | null | undefined, field: string): { redirect_uri: string } | undefined {
  const oauth = policies.filter(isOAuthPolicy);
  if (oauth.length === 0) {
    if (redirectUri) throw new ValidationError('redirectUri is only for OAuth policies.', field);
    return undefined;
  }
  if (oauth.length !== policies.length) throw new ValidationError('OAuth and non-OAuth policies cannot be applied together.', field.replace(/redirectUri$/, 'policyIds'));
  if (!redirectUri) throw new ValidationError('OAuth policies need a redirectUri: Tyk creates an OAuth client for it.', field);
  return { redirect_uri: checkRedirectUris(redirectUri, field) };
}

/** An OAuth client Tyk created instead of a key, with its secret: shown in the issuing mutation's answer only. */
export interface NewOAuthClientShape {
  clientId: string;
  secret: string;
  redirectUri: string;
  policyId: string;
}

export interface IssuedKeyShape {
  /** The plaintext key; present only in the response of the mutation that issued it. */
  rawKey: string | null;
  key: KeyShape | null;
  developer: TykDeveloper;
  /** The OAuth client created instead of a key, for OAuth policies. */
  oauthClientId: string | null;
  oauthClient: NewOAuthClientShape | null;
}

/**
 * Performs an issuing write (add key, approve request) and finds the new key's id: the hash is
 * computed by Tyk, so the developer is re-read and the new entry of `keys` is the issued key.
 */
export async function issueKey(ctx: GatewayContext, developerId: string, write: () => Promise<TykIssuedCredential>): Promise<IssuedKeyShape> {
  const before = await requireDeveloper(ctx, developerId);
  const issued = await write();
  const after = await refreshDeveloper(ctx, developerId);
  const newKeyId = Object.keys(after.keys).find((id) => !(id in before.keys));
  const key = newKeyId ? { id: newKeyId, developerId, policyIds: after.keys[newKeyId] ?? [] } : null;
  ctx.logger.info({ developerId, keyId: newKeyId ? `…${newKeyId.slice(-4)}` : undefined }, 'key issued');
  if (key) {
    ctx.events.publish({ type: 'KEY_ISSUED', source: 'gateway', orgId: after.org_id, developerId, keyId: key.id, policyIds: key.policyIds });
  }
  return {
    rawKey: issued.kind === 'key' ? issued.rawKey : null,
    key,
    developer: after,
    oauthClientId: issued.kind === 'oauth' ? issued.client.client_id : null,
    oauthClient:
      issued.kind === 'oauth'
        ? { clientId: issued.client.client_id, secret: issued.client.secret, redirectUri: issued.client.redirect_uri, policyId: issued.client.policy_id }
        : null,
  };
}

/** Finds the developer and checks it holds the key, before any write. */
async function requireDeveloperKey(ctx: GatewayContext, developerId: string, keyId: string): Promise<TykDeveloper> {
  const developer = await requireDeveloper(ctx, developerId);
  if (!(keyId in developer.keys)) throw new NotFoundError('Key', keyId);
  return developer;
}

export interface NewKey {
  developerId: string | number;
  policyIds: readonly (string | number)[];
  fields?: readonly FieldInput[] | null | undefined;
  redirectUri?: string | null | undefined;
}

/**
 * Issues a key to a developer for existing policies; the raw key is in the result, once. For OAuth
 * policies Tyk creates an OAuth client instead (`oauth_info.redirect_uri`), its secret in the result, once.
 */
export async function addKey(ctx: GatewayContext, input: NewKey): Promise<IssuedKeyShape> {
  const developerId = inputId(input.developerId, 'developerId');
  const policyIds = checkPolicyIds(input.policyIds, 'policyIds');
  const fields = checkFields(input.fields ?? [], 'fields');
  const policies = await requirePolicies(ctx, policyIds, 'policyIds');
  const oauthInfo = oauthInfoFor(policies, input.redirectUri, 'redirectUri');
  return issueKey(ctx, developerId, () => ctx.tyk().addDeveloperKey(developerId, { apply_policies: policyIds, fields, ...(oauthInfo ? { oauth_info: oauthInfo } : {}) }));
}

/** A developer's key, as key mutations address it. */
export interface KeyAddress {
  developerId: string | number;
  keyId: string | number;
}

function keyAddress(address: KeyAddress): { developerId: string; keyId: string } {
  return { developerId: inputId(address.developerId, 'developerId'), keyId: inputId(address.keyId, 'keyId', 'key') };
}

/** Replaces the set of policies applied to a key. */
export async function changeKeyPolicies(ctx: GatewayContext, address: KeyAddress, policyIdsInput: readonly (string | number)[]): Promise<KeyShape> {
  const { developerId, keyId } = keyAddress(address);
  const policyIds = checkPolicyIds(policyIdsInput, 'policyIds');
  await Promise.all([requireDeveloperKey(ctx, developerId, keyId), requirePolicies(ctx, policyIds, 'policyIds')]);
  await ctx.tyk().changeDeveloperKeyPolicies(developerId, keyId, policyIds);
  ctx.loaders.keyById.clear(keyId);
  const developer = await refreshDeveloper(ctx, developerId);
  const applied = developer.keys[keyId] ?? policyIds;
  ctx.events.publish({ type: 'KEY_POLICIES_CHANGED', source: 'gateway', orgId: developer.org_id, developerId, keyId, policyIds: applied });
  return { id: keyId, developerId, policyIds: applied };
}

/** Revokes (deletes) a developer's key; returns the developer after the revocation. */
export async function revokeKey(ctx: GatewayContext, address: KeyAddress): Promise<{ keyId: string; developer: TykDeveloper }> {
  const { developerId, keyId } = keyAddress(address);
  const before = await requireDeveloperKey(ctx, developerId, keyId);
  await ctx.tyk().revokeDeveloperKey(developerId, keyId);
  ctx.loaders.keyById.clear(keyId);
  const policyIds = before.keys[keyId] ?? [];
  ctx.events.publish({ type: 'KEY_REVOKED', source: 'gateway', orgId: before.org_id, developerId, keyId, policyIds });
  return { keyId, developer: await refreshDeveloper(ctx, developerId) };
}

/** Resets a key's quota (remaining back to the maximum). */
export async function resetKeyQuota(ctx: GatewayContext, address: KeyAddress): Promise<KeyShape> {
  const { developerId, keyId } = keyAddress(address);
  const developer = await requireDeveloperKey(ctx, developerId, keyId);
  await ctx.tyk().resetDeveloperKeyQuota(developerId, keyId);
  ctx.loaders.keyById.clear(keyId);
  const policyIds = developer.keys[keyId] ?? [];
  ctx.events.publish({ type: 'KEY_QUOTA_RESET', source: 'gateway', orgId: developer.org_id, developerId, keyId, policyIds });
  return { id: keyId, developerId, policyIds };
}
