/**
 * `Key`: an API key a developer holds (its id is the hash Tyk shows in `developer.keys`), the
 * `key(id)` root field, and the key mutations: add, change policies, revoke, reset quota.
 */
import type { GatewayContext } from '../context.js';
import { addKey, changeKeyPolicies, developerIdOf, resetKeyQuota, revokeKey, type IssuedKeyShape, type NewOAuthClientShape } from '../domain/keys.js';
import type { TykDeveloper, TykSessionState } from '../tyk/wire.js';
import { activeDeveloper } from './auth.js';
import { builder, type SchemaArgBuilder } from './builder.js';
import { MUTATION_ERRORS, runMutation } from './error.js';
import { queryId } from './ids.js';
import { CustomFieldInputRef } from './custom-field.js';
import { existingPolicies, limit } from './policy.js';
import { DeveloperRef, KeyRef, PolicyRef, type KeyShape } from './refs.js';
import { tykTime, unixTime } from './scalars.js';
import { loadUsage, UsageBucketRef, usageArgs } from './usage-bucket.js';

const KeyQuotaRef = builder.objectRef<TykSessionState>('KeyQuota');

/** The key's session (one `GET /api/keys/{hash}` per key, batched and shared per request). */
async function sessionOf(key: KeyShape, ctx: GatewayContext): Promise<TykSessionState | null> {
  if (key.session) return key.session;
  return (await ctx.loaders.keyById.load(key.id))?.data ?? null;
}

KeyQuotaRef.implement({
  description: 'The key’s request quota.',
  fields: (t) => ({
    max: t.int({ nullable: true, description: 'Requests allowed per period; null = unlimited.', resolve: (s) => limit(s.quota_max) }),
    remaining: t.int({ description: 'Requests left in the current period.', resolve: (s) => s.quota_remaining }),
    renews: t.field({ type: 'DateTime', nullable: true, description: 'When the quota next resets; null = never.', resolve: (s) => unixTime(s.quota_renews) }),
    renewalRate: t.int({ nullable: true, description: 'Quota period in seconds; null = never renews.', resolve: (s) => limit(s.quota_renewal_rate) }),
  }),
});

/** Adds a field that needs the key's session; null when the key no longer exists upstream. */
function sessionField<T>(read: (s: TykSessionState) => T) {
  return async (key: KeyShape, _args: unknown, ctx: GatewayContext): Promise<T | null> => {
    const session = await sessionOf(key, ctx);
    return session ? read(session) : null;
  };
}

KeyRef.implement({
  description: 'An API key held by a developer. Its id is the key hash; the raw key is shown only once, when issued.',
  // A developer sees only keys it holds; a key of unknown holder only operators see.
  authScopes: (key) => (key.developerId ? { operator: true, self: key.developerId } : { operator: true }),
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The key id: the hash Tyk shows in the developer’s `keys`.' }),
    policies: t.field({
      type: [PolicyRef],
      description: 'Policies applied to the key (policies that no longer exist are left out).',
      resolve: async (key, _args, ctx) => {
        const ids = key.policyIds ?? (await sessionOf(key, ctx))?.apply_policies ?? [];
        return existingPolicies(ctx, ids);
      },
    }),
    developer: t.field({
      type: DeveloperRef,
      nullable: true,
      description: 'The developer holding the key.',
      resolve: async (key, _args, ctx) => {
        const id = key.developerId ?? developerIdOf(await sessionOf(key, ctx));
        return id ? ctx.loaders.developerById.load(id) : null;
      },
    }),
    alias: t.string({ nullable: true, description: 'Key alias (the developer’s email for portal keys).', resolve: sessionField((s) => s.alias || null) }),
    quota: t.field({ type: KeyQuotaRef, nullable: true, description: 'Request quota; null when the key no longer exists.', resolve: sessionField((s) => s) }),
    rate: t.float({ nullable: true, description: 'Requests allowed per `per` seconds; null = unlimited or unknown.', resolve: sessionField((s) => limit(s.rate)) }),
    per: t.float({ nullable: true, description: 'Rate-limit window in seconds; null = unlimited or unknown.', resolve: sessionField((s) => limit(s.per)) }),
    expires: t.field({ type: 'DateTime', nullable: true, description: 'When the key expires; null = never.', resolve: sessionField((s) => unixTime(s.expires)) }),
    inactive: t.boolean({ nullable: true, description: 'Whether the key is disabled.', resolve: sessionField((s) => s.is_inactive) }),
    dateCreated: t.field({ type: 'DateTime', nullable: true, description: 'When the key was issued.', resolve: sessionField((s) => tykTime(s.date_created)) }),
    tags: t.stringList({ nullable: true, description: 'Tags on the key session.', resolve: sessionField((s) => s.tags) }),
    usage: t.field({
      type: [UsageBucketRef],
      nullable: true,
      description: 'Traffic of this key; by default the last 7 days by day.',
      args: usageArgs(t.arg),
      resolve: (key, args, ctx) => loadUsage(ctx, [key.id], args),
    }),
  }),
});


builder.queryField('key', (t) =>
  t.field({
    type: KeyRef,
    nullable: true,
    authScopes: { operator: true, developer: true },
    description:
      'One key by its id (hash); null when it does not exist. A developer reads only keys it holds: any other id is null, without reading the key.',
    args: { id: t.arg.id({ required: true, description: 'Key id: the hash shown in the developer’s `keys`.' }) },
    resolve: async (_root, args, ctx) => {
      const id = queryId(args.id, 'id', 'key');
      // A developer's own record names its keys: another developer's key answers as one that does
      // not exist (no oracle), and costs no key read.
      if (ctx.principal.kind === 'developer' && !Object.hasOwn((await activeDeveloper(ctx))?.keys ?? {}, id)) return null;
      const data = await ctx.loaders.keyById.load(id);
      return data ? { id, session: data.data, policyIds: data.data.apply_policies, developerId: developerIdOf(data.data) } : null;
    },
  }),
);

const NewOAuthClientRef = builder.objectRef<NewOAuthClientShape>('NewOAuthClient');
NewOAuthClientRef.implement({
  description: 'An OAuth client Tyk created for OAuth policies instead of a key. Its secret appears here once; later only its owner reads it (`viewer { oauthClients { secret } }`).',
  fields: (t) => ({
    clientId: t.exposeID('clientId', { description: 'OAuth client id.' }),
    secret: t.exposeString('secret', { description: 'The client secret, shown only in this response.' }),
    redirectUri: t.exposeString('redirectUri', { description: 'Redirect URI(s), comma-separated as Tyk stores them.' }),
    policy: t.field({
      type: PolicyRef,
      nullable: true,
      description: 'The policy the client was created for.',
      resolve: (c, _args, ctx) => (c.policyId ? ctx.loaders.policyById.load(c.policyId) : null),
    }),
  }),
});

const IssuedKeyRef = builder.objectRef<IssuedKeyShape>('IssuedKey');
IssuedKeyRef.implement({
  description: 'A newly issued key. `rawKey` appears here once and is never shown again.',
  fields: (t) => ({
    rawKey: t.string({ nullable: true, description: 'The plaintext key, shown only in this response; null for OAuth policies.', resolve: (k) => k.rawKey }),
    key: t.field({ type: KeyRef, nullable: true, description: 'The issued key.', resolve: (k) => k.key }),
    developer: t.field({ type: DeveloperRef, description: 'The developer who received the key.', resolve: (k) => k.developer }),
    oauthClientId: t.string({ nullable: true, description: 'For OAuth policies: the client id created instead of a key.', resolve: (k) => k.oauthClientId }),
    oauthClient: t.field({
      type: NewOAuthClientRef,
      nullable: true,
      description: 'For OAuth policies: the client created instead of a key, with its secret (shown once).',
      resolve: (k) => k.oauthClient,
    }),
  }),
});
export { IssuedKeyRef };

const KeyPayloadRef = builder.objectRef<{ key: KeyShape }>('KeyPayload');
KeyPayloadRef.implement({
  description: 'The key after the change.',
  fields: (t) => ({ key: t.field({ type: KeyRef, description: 'The changed key.', resolve: (p) => p.key }) }),
});

const RevokeKeyPayloadRef = builder.objectRef<{ keyId: string; developer: TykDeveloper }>('RevokeKeyPayload');
RevokeKeyPayloadRef.implement({
  description: 'A revoked key.',
  fields: (t) => ({
    revokedKeyId: t.id({ description: 'Id of the key that was revoked.', resolve: (p) => p.keyId }),
    developer: t.field({ type: DeveloperRef, description: 'The developer after the revocation.', resolve: (p) => p.developer }),
  }),
});

const keyArgs = (t: { arg: SchemaArgBuilder }) => ({
  developerId: t.arg.id({ required: true, description: 'Id of the developer holding the key.' }),
  keyId: t.arg.id({ required: true, description: 'Key id (hash) as shown in the developer’s `keys`.' }),
});

builder.mutationFields((t) => ({
  addKey: t.field({
    type: IssuedKeyRef,
    authScopes: { operator: true },
    description:
      'Issues a new key to a developer for the given policies (a subscription). The payload carries the raw key, once. For OAuth policies Tyk creates an OAuth client instead (give `redirectUri`); the payload carries its id and secret, once.',
    errors: { types: MUTATION_ERRORS, union: { name: 'AddKeyResult', description: 'The issued key or why it was not issued.' } },
    args: {
      developerId: t.arg.id({ required: true, description: 'Developer receiving the key.' }),
      policyIds: t.arg.idList({ required: true, description: 'Policies to apply to the key.' }),
      fields: t.arg({ type: [CustomFieldInputRef], description: 'Custom fields recorded on the key.' }),
      redirectUri: t.arg.string({ description: 'For OAuth policies (required there, refused otherwise): the client’s redirect URI(s), comma-separated http(s) URLs.' }),
    },
    resolve: (_root, args, ctx) =>
      runMutation(() => addKey(ctx, args), { resource: 'Developer', id: String(args.developerId) }),
  }),
  changeKeyPolicies: t.field({
    type: KeyPayloadRef,
    authScopes: { operator: true },
    description: 'Replaces the set of policies applied to a key.',
    errors: { types: MUTATION_ERRORS, union: { name: 'ChangeKeyPoliciesResult', description: 'The changed key or why it was not changed.' } },
    args: { ...keyArgs(t), policyIds: t.arg.idList({ required: true, description: 'The new set of policies.' }) },
    resolve: (_root, args, ctx) =>
      runMutation(async () => ({ key: await changeKeyPolicies(ctx, args, args.policyIds) }), { resource: 'Key', id: String(args.keyId) }),
  }),
  revokeKey: t.field({
    type: RevokeKeyPayloadRef,
    authScopes: (_root, args) => ({ operator: true, self: String(args.developerId) }),
    description: 'Revokes (deletes) a developer’s key. A developer may revoke its own keys.',
    errors: { types: MUTATION_ERRORS, union: { name: 'RevokeKeyResult', description: 'The revocation or why it failed.' } },
    args: keyArgs(t),
    resolve: (_root, args, ctx) =>
      runMutation(() => revokeKey(ctx, args), { resource: 'Key', id: String(args.keyId) }),
  }),
  resetKeyQuota: t.field({
    type: KeyPayloadRef,
    authScopes: { operator: true },
    description: 'Resets a key’s quota: remaining requests back to the maximum, next renewal one period from now.',
    errors: { types: MUTATION_ERRORS, union: { name: 'ResetKeyQuotaResult', description: 'The key after the reset or why it failed.' } },
    args: keyArgs(t),
    resolve: (_root, args, ctx) =>
      runMutation(async () => ({ key: await resetKeyQuota(ctx, args) }), { resource: 'Key', id: String(args.keyId) }),
  }),
}));
