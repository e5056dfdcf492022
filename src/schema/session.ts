/**
 * `Session`: what `login` and `signup` return (a session token), and `viewer`, the logged-in
 * developer's entry to its own profile, keys, usage, key requests and OAuth clients. The flows
 * themselves live in src/domain/sessions.ts.
 */
import { login, signup, SignupAccepted, type SessionShape } from '../domain/sessions.js';
import { InvalidCredentialsError } from '../errors.js';
import { activeDeveloper } from './auth.js';
import { builder } from './builder.js';
import { CustomFieldInputRef } from './custom-field.js';
import { MUTATION_ERRORS, runMutation } from './error.js';
import { DeveloperRef } from './refs.js';
import { MIN_PASSWORD_LENGTH } from '../tyk/contract.js';

export const SessionRef = builder.objectRef<SessionShape>('Session');
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

builder.objectType(SignupAccepted, {
  name: 'SignupAccepted',
  description:
    'A sign-up that opened no session: the portal does not log new developers in automatically, or the email is already registered (nothing is created then). Both answer alike, so a sign-up tells no one which emails are registered.',
  isTypeOf: (value) => value instanceof SignupAccepted,
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What happens next, safe to show to the person signing up.' }),
  }),
});

const SignupInput = builder.inputType('SignupInput', {
  description: 'A new developer account, created by the developer itself.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'Email address; used to log in.' }),
    password: t.string({ required: true, description: `Password, at least ${MIN_PASSWORD_LENGTH} characters.` }),
    name: t.string({ description: 'Display name.' }),
    telephone: t.string({ description: 'Telephone, when the portal’s sign-up form has a `Telephone` field.' }),
    country: t.string({ description: 'Country, when the portal’s sign-up form has a `Country` field.' }),
    fields: t.field({ type: [CustomFieldInputRef], description: 'Answers to the portal’s sign-up form (only the fields it asks for; the error names them).' }),
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
    resolve: (_root, args, ctx) => runMutation(() => login(ctx, args.email, args.password)),
  }),
  signup: t.field({
    type: SessionRef,
    authScopes: { public: true },
    description:
      'Creates a developer account, when the portal allows sign-up, and logs it in unless the portal says otherwise (`SignupAccepted` then). A taken email also answers `SignupAccepted` and creates nothing, in the same time as a sign-up that created an account.',
    errors: {
      types: [SignupAccepted, ...MUTATION_ERRORS],
      union: { name: 'SignupResult', description: 'The new session, an accepted sign-up without a session, or why the input was refused.' },
    },
    args: { input: t.arg({ type: SignupInput, required: true, description: 'The new account.' }) },
    resolve: (_root, { input }, ctx) =>
      runMutation(async () => {
        const outcome = await signup(ctx, input);
        // The errors plugin answers a thrown union member as that member.
        if (outcome instanceof SignupAccepted) throw outcome;
        return outcome;
      }),
  }),
}));
