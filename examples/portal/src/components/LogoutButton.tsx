/** Ends the session in the browser (the token is forgotten) and goes back to the catalogue. */
import { useNavigate } from 'react-router';
import { useSession } from '../session';

export function LogoutButton() {
  const { end } = useSession();
  const navigate = useNavigate();
  return (
    <button
      type="button"
      className="button-link"
      onClick={() => {
        end();
        void navigate('/');
      }}
    >
      Log out
    </button>
  );
}
