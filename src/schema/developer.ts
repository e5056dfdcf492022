/**
 * `Developer`: a portal developer account; the `developers` connection, `developer(id)`,
 * `developerByEmail`; and the developer mutations.
 */
import { badUserInput } from '../errors.js';
import { createDeveloper, deleteDeveloper, NAME_FIELD, updateDeveloper } from '../domain/developers.js';
import { keysOf } from '../domain/keys.js';
import { isEmail } from '../domain/validation.js';
import { MIN_PASSWORD_LENGTH } from '../tyk/contract.js';
import type { TykDeveloper } from '../tyk/wire.js';
import { builder } from './builder.js';
import { withTotalCount } from './connection.js';
import { developerPage, DeveloperOrderRef } from './developer-list.js';
import { CustomFieldInputRef, CustomFieldRef, fieldList } from './custom-field.js';
import { MUTATION_ERRORS, runMutation } from './error.js';
import { inputId, queryId } from './ids.js';
import { DeveloperRef, KeyRef, KeyRequestRef, OAuthClientRef } from './refs.js';
import { tykTime } from './scalars.js';
import { loadUsage, UsageBucketRef, usageArgs } from './usage-bucket.js';

DeveloperRef.implement({
  description: 'A developer registered in the portal.',
  // Operators see every developer of their org; a developer sees only itself, however it got here.
  authScopes: (d) => ({ operator: true, self: d.id, $granted: 'sessionOwner' }),
  fields: (t) => ({
    id: t.id({ description: 'Tyk’s developer id.', resolve: (d) => d.id }),
    email: t.string({ description: 'Email address; unique within the organisation and used to log in.', resolve: (d) => d.email }),
    name: t.string({ nullable: true, description: 'Display name (the `Name` custom field).', resolve: (d) => d.fields[NAME_FIELD] ?? null }),
    fields: t.field({ type: [CustomFieldRef], description: 'Custom fields from the sign-up form.', resolve: (d) => fieldList(d.fields) }),
    inactive: t.boolean({ description: 'Whether the account is inactive (e.g. awaiting verification).', resolve: (d) => d.inactive }),
    dateCreated: t.field({ type: 'DateTime', nullable: true, description: 'When the developer signed up.', resolve: (d) => tykTime(d.date_created) }),
    lastLoginDate: t.field({ type: 'DateTime', nullable: true, description: 'Last portal login; null if never.', resolve: (d) => tykTime(d.last_login_date) }),
    keys: t.field({ type: [KeyRef], description: 'Keys the developer holds, with the policies applied to each.', resolve: (d) => keysOf(d) }),
    oauthClients: t.field({
      type: [OAuthClientRef],
      description: 'OAuth clients registered by the developer. Client secrets are never exposed.',
      resolve: (d) =>
        Object.entries(d.oauth_clients).flatMap(([policyId, clients]) =>
          clients.map((client) => ({ client, policyId, developerId: d.id })),
        ),
    }),
    keyRequests: t.field({
      type: [KeyRequestRef],
      description: 'Key requests the developer made, pending and approved, in Tyk’s order (one streamed read of the organisation’s requests per page of developers).',
      args: { approved: t.arg.boolean({ description: 'Only approved (true) or only pending (false) requests.' }) },
      resolve: (d, args, ctx) => ctx.loaders.keyRequestsByDeveloper.load({ developerId: d.id, approved: args.approved ?? undefined }),
    }),
    usage: t.field({
      type: [UsageBucketRef],
      nullable: true,
      description: 'Traffic summed over all the developer’s keys (one upstream call); by default the last 7 days by day.',
      args: usageArgs(t.arg),
      resolve: (d, args, ctx) => loadUsage(ctx, Object.keys(d.keys), args),
    }),
  }),
});

builder.queryFields((t) => ({
  developers: t.connection(
    {
      type: DeveloperRef,
      authScopes: { operator: true },
      description:
        'Developers of the organisation, oldest first unless `orderBy` says otherwise. A page in Tyk’s order reads only the Tyk pages (10 developers each) that hold it, `totalCount` at most one more; a search, a filter or an order needs every developer, read once per query (one streamed call) or answered by the credential’s shared index for large organisations (see docs/loaders.md).',
      args: {
        email: t.arg.string({ description: 'Only developers whose email contains this text (case-insensitive; at most 200 characters).' }),
        search: t.arg.string({ description: 'Only developers whose email or name contains this text (case-insensitive; at most 200 characters).' }),
        inactive: t.arg.boolean({ description: 'Only inactive (true) or only active (false) developers.' }),
        orderBy: t.arg({ type: DeveloperOrderRef, description: 'Sort order; default Tyk’s (oldest first).' }),
      },
      resolve: (_root, args, ctx) => developerPage(args, ctx),
    },
    withTotalCount('A page of developers.', 'developers matching the filters'),
    { description: 'A developer in a page of developers.' },
  ),
  developer: t.field({
    type: DeveloperRef,
    nullable: true,
    authScopes: { operator: true },
    description: 'One developer by id; null when it does not exist.',
    args: { id: t.arg.id({ required: true, description: 'Tyk developer id (24 hex characters).' }) },
    resolve: (_root, args, ctx) => ctx.loaders.developerById.load(queryId(args.id, 'id')),
  }),
  developerByEmail: t.field({
    type: DeveloperRef,
    nullable: true,
    authScopes: { operator: true },
    description: 'One developer by exact email address; null when none has it.',
    args: { email: t.arg.string({ required: true, description: 'Email address (case-insensitive).' }) },
    resolve: (_root, args, ctx) => {
      if (!isEmail(args.email)) throw badUserInput('email must be an email address.', 'email');
      return ctx.loaders.developerByEmail.load(args.email.trim());
    },
  }),
}));

// ---- mutations -------------------------------------------------------------------------------

const CreateDeveloperInput = builder.inputType('CreateDeveloperInput', {
  description: 'A new developer account.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'Email address; must be unused in the organisation.' }),
    password: t.string({ required: true, description: `Password, at least ${MIN_PASSWORD_LENGTH} characters. Stored hashed by Tyk.` }),
    name: t.string({ description: 'Display name (stored as the `Name` custom field).' }),
    telephone: t.string({ description: 'Telephone (stored as the `Telephone` custom field).' }),
    country: t.string({ description: 'Country (stored as the `Country` custom field).' }),
    fields: t.field({ type: [CustomFieldInputRef], description: 'Custom fields.' }),
    inactive: t.boolean({ description: 'Create the account inactive. Default false.' }),
  }),
});

const UpdateDeveloperInput = builder.inputType('UpdateDeveloperInput', {
  description: 'Changes to a developer; omitted fields keep their value. Keys, subscriptions and OAuth clients are always kept.',
  fields: (t) => ({
    email: t.string({ description: 'New email address.' }),
    name: t.string({ description: 'New display name.' }),
    telephone: t.string({
      description: 'New telephone (the `Telephone` custom field). A developer may set it only when the portal’s sign-up form has that field.',
    }),
    country: t.string({ description: 'New country (the `Country` custom field). A developer may set it only when the portal’s sign-up form has that field.' }),
    fields: t.field({
      type: [CustomFieldInputRef],
      description: 'Custom fields to set (others are kept). A developer may set only the fields the portal’s sign-up form has; the error names them.',
    }),
    removeFields: t.stringList({ description: 'Names of custom fields to remove (for a developer: only fields of the portal’s sign-up form).' }),
    inactive: t.boolean({ description: 'Activate (false) or deactivate (true) the account.' }),
  }),
});

const DeveloperPayloadRef = builder.objectRef<{ developer: TykDeveloper }>('DeveloperPayload');
DeveloperPayloadRef.implement({
  description: 'The developer after the change.',
  fields: (t) => ({ developer: t.field({ type: DeveloperRef, description: 'The developer.', resolve: (p) => p.developer }) }),
});

const DeleteDeveloperPayloadRef = builder.objectRef<{ deletedId: string }>('DeleteDeveloperPayload');
DeleteDeveloperPayloadRef.implement({
  description: 'A deleted developer.',
  fields: (t) => ({ deletedId: t.id({ description: 'Id of the deleted developer.', resolve: (p) => p.deletedId }) }),
});

builder.mutationFields((t) => ({
  createDeveloper: t.field({
    type: DeveloperPayloadRef,
    authScopes: { operator: true },
    description: 'Registers a developer.',
    errors: { types: MUTATION_ERRORS, union: { name: 'CreateDeveloperResult', description: 'The new developer or why it was not created.' } },
    args: { input: t.arg({ type: CreateDeveloperInput, required: true, description: 'The new account.' }) },
    resolve: (_root, { input }, ctx) => runMutation(async () => ({ developer: await createDeveloper(ctx, input) })),
  }),
  updateDeveloper: t.field({
    type: DeveloperPayloadRef,
    authScopes: (_root, args) => ({ operator: true, self: String(args.id) }),
    description:
      'Changes a developer’s profile. Only the given fields change; keys, subscriptions and OAuth clients are kept. A developer may change its own profile, but not whether it is active.',
    errors: { types: MUTATION_ERRORS, union: { name: 'UpdateDeveloperResult', description: 'The updated developer or why it was not updated.' } },
    args: {
      id: t.arg.id({ required: true, description: 'Developer id.' }),
      input: t.arg({ type: UpdateDeveloperInput, required: true, description: 'The changes.' }),
    },
    resolve: (_root, args, ctx) =>
      runMutation(async () => ({ developer: await updateDeveloper(ctx, inputId(args.id, 'id'), args.input) }), { resource: 'Developer', id: String(args.id) }),
  }),
  deleteDeveloper: t.field({
    type: DeleteDeveloperPayloadRef,
    authScopes: { operator: true },
    description: 'Deletes a developer and, with it, the developer’s keys.',
    errors: { types: MUTATION_ERRORS, union: { name: 'DeleteDeveloperResult', description: 'The deletion or why it failed.' } },
    args: { id: t.arg.id({ required: true, description: 'Developer id.' }) },
    resolve: (_root, args, ctx) =>
      runMutation(async () => ({ deletedId: await deleteDeveloper(ctx, inputId(args.id, 'id')) }), { resource: 'Developer', id: String(args.id) }),
  }),
}));
