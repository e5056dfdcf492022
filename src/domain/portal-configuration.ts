/**
 * The operators' change to the portal configuration: only the given settings change, merged onto a
 * fresh copy and written back whole with everything else it holds (Tyk's mail options, DCR, …),
 * created first on an organisation that has none (src/domain/read-merge-write.ts).
 */
import type { GatewayContext } from '../context.js';
import { ValidationError } from '../errors.js';
import { nullIfNotFound } from '../loaders/shared.js';
import type { TykPortalConfiguration } from '../tyk/wire.js';
import { readMergeWrite } from './read-merge-write.js';
import { isEmail, MAX_CUSTOM_FIELDS } from './validation.js';

/** The settings a change may set (named as `PortalConfiguration`'s). */
export interface PortalConfigurationChanges {
  requireKeyApproval?: boolean | null | undefined;
  secureKeyApproval?: boolean | null | undefined;
  redirectOnKeyRequest?: boolean | null | undefined;
  redirectTo?: string | null | undefined;
  enableMultiSelection?: boolean | null | undefined;
  disableLogin?: boolean | null | undefined;
  disableSignup?: boolean | null | undefined;
  disableAutoLogin?: boolean | null | undefined;
  catalogueLoginOnly?: boolean | null | undefined;
  /** null: unlimited (Tyk's -1); undefined: unchanged. */
  oauthUsageLimit?: number | null | undefined;
  signupFields?: readonly string[] | null | undefined;
  keyRequestFields?: readonly string[] | null | undefined;
  notificationEmail?: string | null | undefined;
}

const FLAGS = {
  requireKeyApproval: 'require_key_approval',
  secureKeyApproval: 'secure_key_approval',
  redirectOnKeyRequest: 'redirect_on_key_request',
  enableMultiSelection: 'enable_multi_selection',
  disableLogin: 'disable_login',
  disableSignup: 'disable_signup',
  disableAutoLogin: 'disable_auto_login',
  catalogueLoginOnly: 'catalogue_login_only',
} as const satisfies Partial<Record<keyof PortalConfigurationChanges, keyof TykPortalConfiguration>>;

function checkFieldNames(names: readonly string[], field: string): string[] {
  if (names.length > MAX_CUSTOM_FIELDS) throw new ValidationError(`At most ${MAX_CUSTOM_FIELDS} form fields are allowed.`, field);
  const seen = new Set<string>();
  return names.map((name, i) => {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 100) throw new ValidationError('Form field names must be 1–100 characters.', `${field}[${i}]`);
    if (seen.has(trimmed)) throw new ValidationError(`The form field ${JSON.stringify(trimmed)} is listed twice.`, `${field}[${i}]`);
    seen.add(trimmed);
    return trimmed;
  });
}

/** Checks a change before anything is read; returns the Tyk fields it sets. */
function toTyk(changes: PortalConfigurationChanges): Partial<TykPortalConfiguration> {
  const out: Partial<TykPortalConfiguration> = {};
  for (const [key, tyk] of Object.entries(FLAGS) as [keyof typeof FLAGS, (typeof FLAGS)[keyof typeof FLAGS]][]) {
    const value = changes[key];
    if (value != null) out[tyk] = value;
  }
  if (changes.redirectTo != null) {
    if (changes.redirectTo !== '' && !/^https?:\/\/[^\s]+$/.test(changes.redirectTo)) throw new ValidationError('redirectTo must be an http(s) URL, or empty.', 'input.redirectTo');
    out.redirect_to = changes.redirectTo;
  }
  if (changes.oauthUsageLimit !== undefined) {
    if (changes.oauthUsageLimit !== null && changes.oauthUsageLimit < 0) throw new ValidationError('oauthUsageLimit must be 0 or more (null: unlimited).', 'input.oauthUsageLimit');
    out.oauth_usage_limit = changes.oauthUsageLimit ?? -1;
  }
  if (changes.signupFields != null) out.signup_fields = checkFieldNames(changes.signupFields, 'input.signupFields');
  if (changes.keyRequestFields != null) out.key_request_fields = checkFieldNames(changes.keyRequestFields, 'input.keyRequestFields');
  if (changes.notificationEmail != null) {
    if (changes.notificationEmail !== '' && !isEmail(changes.notificationEmail)) throw new ValidationError('notificationEmail must be an email address, or empty.', 'input.notificationEmail');
    out.email = changes.notificationEmail.trim();
  }
  return out;
}

/** Changes the given settings of the portal configuration (creating it when the organisation has none). */
export async function updatePortalConfiguration(ctx: GatewayContext, changes: PortalConfigurationChanges): Promise<TykPortalConfiguration> {
  const set = toTyk(changes);
  if (Object.keys(set).length === 0) throw new ValidationError('Give at least one setting to change.', 'input');
  return readMergeWrite(
    ctx,
    {
      name: 'portal-configuration',
      read: () => nullIfNotFound(ctx.tyk().getPortalConfiguration()),
      // As Tyk's own scripts do: an empty configuration, the change then merged onto what it holds.
      create: async () => {
        await ctx.tyk().createPortalConfiguration({});
      },
      write: (next) => ctx.tyk().updatePortalConfiguration(next),
      orgOf: (c) => c.org_id,
      forget: () => ctx.loaders.forget('portalConfiguration'),
    },
    (current) => ({ ...current, ...set }),
    { whenMissing: 'create' },
  );
}
