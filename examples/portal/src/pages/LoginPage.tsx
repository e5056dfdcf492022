/** Log in with email and password; the session token is kept until it expires or the developer logs out. */
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { FormField } from '../components/FormField';
import { ErrorNotice, SuccessNotice } from '../components/Notice';
import { isTypedError, problemOf, problemOfCombined, type Problem } from '../errors';
import { graphql } from '../gql';
import { useSession } from '../session';
import { usePageTitle } from '../usePageTitle';

const LoginMutation = graphql(`
  mutation PortalLogin($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      __typename
      ...PortalSession
      ...PortalProblem
    }
  }
`);

interface LoginState {
  from?: string;
  notice?: string;
  email?: string;
}

export function LoginPage() {
  usePageTitle('Log in');
  const { session, start, endedReason } = useSession();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as LoginState;
  const [email, setEmail] = useState(state.email ?? '');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [{ fetching }, login] = useMutation(LoginMutation);

  if (session) return <Navigate to={state.from ?? '/dashboard'} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const result = await login({ email: email.trim(), password });
    if (result.error) return setProblem(problemOfCombined(result.error));
    const answer = result.data?.login;
    if (answer?.__typename === 'Session' && answer.token) {
      start({ token: answer.token, expiresAt: answer.expiresAt ?? null, email: answer.developer.email });
      void navigate(state.from ?? '/dashboard', { replace: true });
    } else if (isTypedError(answer)) {
      setProblem(problemOf(answer));
    }
  }

  return (
    <section className="narrow">
      <h1>Log in</h1>
      {state.notice && <SuccessNotice>{state.notice}</SuccessNotice>}
      {endedReason && !state.notice && <p className="notice notice-info">{endedReason}</p>}
      <form onSubmit={submit} noValidate aria-describedby={problem ? 'login-problem' : undefined}>
        <FormField label="Email" type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={problem?.field === 'email' ? problem.message : undefined} />
        <FormField label="Password" type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <div id="login-problem">
          <ErrorNotice problem={problem && problem.field !== 'email' ? problem : null} />
        </div>
        <button type="submit" disabled={fetching}>
          {fetching ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link to="/signup">Create an account</Link>.
      </p>
    </section>
  );
}
