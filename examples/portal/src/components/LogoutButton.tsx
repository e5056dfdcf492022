/**
 * Logs out: the gateway ends the session (its token is refused from then on, everywhere), then the
 * browser forgets it. If the gateway cannot be reached the token is forgotten anyway.
 */
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { useSession } from '../session';

const LogoutMutation = graphql(`
  mutation PortalLogout {
    logout {
      __typename
      ... on LogoutPayload {
        loggedOut
      }
      ...PortalProblem
    }
  }
`);

export function LogoutButton() {
  const { end } = useSession();
  const navigate = useNavigate();
  const [{ fetching }, logout] = useMutation(LogoutMutation);
  return (
    <button
      type="button"
      className="button-link"
      disabled={fetching}
      onClick={async () => {
        await logout({});
        end();
        void navigate('/');
      }}
    >
      Log out
    </button>
  );
}
