/**
 * The page the reset email links to (`/reset-password?token=…`): choose a new password. The token is
 * taken out of the address bar at once (it stays in this page's memory only), and the page sends no
 * referrer anywhere (the portal server's Referrer-Policy).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { FormField } from '../components/FormField';
import { ErrorNotice } from '../components/Notice';
import { isTypedError, problemOf, problemOfCombined, type Problem } from '../errors';
import { graphql } from '../gql';
import { useSession } from '../session';
import { usePageTitle } from '../usePageTitle';

const ResetPasswordMutation = graphql(`
  mutation PortalResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword) {
      __typename
      ... on PasswordResetPayload {
        email
      }
      ...PortalProblem
    }
  }
`);

const MIN_PASSWORD = 6;

export function ResetPasswordPage() {
  usePageTitle('Choose a new password');
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { session, end } = useSession();
  const [token] = useState(() => params.get('token') ?? '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [linkDead, setLinkDead] = useState(false);
  const [{ fetching }, reset] = useMutation(ResetPasswordMutation);

  useEffect(() => {
    if (params.has('token')) setParams({}, { replace: true });
  }, [params, setParams]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    if (password.length < MIN_PASSWORD) return setProblem({ message: `Choose a password of at least ${MIN_PASSWORD} characters.`, field: 'newPassword' });
    if (password !== confirm) return setProblem({ message: 'The two passwords are not the same.', field: 'confirm' });
    const result = await reset({ token, newPassword: password });
    if (result.error) return setProblem(problemOfCombined(result.error));
    const answer = result.data?.resetPassword;
    if (answer?.__typename === 'PasswordResetPayload') {
      // The reset ended every session of the account, this browser's included.
      if (session) end();
      void navigate('/login', { replace: true, state: { notice: 'Your password was changed. Log in with the new one.', email: answer.email } });
    } else if (answer?.__typename === 'InvalidResetTokenError') {
      setLinkDead(true);
    } else if (isTypedError(answer)) setProblem(problemOf(answer));
  }

  if (!token || linkDead) {
    return (
      <section className="narrow">
        <h1>Choose a new password</h1>
        <p className="notice notice-error" role="alert">
          {token ? 'This reset link does not work any more: it was used already, it expired, or the password was changed since it was sent.' : 'This page needs the link from your password reset email.'}
        </p>
        <p>
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="narrow">
      <h1>Choose a new password</h1>
      <form onSubmit={submit} noValidate>
        <FormField label="New password" type="password" name="newPassword" autoComplete="new-password" required hint={`At least ${MIN_PASSWORD} characters.`} value={password} onChange={(e) => setPassword(e.target.value)} error={problem?.field === 'newPassword' ? problem.message : undefined} />
        <FormField label="Confirm new password" type="password" name="confirm" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} error={problem?.field === 'confirm' ? problem.message : undefined} />
        <ErrorNotice problem={problem && !['newPassword', 'confirm'].includes(problem.field ?? '') ? problem : null} />
        <button type="submit" disabled={fetching}>
          {fetching ? 'Saving…' : 'Update password'}
        </button>
      </form>
    </section>
  );
}
