/**
 * `PortalConfiguration`: the organisation's portal settings (approval, sign-up, login, forms).
 * Anyone may read what a sign-up, login or key-request page needs; the settings only an
 * administrator has use for are operator-only, field by field. Operators change them with
 * `updatePortalConfiguration` (a read-merge-write: src/domain/portal-configuration.ts).
 */
import { updatePortalConfiguration } from '../domain/portal-configuration.js';
import { ConcurrentChangeError } from '../errors.js';
import type { TykPortalConfiguration } from '../tyk/wire.js';
import { builder } from './builder.js';
import { MUTATION_ERRORS, runMutation } from './error.js';

export const PortalConfigurationRef = builder.objectRef<TykPortalConfiguration>('PortalConfiguration');
PortalConfigurationRef.implement({
  description:
    'Settings of the organisation’s developer portal. Everyone (anonymous visitors and developers included) reads what a portal’s public pages need; `notificationEmail` and `hashKeys` are for operators only.',
  fields: (t) => ({
    requireKeyApproval: t.boolean({ description: 'Key requests wait for an administrator’s approval.', resolve: (c) => c.require_key_approval }),
    secureKeyApproval: t.boolean({ description: 'Approved keys are sent by email only, never shown in the portal.', resolve: (c) => c.secure_key_approval }),
    redirectOnKeyRequest: t.boolean({ description: 'Key requests redirect to `redirectTo` instead of being filed.', resolve: (c) => c.redirect_on_key_request }),
    redirectTo: t.string({ nullable: true, description: 'Where key requests redirect to, when enabled.', resolve: (c) => c.redirect_to || null }),
    enableMultiSelection: t.boolean({ description: 'A key request may cover several catalogue entries.', resolve: (c) => c.enable_multi_selection }),
    disableLogin: t.boolean({ description: 'Developer login is disabled.', resolve: (c) => c.disable_login }),
    disableSignup: t.boolean({ description: 'Developer sign-up is disabled.', resolve: (c) => c.disable_signup }),
    disableAutoLogin: t.boolean({ description: 'Developers are not logged in automatically after sign-up.', resolve: (c) => c.disable_auto_login }),
    catalogueLoginOnly: t.boolean({ description: 'The catalogue is visible to logged-in developers only.', resolve: (c) => c.catalogue_login_only }),
    oauthUsageLimit: t.int({ nullable: true, description: 'Maximum OAuth clients per developer; null = unlimited.', resolve: (c) => (c.oauth_usage_limit < 0 ? null : c.oauth_usage_limit) }),
    signupFields: t.stringList({ description: 'Extra custom fields on the sign-up form.', resolve: (c) => c.signup_fields }),
    keyRequestFields: t.stringList({ description: 'Extra custom fields on the key-request form.', resolve: (c) => c.key_request_fields }),
    notificationEmail: t.string({
      nullable: true,
      authScopes: { operator: true },
      description: 'Address the Dashboard notifies of portal events (Tyk’s `email`); operators only.',
      resolve: (c) => c.email || null,
    }),
    hashKeys: t.boolean({
      nullable: true,
      authScopes: { operator: true },
      description: 'Whether the Dashboard hashes keys (Tyk’s `HashKeys`); null when it does not say. Operators only.',
      resolve: (c) => {
        const value = (c as Record<string, unknown>)['HashKeys'];
        return typeof value === 'boolean' ? value : null;
      },
    }),
  }),
});

builder.queryField('portalConfiguration', (t) =>
  t.field({
    type: PortalConfigurationRef,
    nullable: true,
    authScopes: { public: true },
    description:
      'The portal configuration (one upstream call, shared for a while); null when the organisation has none yet. Public, so sign-up, login and key-request pages can build their forms; operator-only fields answer FORBIDDEN to others.',
    resolve: (_root, _args, ctx) => ctx.loaders.portalConfiguration(),
  }),
);

const UpdatePortalConfigurationInput = builder.inputType('UpdatePortalConfigurationInput', {
  description: 'Settings to change, named as `PortalConfiguration`’s; omitted ones keep their value.',
  fields: (t) => ({
    requireKeyApproval: t.boolean({ description: 'Key requests wait for an administrator’s approval.' }),
    secureKeyApproval: t.boolean({ description: 'Approved keys are sent by email only, never shown in the portal.' }),
    redirectOnKeyRequest: t.boolean({ description: 'Key requests redirect to `redirectTo` instead of being filed.' }),
    redirectTo: t.string({ description: 'Where key requests redirect to (an http(s) URL, or empty).' }),
    enableMultiSelection: t.boolean({ description: 'A key request may cover several catalogue entries.' }),
    disableLogin: t.boolean({ description: 'Developer login is disabled.' }),
    disableSignup: t.boolean({ description: 'Developer sign-up is disabled.' }),
    disableAutoLogin: t.boolean({ description: 'Developers are not logged in automatically after sign-up.' }),
    catalogueLoginOnly: t.boolean({ description: 'The catalogue is visible to logged-in developers only.' }),
    oauthUsageLimit: t.int({ description: 'Maximum OAuth clients per developer; null = unlimited.' }),
    signupFields: t.stringList({ description: 'Extra custom fields on the sign-up form (replaces the list; at most 50).' }),
    keyRequestFields: t.stringList({ description: 'Extra custom fields on the key-request form (replaces the list; at most 50).' }),
    notificationEmail: t.string({ description: 'Address the Dashboard notifies of portal events, or empty.' }),
  }),
});

const PortalConfigurationPayloadRef = builder.objectRef<TykPortalConfiguration>('PortalConfigurationPayload');
PortalConfigurationPayloadRef.implement({
  description: 'The portal configuration as written.',
  fields: (t) => ({ portalConfiguration: t.field({ type: PortalConfigurationRef, description: 'The configuration after the change.', resolve: (c) => c }) }),
});

builder.mutationField('updatePortalConfiguration', (t) =>
  t.field({
    type: PortalConfigurationPayloadRef,
    authScopes: { operator: true },
    description:
      'Changes the given portal settings, creating the configuration on an organisation that has none. Tyk replaces it whole: the gateway reads, merges and writes it, keeping what it does not model (mail options, DCR, …), and never loses a concurrent change silently (ConcurrentChangeError).',
    errors: {
      types: [ConcurrentChangeError, ...MUTATION_ERRORS],
      union: { name: 'UpdatePortalConfigurationResult', description: 'The configuration after the change or why it was not changed.' },
    },
    args: { input: t.arg({ type: UpdatePortalConfigurationInput, required: true, description: 'The settings to change.' }) },
    resolve: (_root, { input }, ctx) => runMutation(() => updatePortalConfiguration(ctx, input)),
  }),
);
