/**
 * The public catalogue: every API the portal shows, with its plan's limits. Anyone may read it
 * (unless the portal shows it to logged-in developers only); developers may request a key.
 */
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ErrorNotice, Loading } from '../components/Notice';
import { problemOfCombined } from '../errors';
import { formatNumber, formatRate } from '../format';
import { graphql } from '../gql';
import { useSession } from '../session';
import { usePageTitle } from '../usePageTitle';

const CatalogueQuery = graphql(`
  query PortalCatalogue {
    catalogue {
      policyId
      name
      shortDescription
      longDescription
      authType
      isKeyless
      policy {
        id
        rate
        per
        quotaMax
      }
    }
  }
`);

export function CataloguePage() {
  usePageTitle('API catalogue');
  const { session } = useSession();
  const [{ data, fetching, error }] = useQuery({ query: CatalogueQuery });
  const entries = data?.catalogue ?? [];

  return (
    <>
      <h1>API catalogue</h1>
      <p className="lead">Browse the APIs you can use. {session ? 'Request a key to start calling one.' : 'Sign up or log in to request a key.'}</p>
      {fetching && !data && <Loading label="Loading the catalogue…" />}
      <ErrorNotice problem={error && problemOfCombined(error)} />
      {data && entries.length === 0 && <p>No APIs are published yet.</p>}
      <ul className="cards" aria-label="APIs">
        {entries.map((entry) => (
          <li key={entry.policyId ?? entry.name} className="card">
            <h2>{entry.name}</h2>
            <p>{entry.shortDescription}</p>
            <dl className="facts">
              <div>
                <dt>Rate limit</dt>
                <dd>{entry.isKeyless ? 'No key needed' : formatRate(entry.policy?.rate, entry.policy?.per)}</dd>
              </div>
              <div>
                <dt>Quota</dt>
                <dd>{entry.policy?.quotaMax && entry.policy.quotaMax > 0 ? `${formatNumber(entry.policy.quotaMax)} requests` : 'Unlimited'}</dd>
              </div>
              <div>
                <dt>Authentication</dt>
                <dd>{entry.authType === 'oauth' ? 'OAuth 2.0 client' : entry.isKeyless ? 'None' : 'API key'}</dd>
              </div>
            </dl>
            {entry.longDescription && (
              <details>
                <summary>About {entry.name}</summary>
                <p className="long-description">{entry.longDescription.replace(/^#+\s*/gm, '')}</p>
              </details>
            )}
            {!entry.isKeyless && entry.policyId && (
              <p className="card-action">
                {session ? (
                  <Link className="button" to={`/request-key?policy=${encodeURIComponent(entry.policyId)}`}>
                    Request a key<span className="visually-hidden"> for {entry.name}</span>
                  </Link>
                ) : (
                  <Link to="/login" state={{ from: `/request-key?policy=${encodeURIComponent(entry.policyId)}` }}>
                    Log in to request a key<span className="visually-hidden"> for {entry.name}</span>
                  </Link>
                )}
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
