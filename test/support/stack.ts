/**
 * Test stack: an embedded Tyk Dashboard and the gateway, both listening on loopback ports, talking
 * real HTTP. `execute` sends a typed document the way a frontend would (POST application/json).
 */
import { Writable } from 'node:stream';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { pino } from 'pino';
import { createEmbeddedDashboard, type DashboardOptions, type EmbeddedDashboard } from '../../src/dashboard/index.js';
import { buildServer, type GatewayServer, type ServerOptions } from '../../src/server.js';

export interface Stack {
  dashboard: EmbeddedDashboard;
  server: GatewayServer;
  /** GraphQL endpoint URL. */
  url: string;
  /** Org A's operator credential. */
  credential: string;
  /** Every log line the gateway wrote, as text. */
  logs: string[];
  execute<R, V>(
    document: TypedDocumentNode<R, V>,
    variables?: V,
    options?: { credential?: string | null; headers?: Record<string, string> },
  ): Promise<ExecutionResult<R> & { status: number }>;
  stop(): Promise<void>;
}

/** `upstream`: a Dashboard another stack already runs (two replicas sharing one); it is not stopped with this stack. */
export async function startStack(
  options: { dashboard?: DashboardOptions; server?: Partial<ServerOptions>; upstream?: EmbeddedDashboard } = {},
): Promise<Stack> {
  const dashboard = options.upstream ?? createEmbeddedDashboard({ port: 0, ...options.dashboard });
  const dashboardUrl = options.upstream ? options.upstream.url : await dashboard.start();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  // Queries compiled from their first run, so every query test exercises graphql-jit (what a busy
  // gateway runs); test/gateway/query-jit.test.ts compares it with graphql-js.
  // No minimum answer time for login and sign-up (the floor still follows the slowest recent check):
  // test/security/existence-oracles.test.ts measures uniform timing with its own settings.
  const server = buildServer({ dashboardUrl, logger, jitInterpretedRuns: 0, credentialTiming: { minMs: 0, jitterMs: 0 }, ...options.server });
  const url = await server.start(0);
  const credential = dashboard.orgs[0]!.credential;

  return {
    dashboard,
    server,
    url,
    credential,
    logs,
    async execute(document, variables, { credential: cred = credential, headers = {} } = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(cred ? { authorization: cred } : {}),
          ...headers,
        },
        body: JSON.stringify({ query: print(document), variables }),
      });
      const body = (await response.json()) as ExecutionResult<never>;
      return { ...body, status: response.status };
    },
    async stop() {
      await server.stop();
      if (!options.upstream) await dashboard.stop();
    },
  };
}
