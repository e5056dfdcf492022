/**
 * Live key events: while a developer is logged in, the `keyIssued` subscription (graphql-ws) tells
 * the portal about keys issued to them, whether they were approved at once or later by an
 * administrator. Each event shows a notice and bumps `keysVersion`, which the pages that list keys
 * watch to read them again.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useSubscription } from 'urql';
import { graphql } from './gql';
import { useSession } from './session';

const KeyIssuedSubscription = graphql(`
  subscription PortalKeyIssued {
    keyIssued {
      id
      keyId
      occurredAt
      policies {
        id
        name
      }
    }
  }
`);

export interface KeyIssuedNotice {
  id: string;
  keyId: string | null;
  policies: string[];
}

interface LiveState {
  /** Changes whenever keys may have changed (an event arrived or this portal changed them). */
  keysVersion: number;
  keysChanged(): void;
  notices: KeyIssuedNotice[];
  dismiss(id: string): void;
}

const LiveContext = createContext<LiveState | null>(null);

export function LiveProvider({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const [keysVersion, setKeysVersion] = useState(0);
  const [notices, setNotices] = useState<KeyIssuedNotice[]>([]);
  const keysChanged = useCallback(() => setKeysVersion((v) => v + 1), []);
  const dismiss = useCallback((id: string) => setNotices((all) => all.filter((n) => n.id !== id)), []);

  useSubscription({ query: KeyIssuedSubscription, pause: !session }, (_previous, event) => {
    const issued = event.keyIssued;
    setNotices((all) => (all.some((n) => n.id === issued.id) ? all : [...all, { id: issued.id, keyId: issued.keyId ?? null, policies: issued.policies.map((p) => p.name) }]));
    setKeysVersion((v) => v + 1);
    return event;
  });

  const value = useMemo(() => ({ keysVersion, keysChanged, notices: session ? notices : [], dismiss }), [keysVersion, keysChanged, notices, session, dismiss]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): LiveState {
  const state = useContext(LiveContext);
  if (!state) throw new Error('useLive() needs a <LiveProvider> above it.');
  return state;
}
