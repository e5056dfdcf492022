import { usePageTitle } from '../usePageTitle';

export function ResetPasswordPage() {
  usePageTitle('Reset your password');
  return (
    <section className="narrow">
      <h1>Reset your password</h1>
      <p>Password reset is not available yet.</p>
    </section>
  );
}
