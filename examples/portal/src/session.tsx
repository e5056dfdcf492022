/**
 * The developer's session: the token `login` or `signup` returned, kept in localStorage until it
 * expires or the developer logs out. The GraphQL client is rebuilt whenever the token changes, so a
 * logged-out browser never sends an old token (and the WebSocket reconnects with the new one).
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

const STORAGE_KEY = 'portal-graph.session';

export interface Session {
  token: string;
  /** ISO date; null when the gateway did not say. */
  expiresAt: string | null;
  email: string;
}

interface SessionState {
  session: Session | null;
  /** Why the last session ended, when it was not the developer's choice (shown on the login page). */
  endedReason: string | null;
  start(session: Session): void;
  end(reason?: string): void;
}

const SessionContext = createContext<SessionState | null>(null);

function readStored(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const stored = JSON.parse(raw) as Partial<Session>;
    if (typeof stored.token !== 'string' || typeof stored.email !== 'string') return null;
    if (stored.expiresAt && Date.parse(stored.expiresAt) <= Date.now()) {
      localStorage.removeItem(STORAGE_KEY);
      return null;
    }
    return { token: stored.token, email: stored.email, expiresAt: stored.expiresAt ?? null };
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(readStored);
  const [endedReason, setEndedReason] = useState<string | null>(null);

  const start = useCallback((next: Session) => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setEndedReason(null);
    setSession(next);
  }, []);

  const end = useCallback((reason?: string) => {
    localStorage.removeItem(STORAGE_KEY);
    setEndedReason(reason ?? null);
    setSession(null);
  }, []);

  const value = useMemo(() => ({ session, endedReason, start, end }), [session, endedReason, start, end]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession() needs a <SessionProvider> above it.');
  return state;
}
