/**
 * Request a key for one or more catalogue entries, with the portal's key-request fields. The portal
 * configuration decides what happens: the key is issued at once (and shown once), or the request
 * waits for an administrator, in which case the live notice tells the developer when it is issued.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { FormField } from '../components/FormField';
import { ErrorNotice, Loading, SuccessNotice } from '../components/Notice';
import { SecretValue } from '../components/SecretValue';
import { isTypedError, problemOf, problemOfCombined, type Problem } from '../errors';
import { formatRate } from '../format';
import { graphql } from '../gql';
import type { PortalRequestKeyMutation } from '../gql/graphql';
import { useLive } from '../live';
import { usePageTitle } from '../usePageTitle';

const RequestKeyFormQuery = graphql(`
  query PortalRequestKeyForm {
    viewer {
      id
    }
    catalogue {
      policyId
      name
      shortDescription
      authType
      isKeyless
      policy {
        id
        rate
        per
      }
    }
    portalConfiguration {
      requireKeyApproval
      keyRequestFields
      enableMultiSelection
    }
  }
`);

const RequestKeyMutation = graphql(`
  mutation PortalRequestKey($input: RequestKeyInput!) {
    requestKey(input: $input) {
      __typename
      ... on KeyRequestPayload {
        approved
        keyRequest {
          id
          policies {
            id
            name
          }
        }
        issuedKey {
          rawKey
          oauthClientId
          key {
            id
          }
        }
      }
      ...PortalProblem
    }
  }
`);

const OAUTH_DESCRIPTION = 'oauth_app_description';
const OAUTH_USE_CASE = 'oauth_use_case';

type Outcome = Extract<NonNullable<PortalRequestKeyMutation['requestKey']>, { __typename: 'KeyRequestPayload' }>;

export function RequestKeyPage() {
  usePageTitle('Request a key');
  const [params] = useSearchParams();
  const { keysChanged } = useLive();
  const [{ data, fetching: loading, error }] = useQuery({ query: RequestKeyFormQuery });
  const [{ fetching }, requestKey] = useMutation(RequestKeyMutation);
  const [chosen, setChosen] = useState<string[]>(() => params.getAll('policy'));
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [redirectUri, setRedirectUri] = useState('');
  const [app, setApp] = useState({ description: '', useCase: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const entries = useMemo(() => (data?.catalogue ?? []).filter((e) => !e.isKeyless && e.policyId), [data]);
  const configuration = data?.portalConfiguration;
  const multiple = configuration?.enableMultiSelection ?? false;
  const needsRedirect = entries.some((e) => chosen.includes(e.policyId!) && e.authType === 'oauth');

  if (loading && !data) return <Loading label="Loading the key request form…" />;
  if (!data?.viewer) return <ErrorNotice problem={error ? problemOfCombined(error) : { message: 'Your account could not be loaded.' }} />;
  const developerId = data.viewer.id;

  function toggle(policyId: string, on: boolean) {
    setChosen((current) => (multiple ? (on ? [...new Set([...current, policyId])] : current.filter((id) => id !== policyId)) : [policyId]));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    if (chosen.length === 0) return setProblem({ message: 'Choose the API you want a key for.', field: 'policyIds' });
    if (needsRedirect && !redirectUri.trim()) return setProblem({ message: 'OAuth clients need the address to send users back to.', field: 'redirectUri' });
    const fields = (configuration?.keyRequestFields ?? []).map((name) => ({ name, value: (answers[name] ?? '').trim() })).filter((f) => f.value);
    // Tyk's portal records an OAuth client's description and use case as these key request fields.
    if (needsRedirect) {
      for (const [name, value] of [[OAUTH_DESCRIPTION, app.description], [OAUTH_USE_CASE, app.useCase]] as const) if (value.trim()) fields.push({ name, value: value.trim() });
    }
    const result = await requestKey({ input: { developerId, policyIds: chosen, fields, redirectUri: needsRedirect ? redirectUri.trim() : null } });
    if (result.error) return setProblem(problemOfCombined(result.error));
    const answer = result.data?.requestKey;
    if (answer?.__typename === 'KeyRequestPayload') {
      setOutcome(answer);
      keysChanged();
    } else if (isTypedError(answer)) setProblem(problemOf(answer));
  }

  if (outcome) {
    const plans = outcome.keyRequest.policies.map((p) => p.name).join(', ');
    return (
      <section className="narrow">
        <h1>Request a key</h1>
        {outcome.approved && outcome.issuedKey?.rawKey ? (
          <SuccessNotice>
            <p>
              <strong>Your key for {plans} is ready.</strong> Copy it now: it is shown only once, and the portal cannot show it again.
            </p>
            <SecretValue label="Your new API key" value={outcome.issuedKey.rawKey} />
          </SuccessNotice>
        ) : outcome.approved && outcome.issuedKey?.oauthClientId ? (
          <SuccessNotice>
            <p>
              <strong>Your OAuth client for {plans} is ready.</strong> Its id and secret are on the <Link to="/oauth-clients">OAuth clients</Link> page.
            </p>
          </SuccessNotice>
        ) : outcome.approved ? (
          <SuccessNotice>
            <p>
              <strong>Your key for {plans} was issued.</strong>
            </p>
          </SuccessNotice>
        ) : (
          <SuccessNotice>
            <p>
              <strong>Your request for {plans} is waiting for approval.</strong> You will see a notice here as soon as the key is issued.
            </p>
          </SuccessNotice>
        )}
        <p>
          <Link to="/dashboard">Go to your dashboard</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="narrow">
      <h1>Request a key</h1>
      {configuration && <p className="lead">{configuration.requireKeyApproval ? 'Key requests are reviewed by the API team before a key is issued.' : 'Keys are issued at once.'}</p>}
      <ErrorNotice problem={error && problemOfCombined(error)} />
      <form onSubmit={submit} noValidate>
        <fieldset aria-describedby={problem?.field === 'policyIds' ? 'policy-error' : undefined}>
          <legend>{multiple ? 'APIs (choose one or more)' : 'API'}</legend>
          {entries.map((entry) => (
            <label key={entry.policyId} className="choice">
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name="policy"
                value={entry.policyId!}
                checked={chosen.includes(entry.policyId!)}
                onChange={(e) => toggle(entry.policyId!, e.target.checked)}
              />
              <span>
                <strong>{entry.name}</strong> · {entry.authType === 'oauth' ? 'OAuth client' : formatRate(entry.policy?.rate, entry.policy?.per)}
                <span className="hint">{entry.shortDescription}</span>
              </span>
            </label>
          ))}
          {problem?.field === 'policyIds' && (
            <span className="field-error" id="policy-error">
              {problem.message}
            </span>
          )}
        </fieldset>
        {needsRedirect && (
          <>
            <FormField label="Redirect URI" type="url" name="redirectUri" required hint="Where the authorisation server sends users back to; separate several with commas." value={redirectUri} onChange={(e) => setRedirectUri(e.target.value)} error={problem?.field === 'redirectUri' ? problem.message : undefined} />
            <FormField label="Application description" name="appDescription" value={app.description} onChange={(e) => setApp((a) => ({ ...a, description: e.target.value }))} />
            <FormField label="Use case" name="useCase" value={app.useCase} onChange={(e) => setApp((a) => ({ ...a, useCase: e.target.value }))} />
          </>
        )}
        {(configuration?.keyRequestFields ?? []).map((name) => (
          <FormField key={name} label={name} name={`field:${name}`} value={answers[name] ?? ''} onChange={(e) => setAnswers((a) => ({ ...a, [name]: e.target.value }))} />
        ))}
        <ErrorNotice problem={problem && !['policyIds', 'redirectUri'].includes(problem.field ?? '') ? problem : null} />
        <button type="submit" disabled={fetching}>
          {fetching ? 'Requesting…' : 'Request key'}
        </button>
      </form>
    </section>
  );
}
