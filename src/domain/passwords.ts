/**
 * Password checks and changes: verify an email and password (operators), set a password (an
 * operator, or a developer that proves it knows its current one).
 */
import type { GatewayContext } from '../context.js';
import { ValidationError } from '../errors.js';
import type { TykDeveloper } from '../tyk/wire.js';
import { refreshDeveloper, requireDeveloper } from './developers.js';
import { openSession, type SessionShape } from './sessions.js';
import { checkablePassword, checkEmail, checkPassword } from './validation.js';

/** A developer changing its own password proves it knows the current one (a stolen session alone is not enough). */
async function requireCurrentPassword(ctx: GatewayContext, email: string, currentPassword: string | null | undefined): Promise<void> {
  if (!currentPassword) throw new ValidationError('Give the current password to change it.', 'currentPassword');
  if (!checkablePassword(currentPassword) || !(await ctx.tyk().verifyDeveloperCredentials(email, currentPassword))) {
    throw new ValidationError('The current password is not correct.', 'currentPassword');
  }
}

/** Whether an email and password match a developer (and which one). */
export async function verifyDeveloperCredentials(ctx: GatewayContext, emailInput: string, password: string): Promise<{ valid: boolean; developer: TykDeveloper | null }> {
  const email = checkEmail(emailInput, 'email');
  if (!checkablePassword(password)) return { valid: false, developer: null };
  const valid = await ctx.tyk().verifyDeveloperCredentials(email, password);
  return { valid, developer: valid ? await ctx.loaders.developerByEmail.load(email) : null };
}

/**
 * Sets a developer's password; a developer changing its own must also give the current one. Every
 * session of the developer issued before the change ends (SESSION_EXPIRED); a developer that
 * changed its own gets a new session in the result.
 */
export async function setDeveloperPassword(
  ctx: GatewayContext,
  id: string,
  passwordInput: string,
  currentPassword: string | null | undefined,
): Promise<{ developerId: string; session: SessionShape | null }> {
  const password = checkPassword(passwordInput, 'password');
  const developer = await requireDeveloper(ctx, id);
  const self = ctx.principal.kind === 'developer';
  if (self) await requireCurrentPassword(ctx, developer.email, currentPassword);
  await ctx.tyk().setDeveloperPassword(id, password);
  ctx.logger.info({ developerId: id, by: ctx.principal.kind }, 'developer password changed');
  return { developerId: id, session: self ? openSession(ctx, await refreshDeveloper(ctx, id)) : null };
}
