/**
 * `KeyRequest`: a developer's request for a key to one or more policies; the `keyRequests`
 * connection; and request / approve / decline.
 */
import { approveKeyRequest, declineKeyRequest, requestKey, type KeyRequestOutcome } from '../domain/key-requests.js';
import { builder } from './builder.js';
import { planWindow, tykOrderPage, withTotalCount } from './connection.js';
import { CustomFieldInputRef, CustomFieldRef, fieldList } from './custom-field.js';
import { MUTATION_ERRORS, runMutation } from './error.js';
import { queryId } from './ids.js';
import { IssuedKeyRef } from './key.js';
import { existingPolicies } from './policy.js';
import { CatalogueEntryRef, DeveloperRef, KeyRequestRef, PolicyRef } from './refs.js';
import { tykTime } from './scalars.js';

KeyRequestRef.implement({
  description: 'A developer’s request for a key to one or more policies (catalogue entries).',
  authScopes: (r) => ({ operator: true, self: r.by_user }),
  fields: (t) => ({
    id: t.id({ description: 'Tyk’s key request id.', resolve: (r) => r.id }),
    approved: t.boolean({ description: 'Whether the request has been approved (and a key issued).', resolve: (r) => r.approved }),
    dateCreated: t.field({ type: 'DateTime', nullable: true, description: 'When the request was made.', resolve: (r) => tykTime(r.date_created) }),
    developer: t.field({
      type: DeveloperRef,
      nullable: true,
      description: 'The developer who made the request.',
      resolve: (r, _args, ctx) => (r.by_user ? ctx.loaders.developerById.load(r.by_user) : null),
    }),
    policies: t.field({
      type: [PolicyRef],
      description: 'Policies the key is requested for (policies that no longer exist are left out).',
      resolve: async (r, _args, ctx) => {
        const ids = r.apply_policies.length > 0 ? r.apply_policies : r.for_plan ? [r.for_plan] : [];
        return existingPolicies(ctx, ids);
      },
    }),
    catalogueEntries: t.field({
      type: [CatalogueEntryRef],
      description: 'The catalogue entries of the requested policies.',
      resolve: async (r, _args, ctx) => {
        const entries = await Promise.all(r.apply_policies.map((id) => ctx.loaders.catalogueEntryByPolicyId(id)));
        return entries.filter((e) => e !== null);
      },
    }),
    fields: t.field({ type: [CustomFieldRef], description: 'Custom fields from the key-request form.', resolve: (r) => fieldList(r.fields) }),
    redirectUri: t.string({
      nullable: true,
      description: 'For OAuth requests: the redirect URI(s) of the client to create.',
      resolve: (r) => r.oauth_info?.redirect_uri || null,
    }),
  }),
});

builder.queryField('keyRequests', (t) =>
  t.connection(
    {
      type: KeyRequestRef,
      authScopes: { operator: true },
      description: 'Key requests of the organisation in Tyk’s order: only the Tyk pages holding the page asked for are read.',
      args: { approved: t.arg.boolean({ description: 'Only approved (true) or only pending (false) requests (Tyk filters).' }) },
      resolve: (_root, args, ctx) => tykOrderPage(planWindow(args), ctx.loaders.keyRequestPages(args.approved ?? undefined)),
    },
    withTotalCount('A page of key requests.', 'key requests matching the filter'),
    { description: 'A key request in a page of key requests.' },
  ),
);

builder.queryField('keyRequest', (t) =>
  t.field({
    type: KeyRequestRef,
    nullable: true,
    authScopes: { operator: true },
    description: 'One key request by id; null when it does not exist.',
    args: { id: t.arg.id({ required: true, description: 'Key request id.' }) },
    resolve: (_root, args, ctx) => ctx.loaders.keyRequestById.load(queryId(args.id, 'id')),
  }),
);

// ---- mutations -------------------------------------------------------------------------------

const KeyRequestPayloadRef = builder.objectRef<KeyRequestOutcome>('KeyRequestPayload');
KeyRequestPayloadRef.implement({
  description: 'A key request after the change, with the key issued if it was approved now.',
  fields: (t) => ({
    keyRequest: t.field({ type: KeyRequestRef, description: 'The key request.', resolve: (p) => p.keyRequest }),
    approved: t.boolean({ description: 'Whether the request is approved.', resolve: (p) => p.keyRequest.approved }),
    issuedKey: t.field({
      type: IssuedKeyRef,
      nullable: true,
      description: 'The key issued by this mutation (raw key shown once); null when the request awaits approval.',
      resolve: (p) => p.issued,
    }),
  }),
});

const DeclinePayloadRef = builder.objectRef<{ declinedId: string }>('DeclineKeyRequestPayload');
DeclinePayloadRef.implement({
  description: 'A declined (deleted) key request.',
  fields: (t) => ({ declinedId: t.id({ description: 'Id of the declined request.', resolve: (p) => p.declinedId }) }),
});

const RequestKeyInput = builder.inputType('RequestKeyInput', {
  description: 'A key request on behalf of a developer.',
  fields: (t) => ({
    developerId: t.id({ required: true, description: 'Developer requesting the key.' }),
    policyIds: t.idList({ required: true, description: 'Policies (catalogue entries) the key is requested for.' }),
    fields: t.field({ type: [CustomFieldInputRef], description: 'Answers to the portal’s key-request form.' }),
    redirectUri: t.string({ description: 'For OAuth policies: redirect URI(s) of the client to create, comma-separated.' }),
  }),
});

builder.mutationFields((t) => ({
  requestKey: t.field({
    type: KeyRequestPayloadRef,
    authScopes: (_root, args) => ({ operator: true, self: String(args.input.developerId) }),
    description:
      'Files a key request for a developer (a developer for itself, for catalogue entries the portal shows). When the portal configuration does not require approval it is approved at once, as Tyk’s own portal does, and the key is issued.',
    errors: { types: MUTATION_ERRORS, union: { name: 'RequestKeyResult', description: 'The request (and key) or why it was not made.' } },
    args: { input: t.arg({ type: RequestKeyInput, required: true, description: 'The request.' }) },
    resolve: (_root, { input }, ctx) => runMutation(() => requestKey(ctx, input), { resource: 'Developer', id: String(input.developerId) }),
  }),
  approveKeyRequest: t.field({
    type: KeyRequestPayloadRef,
    authScopes: { operator: true },
    description: 'Approves a pending key request: Tyk issues the key, whose raw value the payload shows once.',
    errors: { types: MUTATION_ERRORS, union: { name: 'ApproveKeyRequestResult', description: 'The approval or why it failed.' } },
    args: { id: t.arg.id({ required: true, description: 'Key request id.' }) },
    resolve: (_root, args, ctx) => runMutation(() => approveKeyRequest(ctx, args.id), { resource: 'KeyRequest', id: String(args.id) }),
  }),
  declineKeyRequest: t.field({
    type: DeclinePayloadRef,
    authScopes: { operator: true },
    description: 'Declines a pending key request (Tyk deletes it).',
    errors: { types: MUTATION_ERRORS, union: { name: 'DeclineKeyRequestResult', description: 'The decline or why it failed.' } },
    args: { id: t.arg.id({ required: true, description: 'Key request id.' }) },
    resolve: (_root, args, ctx) =>
      runMutation(async () => ({ declinedId: await declineKeyRequest(ctx, args.id) }), { resource: 'KeyRequest', id: String(args.id) }),
  }),
}));
