/**
 * `CatalogueEntry`: an API published in the portal catalogue, keyed by the policy a key request
 * subscribes to; the `catalogue` root field; and the operators' catalogue changes (add, update,
 * remove an entry), each a read-merge-write of the whole catalogue (src/domain/catalogue.ts).
 */
import { addCatalogueEntry, CATALOGUE_AUTH_TYPES, removeCatalogueEntry, updateCatalogueEntry, visibleCatalogue } from '../domain/catalogue.js';
import { ConcurrentChangeError } from '../errors.js';
import type { TykCatalogue, TykCatalogueEntry } from '../tyk/wire.js';
import { builder, type SchemaInputFieldBuilder } from './builder.js';
import { MUTATION_ERRORS, runMutation } from './error.js';
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

// ---- mutations -------------------------------------------------------------------------------

/** The fields add and update share (all optional), named as `CatalogueEntry`'s. */
const entryChangeFields = (t: SchemaInputFieldBuilder) => ({
  shortDescription: t.string({ description: 'One-line description.' }),
  longDescription: t.string({ description: 'Long description (Markdown).' }),
  show: t.boolean({ description: 'Whether the portal lists the entry publicly (default true for a new entry).' }),
  documentation: t.string({ description: 'Id of the entry’s documentation object.' }),
  version: t.string({ description: 'Catalogue entry format version (Tyk uses `v2`).' }),
  authType: t.string({ description: `Authentication type: ${CATALOGUE_AUTH_TYPES.join(', ')} (default for a new entry: the policy’s).` }),
  isKeyless: t.boolean({ description: 'Whether the API needs no key.' }),
  apiId: t.string({ description: 'Tyk API id, when the entry names one (usually empty).' }),
});

const AddCatalogueEntryInput = builder.inputType('AddCatalogueEntryInput', {
  description: 'A policy to publish in the catalogue; fields named as `CatalogueEntry`’s.',
  fields: (t) => ({
    policyId: t.id({ required: true, description: 'The policy a key request for the entry subscribes to (one entry per policy).' }),
    name: t.string({ required: true, description: 'Display name.' }),
    ...entryChangeFields(t),
  }),
});

const UpdateCatalogueEntryInput = builder.inputType('UpdateCatalogueEntryInput', {
  description: 'Changes to a catalogue entry; omitted fields keep their value.',
  fields: (t) => ({ name: t.string({ description: 'Display name.' }), ...entryChangeFields(t) }),
});

interface CatalogueChange {
  catalogue: TykCatalogue;
  entry: TykCatalogueEntry;
}

const CatalogueEntryPayloadRef = builder.objectRef<CatalogueChange>('CatalogueEntryPayload');
CatalogueEntryPayloadRef.implement({
  description: 'The catalogue entry after the change, and the whole catalogue as written.',
  fields: (t) => ({
    entry: t.field({ type: CatalogueEntryRef, description: 'The added or changed entry.', resolve: (p) => p.entry }),
    catalogue: t.field({ type: [CatalogueEntryRef], description: 'Every entry of the catalogue as written.', resolve: (p) => p.catalogue.apis }),
  }),
});

const RemoveCatalogueEntryPayloadRef = builder.objectRef<{ catalogue: TykCatalogue; removedPolicyId: string }>('RemoveCatalogueEntryPayload');
RemoveCatalogueEntryPayloadRef.implement({
  description: 'A catalogue entry removed (its policy stays).',
  fields: (t) => ({
    removedPolicyId: t.id({ description: 'Policy id of the removed entry.', resolve: (p) => p.removedPolicyId }),
    catalogue: t.field({ type: [CatalogueEntryRef], description: 'Every entry of the catalogue as written.', resolve: (p) => p.catalogue.apis }),
  }),
});

const CATALOGUE_ERRORS = [ConcurrentChangeError, ...MUTATION_ERRORS];

builder.mutationFields((t) => ({
  addCatalogueEntry: t.field({
    type: CatalogueEntryPayloadRef,
    authScopes: { operator: true },
    description:
      'Publishes a policy in the catalogue, creating the catalogue on an organisation that has none. Tyk replaces the catalogue whole: the gateway reads, merges and writes it, and never loses a concurrent change silently (ConcurrentChangeError).',
    errors: { types: CATALOGUE_ERRORS, union: { name: 'AddCatalogueEntryResult', description: 'The new entry or why it was not added.' } },
    args: { input: t.arg({ type: AddCatalogueEntryInput, required: true, description: 'The entry.' }) },
    resolve: (_root, { input }, ctx) => runMutation(() => addCatalogueEntry(ctx, input), { resource: 'Policy', id: String(input.policyId) }),
  }),
  updateCatalogueEntry: t.field({
    type: CatalogueEntryPayloadRef,
    authScopes: { operator: true },
    description: 'Changes the given fields of a policy’s catalogue entry (read, merge, write the whole catalogue).',
    errors: { types: CATALOGUE_ERRORS, union: { name: 'UpdateCatalogueEntryResult', description: 'The changed entry or why it was not changed.' } },
    args: {
      policyId: t.arg.id({ required: true, description: 'Policy id of the entry.' }),
      input: t.arg({ type: UpdateCatalogueEntryInput, required: true, description: 'The changes.' }),
    },
    resolve: (_root, args, ctx) => runMutation(() => updateCatalogueEntry(ctx, args.policyId, args.input), { resource: 'CatalogueEntry', id: String(args.policyId) }),
  }),
  removeCatalogueEntry: t.field({
    type: RemoveCatalogueEntryPayloadRef,
    authScopes: { operator: true },
    description: 'Removes a policy’s entry from the catalogue (read, merge, write the whole catalogue). The policy and its keys stay.',
    errors: { types: CATALOGUE_ERRORS, union: { name: 'RemoveCatalogueEntryResult', description: 'The removal or why it failed.' } },
    args: { policyId: t.arg.id({ required: true, description: 'Policy id of the entry.' }) },
    resolve: (_root, args, ctx) => runMutation(() => removeCatalogueEntry(ctx, args.policyId), { resource: 'CatalogueEntry', id: String(args.policyId) }),
  }),
}));
