/**
 * Test support for the client unit tests: a MockAgent with real network disabled, a client wired to
 * it, and the attempts the client reported.
 */
import { MockAgent, type Interceptable } from 'undici';
import { createTykClient } from '../../src/tyk/client.js';
import type { TykAttempt, TykClient, TykClientOptions } from '../../src/tyk/types.js';

export const ORIGIN = 'http://dashboard.test';
export const CREDENTIAL = 'cred-7f3a9c1e5b2d4f60a8e1';

export interface Mocked {
  agent: MockAgent;
  /** Interceptors for ORIGIN. */
  dashboard: Interceptable;
  client: TykClient;
  attempts: TykAttempt[];
}

const open: MockAgent[] = [];

/** Closes every MockAgent `mocked()` made (afterEach). */
export async function closeMocks(): Promise<void> {
  await Promise.all(open.splice(0).map((agent) => agent.close()));
}

/** A client talking to a MockAgent (`disableNetConnect`), retries without delay unless told. */
export function mocked(options: Partial<TykClientOptions> = {}): Mocked {
  const agent = new MockAgent({ enableCallHistory: true });
  open.push(agent);
  agent.disableNetConnect();
  const attempts: TykAttempt[] = [];
  const client = createTykClient({
    baseUrl: ORIGIN,
    credential: CREDENTIAL,
    dispatcher: agent,
    retryDelayMs: 1,
    onAttempt: (a) => attempts.push(a),
    // These suites pin the per-call retry policy; the shared breaker and budget have their own tests.
    breaker: false,
    retryBudget: false,
    ...options,
  });
  return { agent, dashboard: agent.get(ORIGIN), client, attempts };
}

export const JSON_HEADERS = { 'content-type': 'application/json' };

/** `{Status, Message, Meta}` as Tyk sends it. */
export const envelope = (message: string, status: 'OK' | 'Error' = 'OK', meta: unknown = null) => ({ Status: status, Message: message, Meta: meta });

/** The rejection of `promise`, failing the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, it succeeded');
}

export const hex = (n: number) => n.toString(16).padStart(24, '0');
