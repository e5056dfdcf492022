/**
 * The developer's profile: the avatar Tyk's portal shows (Gravatar, from the email), the sign-up
 * fields to edit, and the password. Changing the password ends every older session; the gateway
 * answers with a new one for this browser.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { FormField, inputHintsFor } from '../components/FormField';
import { ErrorNotice, Loading, SuccessNotice } from '../components/Notice';
import { isTypedError, problemOf, problemOfCombined, type Problem } from '../errors';
import { graphql } from '../gql';
import { useSession } from '../session';
import { usePageTitle } from '../usePageTitle';

const ProfileQuery = graphql(`
  query PortalProfile {
    viewer {
      id
      email
      name
      avatar: avatarUrl(size: 96)
      avatar2x: avatarUrl(size: 192)
      fields {
        name
        value
      }
    }
    portalConfiguration {
      signupFields
    }
  }
`);

const UpdateProfileMutation = graphql(`
  mutation PortalUpdateProfile($id: ID!, $input: UpdateDeveloperInput!) {
    updateDeveloper(id: $id, input: $input) {
      __typename
      ... on DeveloperPayload {
        developer {
          id
          email
          name
          fields {
            name
            value
          }
        }
      }
      ...PortalProblem
    }
  }
`);

const ChangePasswordMutation = graphql(`
  mutation PortalChangePassword($id: ID!, $currentPassword: String!, $password: String!) {
    setDeveloperPassword(id: $id, currentPassword: $currentPassword, password: $password) {
      __typename
      ... on SetDeveloperPasswordPayload {
        session {
          ...PortalSession
        }
      }
      ...PortalProblem
    }
  }
`);

/** Kept as the display name, edited on its own. */
const NAME_FIELD = 'Name';

export function ProfilePage() {
  usePageTitle('Your profile');
  const [{ data, fetching, error }] = useQuery({ query: ProfileQuery });
  const viewer = data?.viewer;
  if (fetching && !data) return <Loading label="Loading your profile…" />;
  if (!viewer) return <ErrorNotice problem={error ? problemOfCombined(error) : { message: 'Your profile could not be loaded.' }} />;
  // A developer edits the fields the portal's sign-up form has (the gateway refuses others).
  const editable = (data?.portalConfiguration?.signupFields ?? []).filter((n) => n !== NAME_FIELD);
  return (
    <>
      <div className="profile-head">
        <img className="avatar" src={viewer.avatar} srcSet={`${viewer.avatar2x} 2x`} width={96} height={96} alt="" />
        <div>
          <h1>Your profile</h1>
          <p className="lead">
            Your picture comes from <a href="https://gravatar.com">Gravatar</a>, by your email address.
          </p>
        </div>
      </div>
      <ErrorNotice problem={error && problemOfCombined(error)} />
      <ProfileForm viewer={viewer} editable={editable} />
      <PasswordForm developerId={viewer.id} />
    </>
  );
}

interface Viewer {
  id: string;
  email: string;
  name?: string | null;
  fields: readonly { name: string; value: string }[];
}

function ProfileForm({ viewer, editable }: { viewer: Viewer; editable: string[] }) {
  const { session, start } = useSession();
  const initial = () => ({ email: viewer.email, name: viewer.name ?? '', ...Object.fromEntries(viewer.fields.map((f) => [`field:${f.name}`, f.value])) });
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const [{ fetching }, update] = useMutation(UpdateProfileMutation);
  useEffect(() => setValues(initial()), [viewer]);

  const value = (name: string) => values[name] ?? '';
  const set = (name: string) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setSaved(false);
    setValues((v) => ({ ...v, [name]: e.target.value }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setSaved(false);
    const fields = editable.map((name) => ({ name, value: value(`field:${name}`).trim() }));
    const result = await update({ id: viewer.id, input: { email: value('email').trim(), name: value('name').trim(), fields } });
    if (result.error) return setProblem(problemOfCombined(result.error));
    const answer = result.data?.updateDeveloper;
    if (answer?.__typename === 'DeveloperPayload') {
      setSaved(true);
      if (session && answer.developer.email !== session.email) start({ ...session, email: answer.developer.email });
    } else if (isTypedError(answer)) setProblem(problemOf(answer));
  }

  return (
    <section aria-labelledby="details-heading" className="narrow">
      <h2 id="details-heading">Your details</h2>
      <form onSubmit={submit} noValidate>
        <FormField label="Email" type="email" name="email" autoComplete="email" required value={value('email')} onChange={set('email')} error={problem?.field === 'email' ? problem.message : undefined} />
        <FormField label="Name" name="name" autoComplete="name" value={value('name')} onChange={set('name')} />
        {editable.map((name) => (
          <FormField key={name} label={name} name={`field:${name}`} {...inputHintsFor(name)} value={value(`field:${name}`)} onChange={set(`field:${name}`)} />
        ))}
        <ErrorNotice problem={problem && problem.field !== 'email' ? problem : null} />
        {saved && <SuccessNotice>Your details were saved.</SuccessNotice>}
        <button type="submit" disabled={fetching}>
          {fetching ? 'Saving…' : 'Save details'}
        </button>
      </form>
    </section>
  );
}

function PasswordForm({ developerId }: { developerId: string }) {
  const { start, end } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const [{ fetching }, change] = useMutation(ChangePasswordMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setDone(false);
    if (next.length < 6) return setProblem({ message: 'Choose a password of at least 6 characters.', field: 'password' });
    const result = await change({ id: developerId, currentPassword: current, password: next });
    if (result.error) return setProblem(problemOfCombined(result.error));
    const answer = result.data?.setDeveloperPassword;
    if (isTypedError(answer)) return setProblem(problemOf(answer));
    // The change ended this session and every other one; the gateway opened a new one for this browser.
    const session = answer?.__typename === 'SetDeveloperPasswordPayload' ? answer.session : null;
    if (session?.token) {
      start({ token: session.token, expiresAt: session.expiresAt ?? null, email: session.developer.email });
      setCurrent('');
      setNext('');
      setDone(true);
    } else {
      end('Your password was changed. Log in with the new password.');
    }
  }

  return (
    <section aria-labelledby="password-heading" className="narrow">
      <h2 id="password-heading">Change your password</h2>
      <form onSubmit={submit} noValidate>
        <FormField label="Current password" type="password" name="currentPassword" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} error={problem?.field === 'currentPassword' ? problem.message : undefined} />
        <FormField label="New password" type="password" name="newPassword" autoComplete="new-password" required hint="At least 6 characters." value={next} onChange={(e) => setNext(e.target.value)} error={problem?.field === 'password' ? problem.message : undefined} />
        <ErrorNotice problem={problem && !['currentPassword', 'password'].includes(problem.field ?? '') ? problem : null} />
        {done && <SuccessNotice>Your password was changed. Other sessions were logged out.</SuccessNotice>}
        <button type="submit" disabled={fetching}>
          {fetching ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}
