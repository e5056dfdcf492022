/**
 * Developer sessions: `login` (the Dashboard checks the password) and `signup` (when the portal
 * allows it), each answering a session token unless the portal says otherwise. Upstream calls for
 * developers and anonymous callers carry the gateway's service credential.
 */
import type { GatewayContext } from '../context.js';
import { ForbiddenError, InvalidCredentialsError, ValidationError } from '../errors.js';
import { fingerprint } from '../principal.js';
import type { SessionTokens } from '../security/session-token.js';
import type { TykDeveloper } from '../tyk/wire.js';
import { emailTaken, NAME_FIELD, refreshDeveloper, type FieldInput } from './developers.js';
import { checkablePassword, checkEmail, checkFields, checkPassword } from './validation.js';

export interface SessionShape {
  token: string | null;
  expiresAt: Date | null;
  developer: TykDeveloper;
}

function requireSessions(ctx: GatewayContext): SessionTokens {
  if (!ctx.sessions) throw new ForbiddenError('Developer sessions are not configured on this gateway.');
  return ctx.sessions;
}

function sessionFor(tokens: SessionTokens, developer: TykDeveloper): SessionShape {
  const { token, expiresAt } = tokens.issue({ developerId: developer.id, orgId: developer.org_id });
  return { token, expiresAt, developer };
}

/** Logs a developer in; a wrong password and an unknown email both answer InvalidCredentialsError. */
export async function login(ctx: GatewayContext, emailInput: string, password: string): Promise<SessionShape> {
  const tokens = requireSessions(ctx);
  const email = checkEmail(emailInput, 'email');
  if (!checkablePassword(password)) throw new InvalidCredentialsError();
  if ((await ctx.loaders.portalConfiguration())?.disable_login) throw new ForbiddenError('Developer login is disabled in the portal.');
  const valid = await ctx.tyk().verifyDeveloperCredentials(email, password);
  const developer = valid ? await ctx.loaders.developerByEmail.load(email) : null;
  if (!developer) {
    ctx.logger.info({ email: fingerprint(email.toLowerCase()) }, 'developer login refused');
    throw new InvalidCredentialsError();
  }
  if (developer.inactive) throw new ForbiddenError('This developer account is inactive.');
  ctx.logger.info({ developerId: developer.id }, 'developer logged in');
  return sessionFor(tokens, developer);
}

export interface SignupInput {
  email: string;
  password: string;
  name?: string | null | undefined;
  fields?: readonly FieldInput[] | null | undefined;
}

/** Creates a developer account when the portal allows sign-up, and logs it in unless the portal says otherwise. */
export async function signup(ctx: GatewayContext, input: SignupInput): Promise<SessionShape> {
  const tokens = requireSessions(ctx);
  const email = checkEmail(input.email, 'input.email');
  const password = checkPassword(input.password, 'input.password');
  const fields = checkFields(input.fields ?? [], 'input.fields');
  const configuration = await ctx.loaders.portalConfiguration();
  if (configuration?.disable_signup) throw new ForbiddenError('Sign-up is disabled in the portal.');
  const asked = new Set(configuration?.signup_fields ?? []);
  Object.keys(fields).forEach((name, i) => {
    if (!asked.has(name)) throw new ValidationError(`The sign-up form has no field ${JSON.stringify(name)}.`, `input.fields[${i}].name`);
  });
  if (input.name != null) fields[NAME_FIELD] = input.name;
  if (await emailTaken(ctx, email)) throw new ValidationError('A developer with this email already exists.', 'input.email');
  const id = await ctx.tyk().createDeveloper({ email, password, fields, inactive: false });
  const developer = await refreshDeveloper(ctx, id);
  ctx.logger.info({ developerId: id }, 'developer signed up');
  if (configuration?.disable_auto_login) return { token: null, expiresAt: null, developer };
  return sessionFor(tokens, developer);
}
