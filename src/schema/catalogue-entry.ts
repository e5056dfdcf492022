/**
 * `CatalogueEntry`: an API published in the portal catalogue, keyed by the policy a key request
 * subscribes to; and the `catalogue` root field.
 */
import type { GatewayContext } from '../context.js';
import type { TykCatalogueEntry } from '../tyk/wire.js';
import { builder } from './builder.js';
import { CatalogueEntryRef, PolicyRef } from './refs.js';


CatalogueEntryRef.implement({
  description: 'An API published in the developer portal catalogue.',
  fields: (t) => ({
    name: t.string({ description: 'Display name.' , resolve: (o) => o.name }),
    shortDescription: t.string({ description: 'One-line description.' , resolve: (o) => o.short_description }),
    longDescription: t.string({ description: 'Long description (Markdown).' , resolve: (o) => o.long_description }),
    show: t.boolean({ description: 'Whether the portal lists this entry publicly.' , resolve: (o) => o.show }),
    apiId: t.string({ nullable: true, description: 'Tyk API id, when the entry names one (usually empty).', resolve: (e) => e.api_id || null }),
    policyId: t.string({ nullable: true, description: 'Id of the policy a key request for this entry subscribes to.', resolve: (e) => e.policy_id || null }),
    policy: t.field({
      type: PolicyRef,
      nullable: true,
      description: 'The policy a key request for this entry subscribes to.',
      resolve: (e, _args, ctx) => (e.policy_id ? ctx.loaders.policyById.load(e.policy_id) : null),
    }),
    documentation: t.string({ nullable: true, description: 'Id of the entry’s documentation object, if any.', resolve: (e) => e.documentation || null }),
    version: t.string({ description: 'Catalogue entry format version (always `v2` today).' , resolve: (o) => o.version }),
    authType: t.string({ nullable: true, description: 'Authentication type, e.g. `authToken`, `oauth`, `keyless`.', resolve: (e) => e.auth_type || null }),
    isKeyless: t.boolean({ description: 'Whether the API needs no key.' , resolve: (o) => o.is_keyless }),
  }),
});

builder.objectField(PolicyRef, 'catalogueEntry', (t) =>
  t.field({
    type: CatalogueEntryRef,
    nullable: true,
    description: 'The catalogue entry that publishes this policy, if any.',
    resolve: (p, _args, ctx) => ctx.loaders.catalogueEntryByPolicyId(p._id),
  }),
);

/** The catalogue entries this caller may see. */
async function visibleCatalogue(ctx: GatewayContext, shownOnly: boolean): Promise<TykCatalogueEntry[]> {
  const loginOnly = ctx.principal.kind === 'anonymous' ? ctx.loaders.portalConfiguration().then((c) => c?.catalogue_login_only ?? false) : false;
  const [catalogue, hidden] = await Promise.all([ctx.loaders.catalogue(), loginOnly]);
  if (hidden) return [];
  const entries = catalogue?.apis ?? [];
  return shownOnly || ctx.principal.kind !== 'operator' ? entries.filter((e) => e.show) : entries;
}

builder.queryField('catalogue', (t) =>
  t.field({
    type: [CatalogueEntryRef],
    authScopes: { public: true },
    description:
      'The organisation’s API catalogue (one upstream call); empty when it has none. Developers and anonymous visitors see only the entries the portal shows; anonymous visitors see nothing when the portal shows its catalogue to logged-in developers only.',
    args: { shownOnly: t.arg.boolean({ description: 'Only entries the portal shows publicly (always so for non-operators).', defaultValue: false }) },
    resolve: (_root, args, ctx) => visibleCatalogue(ctx, args.shownOnly ?? false),
  }),
);
