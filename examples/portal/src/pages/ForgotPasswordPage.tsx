/**
 * "Forgot your password?": the gateway emails a reset link if the address has an account, and answers
 * the same either way (so this page cannot tell anyone whether an address is registered).
 */
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useMutation } from 'urql';
import { FormField } from '../components/FormField';
import { ErrorNotice, SuccessNotice } from '../components/Notice';
import { isTypedError, problemOf, problemOfCombined, type Problem } from '../errors';
import { graphql } from '../gql';
import { usePageTitle } from '../usePageTitle';

const RequestPasswordResetMutation = graphql(`
  mutation PortalRequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email) {
      __typename
      ... on PasswordResetRequested {
        message
      }
      ...PortalProblem
    }
  }
`);

export function ForgotPasswordPage() {
  usePageTitle('Reset your password');
  const state = (useLocation().state ?? {}) as { email?: string; notice?: string };
  const [email, setEmail] = useState(state.email ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [{ fetching }, request] = useMutation(RequestPasswordResetMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const result = await request({ email: email.trim() });
    if (result.error) return setProblem(problemOfCombined(result.error));
    const answer = result.data?.requestPasswordReset;
    if (answer?.__typename === 'PasswordResetRequested') setSent(answer.message);
    else if (isTypedError(answer)) setProblem(problemOf(answer));
  }

  return (
    <section className="narrow">
      <h1>Reset your password</h1>
      {state.notice && <p className="notice notice-info">{state.notice}</p>}
      {sent ? (
        <SuccessNotice>
          <p>{sent}</p>
          <p>The link expires soon and works once. Check your spam folder if nothing arrives.</p>
        </SuccessNotice>
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="lead">Enter the email address of your account and we will send you a link to choose a new password.</p>
          <FormField label="Email" type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={problem?.field === 'email' ? problem.message : undefined} />
          <ErrorNotice problem={problem && problem.field !== 'email' ? problem : null} />
          <button type="submit" disabled={fetching}>
            {fetching ? 'Sending…' : 'Send password reset email'}
          </button>
        </form>
      )}
      <p>
        <Link to="/login">Back to log in</Link>
      </p>
    </section>
  );
}
