/**
 * The urql client the portal talks to the gateway with, one per session token.
 *
 * - Queries and mutations go as trusted documents: only the codegen id (`extensions.persistedQuery`,
 *   the hash codegen stored in each typed document) is sent, never the text, so the gateway can run
 *   with PORTAL_GRAPH_TRUSTED_DOCUMENTS_ONLY=true and this portal's manifest.
 * - Subscriptions go over graphql-ws on the same path; graphql-ws always carries the text, which the
 *   gateway accepts in trusted-only mode because it is the manifest's exact document.
 * - A 401 (`UNAUTHENTICATED`, `SESSION_EXPIRED`) ends the session: the developer logs in again.
 */
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange, type CombinedError } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';

export const GRAPHQL_PATH = '/graphql';

export interface PortalClient {
  client: Client;
  /** Closes the WebSocket (when the session changes). */
  dispose(): void;
}

/** The codegen id of a typed document (client preset with `persistedDocuments: true`). */
function documentHash(document: unknown): string {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash !== 'string') throw new Error('This document has no codegen hash: write it with graphql() from src/gql and run the codegen.');
  return hash;
}

/** Codes that mean the token no longer works. */
const SESSION_CODES = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

function sessionEndCode(error: CombinedError): string | undefined {
  for (const e of error.graphQLErrors) {
    const code = e.extensions?.['code'];
    if (typeof code === 'string' && SESSION_CODES.has(code)) return code;
  }
  return undefined;
}

export function createPortalClient(options: { token: string | null; onSessionEnded: (code: string) => void }): PortalClient {
  const { token, onSessionEnded } = options;
  const authorization = token ? `Bearer ${token}` : undefined;
  const wsUrl = new URL(GRAPHQL_PATH, window.location.href);
  wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  // Lazy: the socket opens with the first subscription and closes after the last.
  const ws: WsClient = createWsClient({
    url: wsUrl.toString(),
    lazy: true,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 5,
  });

  const client = new Client({
    url: GRAPHQL_PATH,
    preferGetMethod: false,
    fetchOptions: (): RequestInit => (authorization ? { headers: { authorization } } : {}),
    exchanges: [
      mapExchange({
        onError(error) {
          const code = sessionEndCode(error);
          if (code && token) onSessionEnded(code);
        },
      }),
      cacheExchange,
      persistedExchange({
        enforcePersistedQueries: true,
        enableForMutation: true,
        preferGetForPersistedQueries: false,
        generateHash: async (_text, document) => documentHash(document),
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
  return { client, dispose: () => void ws.dispose() };
}
