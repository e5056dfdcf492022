/**
 * Sign up with the portal's own sign-up form: email, password, name and the custom fields the portal
 * configuration asks for (`signupFields`). The gateway logs the new developer in unless the portal
 * says otherwise.
 */
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { FormField, inputHintsFor } from '../components/FormField';
import { ErrorNotice, Loading } from '../components/Notice';
import { isTypedError, problemOf, problemOfCombined, type Problem } from '../errors';
import { graphql } from '../gql';
import { useSession } from '../session';
import { usePageTitle } from '../usePageTitle';

const SignupFormQuery = graphql(`
  query PortalSignupForm {
    portalConfiguration {
      disableSignup
      signupFields
    }
  }
`);

const SignupMutation = graphql(`
  mutation PortalSignup($input: SignupInput!) {
    signup(input: $input) {
      __typename
      ...PortalSession
      ...PortalProblem
    }
  }
`);

/** The minimum the gateway (and Tyk's portal) accepts. */
const MIN_PASSWORD = 6;

export function SignupPage() {
  usePageTitle('Sign up');
  const { session, start } = useSession();
  const navigate = useNavigate();
  // Paused once signed up: the new session's client would otherwise read the form again on the way out.
  const [{ data, fetching: loadingForm, error: formError }] = useQuery({ query: SignupFormQuery, pause: !!session });
  const [values, setValues] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [{ fetching }, signup] = useMutation(SignupMutation);

  if (session) return <Navigate to="/dashboard" replace />;
  const configuration = data?.portalConfiguration;
  const customFields = configuration?.signupFields ?? [];
  const value = (name: string) => values[name] ?? '';
  const set = (name: string) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [name]: e.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    if (value('password').length < MIN_PASSWORD) return setProblem({ message: `Choose a password of at least ${MIN_PASSWORD} characters.`, field: 'password' });
    if (value('password') !== value('confirm')) return setProblem({ message: 'The two passwords are not the same.', field: 'confirm' });
    const fields = customFields.map((name) => ({ name, value: value(`field:${name}`).trim() })).filter((f) => f.value !== '');
    const result = await signup({ input: { email: value('email').trim(), password: value('password'), name: value('name').trim() || null, fields } });
    if (result.error) return setProblem(problemOfCombined(result.error));
    const answer = result.data?.signup;
    if (answer?.__typename === 'Session') {
      if (answer.token) {
        start({ token: answer.token, expiresAt: answer.expiresAt ?? null, email: answer.developer.email });
        void navigate('/dashboard', { replace: true });
      } else {
        void navigate('/login', { state: { notice: 'Your account is ready. Log in to continue.', email: answer.developer.email } });
      }
    } else if (isTypedError(answer)) {
      setProblem(problemOf(answer));
    }
  }

  const fieldError = (name: string) => (problem?.field === name ? problem.message : undefined);
  const formProblem = problem && !['email', 'password', 'confirm', 'name'].includes(problem.field ?? '') ? problem : null;

  if (loadingForm && !data) return <Loading label="Loading the sign-up form…" />;
  if (configuration?.disableSignup) {
    return (
      <section className="narrow">
        <h1>Sign up</h1>
        <p>This portal does not accept new sign-ups. Ask the API team for an account, or <Link to="/login">log in</Link>.</p>
      </section>
    );
  }

  return (
    <section className="narrow">
      <h1>Create your developer account</h1>
      <ErrorNotice problem={formError && problemOfCombined(formError)} />
      <form onSubmit={submit} noValidate>
        <FormField label="Email" type="email" name="email" autoComplete="email" required value={value('email')} onChange={set('email')} error={fieldError('email')} />
        <FormField label="Name" name="name" autoComplete="name" value={value('name')} onChange={set('name')} error={fieldError('name')} />
        {customFields.map((name) => (
          <FormField key={name} label={name} name={`field:${name}`} {...inputHintsFor(name)} value={value(`field:${name}`)} onChange={set(`field:${name}`)} />
        ))}
        <FormField label="Password" type="password" name="password" autoComplete="new-password" required hint={`At least ${MIN_PASSWORD} characters.`} value={value('password')} onChange={set('password')} error={fieldError('password')} />
        <FormField label="Confirm password" type="password" name="confirm" autoComplete="new-password" required value={value('confirm')} onChange={set('confirm')} error={fieldError('confirm')} />
        <ErrorNotice problem={formProblem} />
        <button type="submit" disabled={fetching}>
          {fetching ? 'Creating your account…' : 'Sign up'}
        </button>
      </form>
      <p>
        Already have an account? <Link to="/login">Log in</Link>.
      </p>
    </section>
  );
}
