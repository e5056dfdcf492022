/**
 * `Policy`: a Tyk security policy (what a key subscribes to), and the root fields that read them.
 */
import type { GatewayContext } from '../context.js';
import type { TykAccessDefinition, TykPolicy } from '../tyk/wire.js';
import { PolicyRef } from './refs.js';
import { queryId } from './ids.js';
import { builder } from './builder.js';
import { tykTime } from './scalars.js';

const AccessRightRef = builder.objectRef<TykAccessDefinition & { apiIdKey: string }>('AccessRight');

/** The policies of `ids` that exist (one batched lookup); a failed lookup fails the field. */
export async function existingPolicies(ctx: GatewayContext, ids: readonly string[]): Promise<TykPolicy[]> {
  const loaded = await ctx.loaders.policyById.loadMany(ids);
  const failed = loaded.find((p) => p instanceof Error);
  if (failed) throw failed;
  return loaded.filter((p): p is TykPolicy => p !== null && !(p instanceof Error));
}

/** Tyk uses -1 for "unlimited"; GraphQL clients get null instead of a magic number. */
export function limit(value: number): number | null {
  return value < 0 ? null : value;
}

AccessRightRef.implement({
  description: 'Access a policy grants to one API.',
  fields: (t) => ({
    apiId: t.string({ description: 'Tyk API id.', resolve: (a) => a.api_id || a.apiIdKey }),
    apiName: t.string({ description: 'API name as recorded on the policy.', resolve: (a) => a.api_name }),
    versions: t.stringList({ description: 'API versions the policy grants.', resolve: (a) => a.versions }),
  }),
});

PolicyRef.implement({
  description: 'A Tyk security policy: the rate limit, quota and API access a subscribed key receives.',
  fields: (t) => ({
    id: t.id({ description: 'Tyk’s policy id (the `_id` used in Dashboard URLs).' , resolve: (o) => o._id }),
    customId: t.string({
      nullable: true,
      description: 'The optional custom ("external") policy id, when one is set.',
      resolve: (p) => p.id || null,
    }),
    name: t.string({ description: 'Policy name.' , resolve: (o) => o.name }),
    rate: t.float({ nullable: true, description: 'Requests allowed per `per` seconds; null = unlimited.', resolve: (p) => limit(p.rate) }),
    per: t.float({ nullable: true, description: 'Rate-limit window in seconds; null = unlimited.', resolve: (p) => limit(p.per) }),
    quotaMax: t.int({ nullable: true, description: 'Requests allowed per quota period; null = unlimited.', resolve: (p) => limit(p.quota_max) }),
    quotaRenewalRate: t.int({
      nullable: true,
      description: 'Quota period in seconds; null = the quota never renews.',
      resolve: (p) => limit(p.quota_renewal_rate),
    }),
    keyExpiresIn: t.int({
      nullable: true,
      description: 'Seconds until a key issued for this policy expires; null = never.',
      resolve: (p) => (p.key_expires_in > 0 ? p.key_expires_in : null),
    }),
    tags: t.stringList({ description: 'Tags copied onto keys issued for this policy.' , resolve: (o) => o.tags }),
    active: t.boolean({
      description: 'Whether the policy is active (not inactive, not in draft or deny state).',
      resolve: (p) => p.active && !p.is_inactive && (p.state === '' || p.state === 'active'),
    }),
    authType: t.string({ nullable: true, description: 'Authentication type of keys for this policy, e.g. `authToken`.', resolve: (p) => p.auth_type || null }),
    accessRights: t.field({
      type: [AccessRightRef],
      description: 'The APIs this policy grants access to.',
      resolve: (p) => Object.entries(p.access_rights).map(([apiIdKey, a]) => ({ ...a, apiIdKey })),
    }),
    dateCreated: t.field({ type: 'DateTime', nullable: true, description: 'When the policy was created.', resolve: (p) => tykTime(p.date_created) }),
  }),
});

builder.queryFields((t) => ({
  policies: t.field({
    type: [PolicyRef],
    authScopes: { operator: true },
    description: 'Every policy of the organisation (one upstream call).',
    args: { active: t.arg.boolean({ description: 'Only active (true) or only inactive (false) policies.' }) },
    resolve: async (_root, args, ctx) => {
      const all = await ctx.loaders.allPolicies();
      if (args.active == null) return all;
      return all.filter((p) => (p.active && !p.is_inactive) === args.active);
    },
  }),
  policy: t.field({
    type: PolicyRef,
    nullable: true,
    authScopes: { operator: true },
    description: 'One policy by id; null when it does not exist.',
    args: { id: t.arg.id({ required: true, description: 'Tyk policy id (24 hex characters).' }) },
    resolve: (_root, args, ctx) => ctx.loaders.policyById.load(queryId(args.id, 'id')),
  }),
}));
