/**
 * The page frame: a skip link, the header with the navigation (what a visitor may open depends on
 * whether they are logged in), the live notices and the page itself.
 */
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useSession } from '../session';
import { LiveNotices } from './LiveNotices';
import { LogoutButton } from './LogoutButton';

export function Layout({ children }: { children: ReactNode }) {
  const { session } = useSession();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <NavLink to="/" className="brand">
          API Portal
        </NavLink>
        <nav aria-label="Main">
          <ul>
            <li>
              <NavLink to="/" end>
                Catalogue
              </NavLink>
            </li>
            {session ? (
              <>
                <li>
                  <NavLink to="/dashboard">Dashboard</NavLink>
                </li>
                <li>
                  <NavLink to="/oauth-clients">OAuth clients</NavLink>
                </li>
                <li>
                  <NavLink to="/profile">Profile</NavLink>
                </li>
                <li>
                  <LogoutButton />
                </li>
              </>
            ) : (
              <>
                <li>
                  <NavLink to="/login">Log in</NavLink>
                </li>
                <li>
                  <NavLink to="/signup">Sign up</NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
      </header>
      <LiveNotices />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>Built on the portal-graph GraphQL API.</p>
      </footer>
    </>
  );
}
