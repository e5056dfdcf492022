/**
 * The developer's OAuth clients. The list never loads secrets; "Show secret" asks the gateway for
 * them (only the owning developer may read a secret) and shows the one asked for until hidden.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useClient, useQuery } from 'urql';
import { ErrorNotice, Loading } from '../components/Notice';
import { SecretValue } from '../components/SecretValue';
import { problemOfCombined, type Problem } from '../errors';
import { formatDate } from '../format';
import { graphql } from '../gql';
import { usePageTitle } from '../usePageTitle';

const OAuthClientsQuery = graphql(`
  query PortalOAuthClients {
    viewer {
      id
      oauthClients {
        clientId
        description
        useCase
        redirectUri
        dateCreated
        policy {
          id
          name
        }
      }
    }
  }
`);

const OAuthClientSecretsQuery = graphql(`
  query PortalOAuthClientSecrets {
    viewer {
      id
      oauthClients {
        clientId
        secret
      }
    }
  }
`);

export function OAuthClientsPage() {
  usePageTitle('OAuth clients');
  const client = useClient();
  const [{ data, fetching, error }] = useQuery({ query: OAuthClientsQuery, requestPolicy: 'cache-and-network' });
  const [shown, setShown] = useState<Record<string, string>>({});
  const [revealing, setRevealing] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function reveal(clientId: string) {
    setProblem(null);
    setRevealing(clientId);
    // Never cached: the secret is read when asked for and kept only in this page's state.
    const result = await client.query(OAuthClientSecretsQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    setRevealing(null);
    if (result.error) return setProblem(problemOfCombined(result.error));
    const secret = result.data?.viewer?.oauthClients.find((c) => c.clientId === clientId)?.secret;
    if (!secret) return setProblem({ message: 'This client has no secret to show.' });
    setShown((s) => ({ ...s, [clientId]: secret }));
  }

  const clients = data?.viewer?.oauthClients ?? [];
  return (
    <>
      <h1>OAuth clients</h1>
      <p className="lead">Applications you registered for APIs that use OAuth 2.0. Request one from an OAuth API in the <Link to="/">catalogue</Link>.</p>
      {fetching && !data && <Loading label="Loading your OAuth clients…" />}
      <ErrorNotice problem={(error && problemOfCombined(error)) || problem} />
      {data && clients.length === 0 && <p>You have no OAuth clients.</p>}
      <ul className="cards" aria-label="OAuth clients">
        {clients.map((c) => (
          <li key={c.clientId} className="card">
            <h2>{c.description || c.policy?.name || 'OAuth client'}</h2>
            <dl className="facts">
              <div>
                <dt>Client id</dt>
                <dd>
                  <code>{c.clientId}</code>
                </dd>
              </div>
              <div>
                <dt>API plan</dt>
                <dd>{c.policy?.name ?? '—'}</dd>
              </div>
              <div>
                <dt>Redirect URI</dt>
                <dd className="break">{c.redirectUri}</dd>
              </div>
              <div>
                <dt>Registered</dt>
                <dd>{formatDate(c.dateCreated)}</dd>
              </div>
            </dl>
            {shown[c.clientId] ? (
              <>
                <SecretValue label="Client secret" value={shown[c.clientId]!} />
                <button type="button" className="button-secondary" onClick={() => setShown(({ [c.clientId]: _hidden, ...rest }) => rest)}>
                  Hide secret
                </button>
              </>
            ) : (
              <button type="button" className="button-secondary" onClick={() => void reveal(c.clientId)} disabled={revealing === c.clientId}>
                {revealing === c.clientId ? 'Loading…' : 'Show secret'}
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
