/**
 * Developer sessions: `login` (the Dashboard checks the password) and `signup` (when the portal
 * allows it). Upstream calls for developers and anonymous callers carry the gateway's service
 * credential.
 *
 * Neither tells which emails are registered: a wrong password and an unknown email answer the same
 * error, a sign-up for a taken email answers `SignupAccepted` as a sign-up that opens no session
 * does, and both flows answer in uniform time (ctx.pacing, src/security/uniform-duration.ts).
 */
import type { GatewayContext } from '../context.js';
import { ForbiddenError, InvalidCredentialsError } from '../errors.js';
import { TykBadRequestError } from '../tyk/errors.js';
import { fingerprint } from '../principal.js';
import type { SessionClaims, SessionTokens } from '../security/session-token.js';
import type { TykDeveloper } from '../tyk/wire.js';
import { emailTaken, NAME_FIELD, refreshDeveloper } from './developers.js';
import { noticeTakenSignup } from './password-reset.js';
import { profileFields, requireFormFields, type ProfileInput } from './profile.js';
import { checkablePassword, checkEmail, checkPassword } from './validation.js';

export interface SessionShape {
  token: string | null;
  expiresAt: Date | null;
  developer: TykDeveloper;
}

/**
 * A sign-up that opens no session: the portal does not log new developers in automatically, or the
 * email is taken (answered alike, so a sign-up tells no one which emails are registered). An Error
 * subclass only because Pothos' errors plugin picks result-union members by class.
 */
export class SignupAccepted extends Error {
  constructor() {
    super('The sign-up was received. Log in with the email address and password, or follow the email sent to the address.');
    this.name = 'SignupAccepted';
  }
}

function requireSessions(ctx: GatewayContext): SessionTokens {
  if (!ctx.sessions) throw new ForbiddenError('Developer sessions are not configured on this gateway.');
  return ctx.sessions;
}

function sessionFor(tokens: SessionTokens, developer: TykDeveloper): SessionShape {
  const { token, expiresAt } = tokens.issue({ developerId: developer.id, orgId: developer.org_id, passwordUpdated: developer.password_updated });
  return { token, expiresAt, developer };
}

/** A new session for a developer (after it changed its own password, which ended the others). */
export function openSession(ctx: GatewayContext, developer: TykDeveloper): SessionShape {
  return sessionFor(requireSessions(ctx), developer);
}

/** Whether the developer's password changed after the session was issued (by any route: the gateway, Tyk's UI, a reset). */
function passwordChangedSince(developer: TykDeveloper, session: SessionClaims): boolean {
  if (session.passwordUpdated !== undefined) return developer.password_updated !== session.passwordUpdated;
  // A token that did not record it: compare times, to the second the token knows.
  const changed = Date.parse(developer.password_updated);
  return !Number.isNaN(changed) && changed >= session.issuedAt.getTime() + 1_000;
}

/**
 * Whether a developer's session still holds: not logged out, and issued after the developer's last
 * password change. Reads the developer through the request's loader (the read the auth scopes make
 * anyway) and the logged-out sessions. A developer that no longer exists is left to the auth
 * scopes (it sees nothing).
 */
export async function sessionHolds(ctx: GatewayContext): Promise<boolean> {
  const principal = ctx.principal;
  if (principal.kind !== 'developer') return true;
  const [revoked, developer] = await Promise.all([
    ctx.accounts.revocations.isRevoked(principal.session.tokenId),
    // A failed read is left to the fields that need the developer: they answer it with its code.
    ctx.loaders.developerById.load(principal.developerId).catch(() => null),
  ]);
  if (revoked) return false;
  return !developer || !passwordChangedSince(developer, principal.session);
}

/** Ends the calling developer's session (this token only; others end when the password changes). */
export async function logout(ctx: GatewayContext): Promise<void> {
  const principal = ctx.principal;
  if (principal.kind !== 'developer') throw new ForbiddenError('Only a developer session can be logged out.');
  await ctx.accounts.revocations.revoke(principal.session.tokenId, principal.session.expiresAt);
  ctx.logger.info({ developerId: principal.developerId }, 'developer logged out');
}

/** Logs a developer in; a wrong password and an unknown email both answer InvalidCredentialsError. */
export async function login(ctx: GatewayContext, emailInput: string, password: string): Promise<SessionShape> {
  const tokens = requireSessions(ctx);
  const email = checkEmail(emailInput, 'email');
  if (!checkablePassword(password)) throw new InvalidCredentialsError();
  if ((await ctx.loaders.portalConfiguration())?.disable_login) throw new ForbiddenError('Developer login is disabled in the portal.');
  // The Dashboard compares a hash for a registered email only: answer every outcome in uniform time.
  const developer = await ctx.accounts.pacing.login.run(async () => {
    const valid = await ctx.tyk().verifyDeveloperCredentials(email, password);
    return valid ? ctx.loaders.developerByEmail.load(email) : null;
  });
  if (!developer) {
    ctx.logger.info({ email: fingerprint(email.toLowerCase()) }, 'developer login refused');
    throw new InvalidCredentialsError();
  }
  if (developer.inactive) throw new ForbiddenError('This developer account is inactive.');
  ctx.logger.info({ developerId: developer.id }, 'developer logged in');
  return sessionFor(tokens, developer);
}

export interface SignupInput extends ProfileInput {
  email: string;
  password: string;
  name?: string | null | undefined;
}

/**
 * Creates a developer account when the portal allows sign-up. Answers a session when the portal logs
 * new developers in, `SignupAccepted` otherwise and whenever the email is already registered (then
 * nothing is created), in uniform time either way.
 */
export async function signup(ctx: GatewayContext, input: SignupInput): Promise<SessionShape | SignupAccepted> {
  const tokens = requireSessions(ctx);
  const email = checkEmail(input.email, 'input.email');
  const password = checkPassword(input.password, 'input.password');
  const { fields, paths } = profileFields(input, 'input');
  const configuration = await ctx.loaders.portalConfiguration();
  if (configuration?.disable_signup) throw new ForbiddenError('Sign-up is disabled in the portal.');
  requireFormFields(paths, configuration?.signup_fields ?? []);
  if (input.name != null) fields[NAME_FIELD] = input.name;
  const developer = await ctx.accounts.pacing.signup.run(() => createUnlessTaken(ctx, { email, password, fields, inactive: false }));
  if (!developer) {
    ctx.logger.info({ email: fingerprint(email.toLowerCase()) }, 'sign-up for a registered email: nothing created');
    noticeTakenSignup(ctx, email);
    return new SignupAccepted();
  }
  ctx.logger.info({ developerId: developer.id }, 'developer signed up');
  if (configuration?.disable_auto_login) return new SignupAccepted();
  return sessionFor(tokens, developer);
}

/** Creates the developer and reads it back; null when the email is taken (also when it was taken meanwhile). */
async function createUnlessTaken(ctx: GatewayContext, record: { email: string; password: string; fields: Record<string, string>; inactive: boolean }): Promise<TykDeveloper | null> {
  if (await emailTaken(ctx, record.email)) return null;
  try {
    return await refreshDeveloper(ctx, await ctx.tyk().createDeveloper(record));
  } catch (error) {
    // Another sign-up may have taken the email since the check: Tyk refuses it, and so do we, quietly.
    if (!(error instanceof TykBadRequestError)) throw error;
    ctx.loaders.developerByEmail.clear(record.email);
    if (await emailTaken(ctx, record.email)) return null;
    throw error;
  }
}
