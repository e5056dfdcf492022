/** Messages in the page: errors (role=alert, read out at once), confirmations and loading states (role=status). */
import type { ReactNode } from 'react';
import type { Problem } from '../errors';

export function ErrorNotice({ problem }: { problem: Problem | null | undefined }) {
  if (!problem) return null;
  return (
    <p className="notice notice-error" role="alert">
      {problem.message}
    </p>
  );
}

export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice-success" role="status">
      {children}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}
