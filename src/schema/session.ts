/**
 * Developer sessions: `login` and `signup` (which return a session token), and `viewer`, the
 * logged-in developer's entry to its own profile, keys, usage, key requests and OAuth clients.
 * Upstream calls for developers and anonymous callers carry the gateway's service credential.
 */
import type { GatewayContext } from '../context.js';
import { ForbiddenError, InvalidCredentialsError, ValidationError } from '../errors.js';
import { fingerprint } from '../principal.js';
import type { SessionTokens } from '../security/session-token.js';
import type { TykDeveloper } from '../tyk/wire.js';
import { activeDeveloper } from './auth.js';
import { builder } from './builder.js';
import { checkFields, CustomFieldInputRef } from './custom-field.js';
import { checkEmail, checkPassword, emailTaken, NAME_FIELD } from './developer.js';
import { MUTATION_ERRORS, runMutation } from './error.js';
import { refreshDeveloper } from './key.js';
import { DeveloperRef } from './refs.js';
import { MIN_PASSWORD_LENGTH } from '../tyk/contract.js';

interface SessionShape {
  token: string | null;
  expiresAt: Date | null;
  developer: TykDeveloper;
}

const SessionRef = builder.objectRef<SessionShape>('Session');
SessionRef.implement({
  description: 'A developer session: send `token` as `Authorization: Bearer <token>` until `expiresAt`.',
  fields: (t) => ({
    token: t.string({
      nullable: true,
      description: 'The session token; null after a sign-up when the portal does not log new developers in automatically.',
      resolve: (s) => s.token,
    }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, description: 'When the token stops working.', resolve: (s) => s.expiresAt }),
    developer: t.field({
      type: DeveloperRef,
      // The caller is not yet the developer in this request: grant its profile, nothing below it.
      grantScopes: ['sessionOwner'],
      description: 'The developer’s profile. Its keys, usage and clients are read through `viewer` with the token.',
      resolve: (s) => s.developer,
    }),
  }),
});

function requireSessions(ctx: GatewayContext): SessionTokens {
  if (!ctx.sessions) throw new ForbiddenError('Developer sessions are not configured on this gateway.');
  return ctx.sessions;
}

function sessionFor(tokens: SessionTokens, developer: TykDeveloper): SessionShape {
  const { token, expiresAt } = tokens.issue({ developerId: developer.id, orgId: developer.org_id });
  return { token, expiresAt, developer };
}

const SignupInput = builder.inputType('SignupInput', {
  description: 'A new developer account, created by the developer itself.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'Email address; used to log in.' }),
    password: t.string({ required: true, description: `Password, at least ${MIN_PASSWORD_LENGTH} characters.` }),
    name: t.string({ description: 'Display name.' }),
    fields: t.field({ type: [CustomFieldInputRef], description: 'Answers to the portal’s sign-up form (only the fields it asks for).' }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: DeveloperRef,
    nullable: true,
    authScopes: { public: true },
    description: 'The logged-in developer (from the session token); null for operators and anonymous callers, and once the account is deactivated.',
    resolve: (_root, _args, ctx) => activeDeveloper(ctx),
  }),
);

builder.mutationFields((t) => ({
  login: t.field({
    type: SessionRef,
    authScopes: { public: true },
    description: 'Logs a developer in with email and password (checked by the Dashboard) and returns a session token.',
    errors: {
      types: [InvalidCredentialsError, ...MUTATION_ERRORS],
      union: { name: 'LoginResult', description: 'A session, or why none was opened.' },
    },
    args: {
      email: t.arg.string({ required: true, description: 'Email address.' }),
      password: t.arg.string({ required: true, description: 'Password.' }),
    },
    resolve: (_root, args, ctx) =>
      runMutation(async () => {
        const tokens = requireSessions(ctx);
        const email = checkEmail(args.email, 'email');
        if (args.password.length === 0 || args.password.length > 1024) throw new InvalidCredentialsError();
        if ((await ctx.loaders.portalConfiguration())?.disable_login) throw new ForbiddenError('Developer login is disabled in the portal.');
        const valid = await ctx.tyk().verifyDeveloperCredentials(email, args.password);
        const developer = valid ? await ctx.loaders.developerByEmail.load(email) : null;
        if (!developer) {
          ctx.logger.info({ email: fingerprint(email.toLowerCase()) }, 'developer login refused');
          throw new InvalidCredentialsError();
        }
        if (developer.inactive) throw new ForbiddenError('This developer account is inactive.');
        ctx.logger.info({ developerId: developer.id }, 'developer logged in');
        return sessionFor(tokens, developer);
      }),
  }),
  signup: t.field({
    type: SessionRef,
    authScopes: { public: true },
    description: 'Creates a developer account, when the portal allows sign-up, and logs it in unless the portal says otherwise.',
    errors: { types: MUTATION_ERRORS, union: { name: 'SignupResult', description: 'The new session, or why the account was not created.' } },
    args: { input: t.arg({ type: SignupInput, required: true, description: 'The new account.' }) },
    resolve: (_root, { input }, ctx) =>
      runMutation(async () => {
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
      }),
  }),
}));
