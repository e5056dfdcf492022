/**
 * A labelled input with its error: the error is linked with aria-describedby and marks the input
 * invalid, so screen readers announce it with the field.
 */
import { useId, type InputHTMLAttributes } from 'react';

interface FormFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  /** The error to show under the input, if any. */
  error?: string | undefined;
  /** A hint under the label. */
  hint?: string;
}

export function FormField({ label, error, hint, id, ...input }: FormFieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      )}
      <input id={inputId} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {error && (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      )}
    </div>
  );
}

/** Input type and autofill for the custom fields the seeds' profile names; others are plain text. */
export function inputHintsFor(field: string): Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'autoComplete'> {
  const name = field.toLowerCase();
  if (name === 'telephone' || name === 'phone') return { type: 'tel', autoComplete: 'tel' };
  if (name === 'country') return { type: 'text', autoComplete: 'country-name' };
  if (name === 'company' || name === 'organisation' || name === 'organization') return { type: 'text', autoComplete: 'organization' };
  return { type: 'text' };
}
