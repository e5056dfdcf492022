/**
 * Password reset by email (the seeds' "Request password reset" on the login screen):
 * `requestPasswordReset` answers the same, in uniform time, whether or not the email belongs to a
 * developer, and only for one that exists and is active issues a token and queues the email;
 * `resetPassword` takes the token (once), checks that the developer's password has not changed
 * since, and sets the new one through `POST /api/portal/developers/password/{id}`.
 */
import type { GatewayContext } from '../context.js';
import { ForbiddenError, InvalidResetTokenError, UpstreamError } from '../errors.js';
import { fingerprint } from '../principal.js';
import { fill, resetLink, SIGNUP_NOTICE_EMAIL } from '../mail/templates.js';
import { TykNotFoundError } from '../tyk/errors.js';
import type { TykDeveloper } from '../tyk/wire.js';
import { checkEmail, checkPassword } from './validation.js';

/** The answer to every accepted `requestPasswordReset`, whether or not an email was sent. */
export interface PasswordResetRequested {
  message: string;
}

const REQUESTED: PasswordResetRequested = {
  message: 'If this address belongs to an account, an email with a link to choose a new password is on its way.',
};

function requireReset(ctx: GatewayContext) {
  const settings = ctx.accounts.passwordReset;
  const mail = ctx.accounts.mail;
  if (!ctx.sessions || !settings || !mail) throw new ForbiddenError('Password reset by email is not configured on this gateway.');
  return { settings, mail };
}

/** Issues a reset token for the developer with this email, if there is an active one, and queues the email. */
export async function requestPasswordReset(ctx: GatewayContext, emailInput: string): Promise<PasswordResetRequested> {
  const { settings, mail } = requireReset(ctx);
  const email = checkEmail(emailInput, 'email');
  if ((await ctx.loaders.portalConfiguration())?.disable_login) throw new ForbiddenError('Developer login is disabled in the portal.');
  await ctx.accounts.pacing.passwordReset.run(async () => {
    const developer = await ctx.loaders.developerByEmail.load(email);
    if (!developer || developer.inactive) {
      ctx.logger.info({ email: fingerprint(email.toLowerCase()) }, 'password reset asked for no active developer: nothing sent');
      return;
    }
    let token: string;
    try {
      token = await ctx.accounts.resetTokens.issue({ developerId: developer.id, orgId: developer.org_id, passwordUpdated: developer.password_updated });
    } catch (error) {
      // Answered as usual (the answer must not depend on the email); the operator sees why nothing came.
      ctx.logger.error({ developerId: developer.id, err: (error as Error).message }, 'password reset: the token store is unavailable, no email sent');
      return;
    }
    const minutes = String(Math.round(ctx.accounts.resetTokens.ttlMs / 60_000));
    mail.enqueue('password_reset', { to: developer.email, ...fill(settings.email, { portal: ctx.accounts.portalName, link: resetLink(settings.url, token), minutes }) });
    ctx.logger.info({ developerId: developer.id }, 'password reset email queued');
  });
  return REQUESTED;
}

/** Sets a new password with a reset token; the token works once, expires, and dies when the password changes by any route. */
export async function resetPassword(ctx: GatewayContext, token: string, newPassword: string): Promise<{ email: string }> {
  const password = checkPassword(newPassword, 'newPassword');
  let ticket;
  try {
    ticket = await ctx.accounts.resetTokens.take(token);
  } catch {
    throw new UpstreamError('UPSTREAM_UNAVAILABLE', 'The password reset store could not be reached; try again.');
  }
  if (!ticket) throw new InvalidResetTokenError();
  let developer: TykDeveloper;
  try {
    developer = await ctx.tyk().getDeveloper(ticket.developerId);
  } catch (error) {
    if (error instanceof TykNotFoundError) throw new InvalidResetTokenError();
    throw error;
  }
  // Another organisation's developer, a deactivated one, or a password changed since the email: the token is dead.
  if (developer.org_id !== ticket.orgId || developer.inactive || developer.password_updated !== ticket.passwordUpdated) throw new InvalidResetTokenError();
  await ctx.tyk().setDeveloperPassword(developer.id, password);
  ctx.loaders.developerById.clear(developer.id);
  ctx.logger.info({ developerId: developer.id }, 'developer password reset');
  return { email: developer.email };
}

/** Tells the owner of a taken email that someone tried to sign up with it (when email is configured). */
export function noticeTakenSignup(ctx: GatewayContext, email: string): void {
  ctx.accounts.mail?.enqueue('signup_notice', { to: email, ...fill(SIGNUP_NOTICE_EMAIL, { portal: ctx.accounts.portalName }) });
}
