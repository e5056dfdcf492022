/**
 * The developer's dashboard (as Tyk's portal has it): usage of the last 7 days over all keys, the
 * keys with their plans, rate limits and quota, and key requests awaiting approval.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { KeyCard } from '../components/KeyCard';
import { ErrorNotice, Loading, SuccessNotice } from '../components/Notice';
import { UsageChart } from '../components/UsageChart';
import { problemOfCombined } from '../errors';
import { formatDate, formatNumber } from '../format';
import { graphql } from '../gql';
import { useLive } from '../live';
import { usePageTitle } from '../usePageTitle';

const DashboardQuery = graphql(`
  query PortalDashboard {
    viewer {
      id
      email
      name
      usage(resolution: DAY) {
        start
        hits
        success
        error
      }
      usageSummary {
        hits
        success
        error
      }
      keys {
        id
        dateCreated
        expires
        rate
        per
        quota {
          max
          remaining
          renews
        }
        policies {
          id
          name
        }
      }
      keyRequests(approved: false) {
        id
        dateCreated
        policies {
          id
          name
        }
      }
    }
  }
`);

export function DashboardPage() {
  usePageTitle('Dashboard');
  const { keysVersion, keysChanged } = useLive();
  const [{ data, fetching, error, stale }, reexecute] = useQuery({ query: DashboardQuery, requestPolicy: 'cache-and-network' });
  const [revoked, setRevoked] = useState<string | null>(null);

  // Keys changed elsewhere (a live event, a request, a revocation): read them again.
  const seenVersion = useRef(keysVersion);
  useEffect(() => {
    if (seenVersion.current === keysVersion) return;
    seenVersion.current = keysVersion;
    reexecute({ requestPolicy: 'network-only' });
  }, [keysVersion, reexecute]);

  const viewer = data?.viewer;
  if (fetching && !data) return <Loading label="Loading your dashboard…" />;
  if (!viewer) return <ErrorNotice problem={error ? problemOfCombined(error) : { message: 'Your account could not be loaded.' }} />;

  const usage = viewer.usage ?? [];
  const totals = viewer.usageSummary ?? { hits: 0, success: 0, error: 0 };

  return (
    <>
      <h1>Welcome{viewer.name ? `, ${viewer.name}` : ''}</h1>
      {(stale || (fetching && data)) && <Loading label="Refreshing…" />}
      <ErrorNotice problem={error && problemOfCombined(error)} />

      <section aria-labelledby="usage-heading">
        <h2 id="usage-heading">Usage over the last 7 days</h2>
        <dl className="totals" aria-label="Totals over the last 7 days">
          <div>
            <dt>Requests</dt>
            <dd data-testid="total-hits">{formatNumber(totals.hits)}</dd>
          </div>
          <div>
            <dt>Successful</dt>
            <dd>{formatNumber(totals.success)}</dd>
          </div>
          <div>
            <dt>Errors</dt>
            <dd>{formatNumber(totals.error)}</dd>
          </div>
        </dl>
        <UsageChart title="Requests per day, all keys" buckets={usage} resolution="DAY" />
      </section>

      <section aria-labelledby="keys-heading">
        <div className="section-head">
          <h2 id="keys-heading">Your keys</h2>
          <Link className="button" to="/request-key">
            Request a key
          </Link>
        </div>
        {revoked && <SuccessNotice>Key …{revoked.slice(-6)} was revoked.</SuccessNotice>}
        {viewer.keys.length === 0 ? (
          <p>You have no keys yet. Pick an API in the <Link to="/">catalogue</Link> and request one.</p>
        ) : (
          <ul className="cards" aria-label="Keys">
            {viewer.keys.map((key) => (
              <KeyCard
                key={key.id}
                developerId={viewer.id}
                apiKey={key}
                onRevoked={(id) => {
                  setRevoked(id);
                  keysChanged();
                }}
              />
            ))}
          </ul>
        )}
      </section>

      {viewer.keyRequests.length > 0 && (
        <section aria-labelledby="requests-heading">
          <h2 id="requests-heading">Waiting for approval</h2>
          <ul className="plain-list" aria-label="Pending key requests">
            {viewer.keyRequests.map((request) => (
              <li key={request.id}>
                {request.policies.map((p) => p.name).join(', ') || 'Key request'}, requested {formatDate(request.dateCreated)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
