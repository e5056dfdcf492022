/**
 * The portal: session → GraphQL client for that session → live key events → routes.
 */
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Provider } from 'urql';
import { Layout } from './components/Layout';
import { Loading } from './components/Notice';
import { RequireSession } from './components/RequireSession';
import { messageForSessionEnd } from './errors';
import { createPortalClient } from './graphql/client';
import { LiveProvider } from './live';
import { CataloguePage } from './pages/CataloguePage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OAuthClientsPage } from './pages/OAuthClientsPage';
import { ProfilePage } from './pages/ProfilePage';
import { RequestKeyPage } from './pages/RequestKeyPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { SignupPage } from './pages/SignupPage';
import { SessionProvider, useSession } from './session';

// The pages with charts load the chart library when first opened, so the catalogue and forms stay light.
const DashboardPage = lazy(() => import('./pages/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const KeyAnalyticsPage = lazy(() => import('./pages/KeyAnalyticsPage').then((m) => ({ default: m.KeyAnalyticsPage })));

function GraphQLProvider({ children }: { children: React.ReactNode }) {
  const { session, end } = useSession();
  const token = session?.token ?? null;
  const portal = useMemo(() => createPortalClient({ token, onSessionEnded: (code) => end(messageForSessionEnd(code)) }), [token, end]);
  useEffect(() => () => portal.dispose(), [portal]);

  // A session ends at its expiry even when no request is made.
  const expiresAt = session?.expiresAt;
  useEffect(() => {
    if (!expiresAt) return;
    const left = Date.parse(expiresAt) - Date.now();
    const timer = setTimeout(() => end(messageForSessionEnd('SESSION_EXPIRED')), Math.max(0, Math.min(left, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [expiresAt, end]);

  return <Provider value={portal.client}>{children}</Provider>;
}

function Private({ children }: { children: React.ReactNode }) {
  return (
    <RequireSession>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </RequireSession>
  );
}

export function App() {
  return (
    <SessionProvider>
      <GraphQLProvider>
        <LiveProvider>
          <BrowserRouter>
            <Layout>
              <Routes>
                <Route path="/" element={<CataloguePage />} />
                <Route path="/signup" element={<SignupPage />} />
                <Route path="/login" element={<LoginPage />} />
                <Route path="/forgot-password" element={<ForgotPasswordPage />} />
                <Route path="/reset-password" element={<ResetPasswordPage />} />
                <Route path="/dashboard" element={<Private><DashboardPage /></Private>} />
                <Route path="/keys/:keyId" element={<Private><KeyAnalyticsPage /></Private>} />
                <Route path="/request-key" element={<Private><RequestKeyPage /></Private>} />
                <Route path="/oauth-clients" element={<Private><OAuthClientsPage /></Private>} />
                <Route path="/profile" element={<Private><ProfilePage /></Private>} />
                <Route path="*" element={<NotFoundPage />} />
              </Routes>
            </Layout>
          </BrowserRouter>
        </LiveProvider>
      </GraphQLProvider>
    </SessionProvider>
  );
}
