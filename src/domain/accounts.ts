/**
 * What the account flows (login, sign-up, logout, password reset) share across requests of one
 * server: uniform answer times, logged-out sessions, reset tokens, and the email outbox.
 */
import type { Logger } from 'pino';
import type { MailOutbox } from '../mail/outbox.js';
import { DEFAULT_RESET_EMAIL, type MailText } from '../mail/templates.js';
import { MemoryExpiringStore, type ExpiringStore } from '../security/expiring-store.js';
import { DEFAULT_RESET_TTL_MS, ResetTokens } from '../security/reset-tokens.js';
import { SessionRevocations } from '../security/session-revocations.js';
import { createCredentialPacing, type CredentialPacing, type UniformDurationOptions } from '../security/uniform-duration.js';

/** Password reset by email: where the link points, and the email's templates. */
export interface PasswordResetSettings {
  /** The portal page that takes the token; the link is `url?token=<token>`. */
  url: string;
  email: MailText;
}

export interface AccountServices {
  pacing: CredentialPacing;
  revocations: SessionRevocations;
  resetTokens: ResetTokens;
  /** Where emails go; undefined → no email (no password reset, no sign-up notices). */
  mail: MailOutbox | undefined;
  /** undefined → password reset is not offered. */
  passwordReset: PasswordResetSettings | undefined;
  /** The portal's name in emails. */
  portalName: string;
}

export interface AccountServicesOptions {
  /** Shared store of reset tokens and logged-out sessions (Redis for several replicas); default in memory. */
  store?: ExpiringStore;
  credentialTiming?: UniformDurationOptions | false;
  mail?: MailOutbox;
  passwordReset?: { url: string; ttlMs?: number; subject?: string; text?: string };
  portalName?: string;
  logger?: Logger;
}

/** Default portal name in emails. */
export const DEFAULT_PORTAL_NAME = 'Developer portal';

export function createAccountServices(options: AccountServicesOptions = {}): AccountServices {
  const store = options.store ?? new MemoryExpiringStore();
  const reset = options.passwordReset;
  return {
    pacing: createCredentialPacing(options.credentialTiming),
    revocations: new SessionRevocations(store, { logger: options.logger }),
    resetTokens: new ResetTokens(store, reset?.ttlMs ?? DEFAULT_RESET_TTL_MS),
    mail: options.mail,
    passwordReset:
      reset && options.mail
        ? { url: reset.url, email: { subject: reset.subject ?? DEFAULT_RESET_EMAIL.subject, text: reset.text ?? DEFAULT_RESET_EMAIL.text } }
        : undefined,
    portalName: options.portalName ?? DEFAULT_PORTAL_NAME,
  };
}
