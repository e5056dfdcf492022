/**
 * Passwords and the end of sessions: `verifyDeveloperCredentials` (operators), `setDeveloperPassword`,
 * password reset by email (`requestPasswordReset`, `resetPassword`) and `logout`. A password change
 * by any route ends the developer's older sessions (SESSION_EXPIRED). The flows live in
 * src/domain/passwords.ts, password-reset.ts and sessions.ts.
 */
import { requestPasswordReset, resetPassword, type PasswordResetRequested } from '../domain/password-reset.js';
import { setDeveloperPassword, verifyDeveloperCredentials } from '../domain/passwords.js';
import { logout, type SessionShape } from '../domain/sessions.js';
import { InvalidResetTokenError } from '../errors.js';
import { MIN_PASSWORD_LENGTH } from '../tyk/contract.js';
import type { TykDeveloper } from '../tyk/wire.js';
import { builder } from './builder.js';
import { ErrorInterface, MUTATION_ERRORS, runMutation } from './error.js';
import { inputId } from './ids.js';
import { DeveloperRef } from './refs.js';
import { SessionRef } from './session.js';

const SetPasswordPayloadRef = builder.objectRef<{ developerId: string; session: SessionShape | null }>('SetDeveloperPasswordPayload');
SetPasswordPayloadRef.implement({
  description: 'A password change that took effect. The developer’s older sessions have ended.',
  fields: (t) => ({
    developerId: t.id({ description: 'Id of the developer whose password changed.', resolve: (p) => p.developerId }),
    session: t.field({
      type: SessionRef,
      nullable: true,
      description: 'For a developer that changed its own password: a new session (the one that sent this has ended with the others). Null for operators.',
      resolve: (p) => p.session,
    }),
  }),
});

const VerifyPayloadRef = builder.objectRef<{ valid: boolean; developer: TykDeveloper | null }>('VerifyDeveloperCredentialsPayload');
VerifyPayloadRef.implement({
  description: 'Whether an email and password match.',
  fields: (t) => ({
    valid: t.boolean({ description: 'True when the credentials match.', resolve: (p) => p.valid }),
    developer: t.field({ type: DeveloperRef, nullable: true, description: 'The developer, when the credentials match.', resolve: (p) => p.developer }),
  }),
});

const ResetRequestedRef = builder.objectRef<PasswordResetRequested>('PasswordResetRequested');
ResetRequestedRef.implement({
  description: 'A password reset was asked for. The same answer whether or not the email belongs to an account.',
  fields: (t) => ({ message: t.exposeString('message', { description: 'What happens next, safe to show to the person asking.' }) }),
});

const PasswordResetPayloadRef = builder.objectRef<{ email: string }>('PasswordResetPayload');
PasswordResetPayloadRef.implement({
  description: 'The password was reset; log in with the new one.',
  fields: (t) => ({ email: t.exposeString('email', { description: 'Email address of the account, to fill in the login form.' }) }),
});

const LogoutPayloadRef = builder.objectRef<{ loggedOut: true }>('LogoutPayload');
LogoutPayloadRef.implement({
  description: 'The session has ended.',
  fields: (t) => ({ loggedOut: t.boolean({ description: 'Always true: the token is refused from now on (SESSION_EXPIRED).', resolve: () => true }) }),
});

builder.objectType(InvalidResetTokenError, {
  name: 'InvalidResetTokenError',
  description: 'The reset link is unknown, used, expired, or dead because the password changed since it was sent (all answered alike).',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidResetTokenError,
  fields: () => ({}),
});

builder.mutationFields((t) => ({
  setDeveloperPassword: t.field({
    type: SetPasswordPayloadRef,
    authScopes: (_root, args) => ({ operator: true, self: String(args.id) }),
    description:
      'Sets a developer’s password. A developer changing its own password must also give the current one, and gets a new session. Older sessions of the developer end.',
    errors: { types: MUTATION_ERRORS, union: { name: 'SetDeveloperPasswordResult', description: 'The change or why it failed.' } },
    args: {
      id: t.arg.id({ required: true, description: 'Developer id.' }),
      password: t.arg.string({ required: true, description: `New password, at least ${MIN_PASSWORD_LENGTH} characters.` }),
      currentPassword: t.arg.string({ description: 'The current password; required when a developer changes its own.' }),
    },
    resolve: (_root, args, ctx) =>
      runMutation(() => setDeveloperPassword(ctx, inputId(args.id, 'id'), args.password, args.currentPassword), { resource: 'Developer', id: String(args.id) }),
  }),
  verifyDeveloperCredentials: t.field({
    type: VerifyPayloadRef,
    authScopes: { operator: true },
    description: 'Checks a developer’s email and password, as a custom portal’s login does (operators; developers use `login`).',
    errors: { types: MUTATION_ERRORS, union: { name: 'VerifyDeveloperCredentialsResult', description: 'The verdict or why none could be given.' } },
    args: {
      email: t.arg.string({ required: true, description: 'Email address.' }),
      password: t.arg.string({ required: true, description: 'Password.' }),
    },
    resolve: (_root, args, ctx) => runMutation(() => verifyDeveloperCredentials(ctx, args.email, args.password)),
  }),
  requestPasswordReset: t.field({
    type: ResetRequestedRef,
    authScopes: { public: true },
    description:
      'Emails a link to choose a new password to the developer with this address, if there is one. Answers the same, in the same time, whether or not there is; limited per email and per address.',
    errors: { types: MUTATION_ERRORS, union: { name: 'RequestPasswordResetResult', description: 'The request was accepted, or why it was refused.' } },
    args: { email: t.arg.string({ required: true, description: 'Email address of the account.' }) },
    resolve: (_root, args, ctx) => runMutation(() => requestPasswordReset(ctx, args.email)),
  }),
  resetPassword: t.field({
    type: PasswordResetPayloadRef,
    authScopes: { public: true },
    description:
      'Sets a new password with the token from a reset email. The token works once, expires, and stops working when the password changes by any route; the developer’s sessions end.',
    errors: {
      types: [InvalidResetTokenError, ...MUTATION_ERRORS],
      union: { name: 'ResetPasswordResult', description: 'The reset, or why the password was not changed.' },
    },
    args: {
      token: t.arg.string({ required: true, description: 'The token from the reset link (`token=`).' }),
      newPassword: t.arg.string({ required: true, description: `New password, at least ${MIN_PASSWORD_LENGTH} characters.` }),
    },
    resolve: (_root, args, ctx) => runMutation(() => resetPassword(ctx, args.token, args.newPassword)),
  }),
  logout: t.field({
    type: LogoutPayloadRef,
    authScopes: { developer: true },
    description: 'Ends the calling developer’s session: its token is refused from now on, on every replica sharing the account store.',
    errors: { types: MUTATION_ERRORS, union: { name: 'LogoutResult', description: 'The end of the session, or why it could not end.' } },
    resolve: (_root, _args, ctx) => runMutation(async () => (await logout(ctx), { loggedOut: true as const })),
  }),
}));
