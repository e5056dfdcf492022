/**
 * Analytics of one key, by hour (last 24 hours), day (last 30 days) or month (last 12 months).
 * The root `key` field answers a developer's own keys (any other id is null), so the page reads
 * the usage of the one key it shows: one upstream usage call.
 */
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { keyLabel } from '../components/KeyCard';
import { ErrorNotice, Loading } from '../components/Notice';
import { UsageChart } from '../components/UsageChart';
import { problemOfCombined } from '../errors';
import { graphql } from '../gql';
import type { UsageResolution } from '../gql/graphql';
import { usePageTitle } from '../usePageTitle';

const KeyAnalyticsQuery = graphql(`
  query PortalKeyAnalytics($keyId: ID!, $resolution: UsageResolution!, $from: DateTime!, $to: DateTime!) {
    key(id: $keyId) {
      id
      policies {
        id
        name
      }
      usage(resolution: $resolution, from: $from, to: $to) {
        start
        hits
        success
        error
      }
    }
  }
`);

const RANGES: { resolution: UsageResolution; label: string; title: string }[] = [
  { resolution: 'HOUR', label: 'By hour', title: 'Requests per hour, last 24 hours' },
  { resolution: 'DAY', label: 'By day', title: 'Requests per day, last 30 days' },
  { resolution: 'MONTH', label: 'By month', title: 'Requests per month, last 12 months' },
];

/** The range each resolution shows, ending now (UTC, as the gateway's buckets). */
function rangeFor(resolution: UsageResolution, now: Date): { from: string; to: string } {
  const from = new Date(now);
  if (resolution === 'HOUR') from.setUTCHours(from.getUTCHours() - 23, 0, 0, 0);
  else if (resolution === 'DAY') from.setUTCDate(from.getUTCDate() - 29);
  else from.setUTCMonth(from.getUTCMonth() - 11, 1);
  return { from: from.toISOString(), to: now.toISOString() };
}

export function KeyAnalyticsPage() {
  const { keyId = '' } = useParams();
  const [resolution, setResolution] = useState<UsageResolution>('DAY');
  const variables = useMemo(() => ({ keyId, resolution, ...rangeFor(resolution, new Date()) }), [keyId, resolution]);
  const [{ data, fetching, error }] = useQuery({ query: KeyAnalyticsQuery, variables });
  const key = data?.key;
  const range = RANGES.find((r) => r.resolution === resolution)!;
  usePageTitle(key ? `Analytics: ${keyLabel(key)}` : 'Key analytics');

  return (
    <>
      <p className="breadcrumb">
        <Link to="/dashboard">← Dashboard</Link>
      </p>
      <h1>Analytics{key ? `: ${keyLabel(key)}` : ''}</h1>
      <div className="segmented" role="group" aria-label="Resolution">
        {RANGES.map((r) => (
          <button key={r.resolution} type="button" aria-pressed={r.resolution === resolution} onClick={() => setResolution(r.resolution)}>
            {r.label}
          </button>
        ))}
      </div>
      <ErrorNotice problem={error && problemOfCombined(error)} />
      {fetching && <Loading label="Loading analytics…" />}
      {!fetching && data && !key && <p>This key does not exist any more. It may have been revoked.</p>}
      {key && !fetching && <UsageChart title={range.title} buckets={key.usage ?? []} resolution={resolution} />}
    </>
  );
}
