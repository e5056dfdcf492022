/**
 * One key on the dashboard: its plans, rate limit, quota left (as a bar), and the actions on it.
 * Revoking asks for a confirmation first, in the page (no browser dialog), so it works by keyboard.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { isTypedError, problemOf, problemOfCombined, type Problem } from '../errors';
import { formatDate, formatRate } from '../format';
import { graphql } from '../gql';
import { ErrorNotice } from './Notice';
import { QuotaBar } from './QuotaBar';

const RevokeKeyMutation = graphql(`
  mutation PortalRevokeKey($developerId: ID!, $keyId: ID!) {
    revokeKey(developerId: $developerId, keyId: $keyId) {
      __typename
      ... on RevokeKeyPayload {
        revokedKeyId
      }
      ...PortalProblem
    }
  }
`);

export interface KeyCardKey {
  id: string;
  dateCreated?: string | null;
  expires?: string | null;
  rate?: number | null;
  per?: number | null;
  quota?: { max?: number | null; remaining: number; renews?: string | null } | null;
  policies: readonly { id: string; name: string }[];
}

/** How a key is named in the page: its plans and the end of its id (the id is a hash, not the key). */
export function keyLabel(key: { id: string; policies: readonly { name: string }[] }): string {
  const plans = key.policies.map((p) => p.name).join(' + ') || 'Key';
  return `${plans} (…${key.id.slice(-6)})`;
}

export function KeyCard({ developerId, apiKey, onRevoked }: { developerId: string; apiKey: KeyCardKey; onRevoked: (id: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [{ fetching }, revoke] = useMutation(RevokeKeyMutation);
  const label = keyLabel(apiKey);

  async function confirmRevoke() {
    setProblem(null);
    const result = await revoke({ developerId, keyId: apiKey.id });
    if (result.error) return setProblem(problemOfCombined(result.error));
    const answer = result.data?.revokeKey;
    if (answer?.__typename === 'RevokeKeyPayload') onRevoked(answer.revokedKeyId);
    else if (isTypedError(answer)) setProblem(problemOf(answer));
  }

  return (
    <li className="card key-card" data-key-id={apiKey.id}>
      <h3>{label}</h3>
      <dl className="facts">
        <div>
          <dt>Rate limit</dt>
          <dd>{formatRate(apiKey.rate, apiKey.per)}</dd>
        </div>
        <div>
          <dt>Issued</dt>
          <dd>{formatDate(apiKey.dateCreated)}</dd>
        </div>
        <div>
          <dt>Expires</dt>
          <dd>{apiKey.expires ? formatDate(apiKey.expires) : 'Never'}</dd>
        </div>
        {apiKey.quota?.renews && (
          <div>
            <dt>Quota renews</dt>
            <dd>{formatDate(apiKey.quota.renews)}</dd>
          </div>
        )}
      </dl>
      {apiKey.quota && <QuotaBar remaining={apiKey.quota.remaining} max={apiKey.quota.max} label={`Quota left on ${label}`} />}
      <ErrorNotice problem={problem} />
      <div className="actions">
        <Link className="button button-secondary" to={`/keys/${encodeURIComponent(apiKey.id)}`}>
          Analytics<span className="visually-hidden"> for {label}</span>
        </Link>
        {confirming ? (
          <>
            <span className="confirm-text">Revoke this key? Calls with it will fail at once.</span>
            <button type="button" className="button-danger" onClick={confirmRevoke} disabled={fetching}>
              {fetching ? 'Revoking…' : 'Yes, revoke'}
            </button>
            <button type="button" className="button-secondary" onClick={() => setConfirming(false)} disabled={fetching}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" className="button-secondary" onClick={() => setConfirming(true)}>
            Revoke<span className="visually-hidden"> {label}</span>
          </button>
        )}
      </div>
    </li>
  );
}
