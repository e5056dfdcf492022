/** A secret shown in the page (a new key, an OAuth client secret), with a copy button. */
import { useState } from 'react';

export function SecretValue({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  return (
    <div className="secret">
      <span className="secret-label">{label}</span>
      <code className="secret-value" data-testid="secret-value">
        {value}
      </code>
      <button
        type="button"
        className="button-secondary"
        onClick={() => {
          navigator.clipboard
            ?.writeText(value)
            .then(() => setCopied('yes'))
            .catch(() => setCopied('failed'));
        }}
      >
        Copy<span className="visually-hidden"> {label}</span>
      </button>
      <span role="status" className="hint">
        {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Copying is not allowed here: select the text instead.' : ''}
      </span>
    </div>
  );
}
