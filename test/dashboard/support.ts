/**
 * Test helpers for the embedded Dashboard: start one per test file (no state shared across files)
 * and talk to it over real HTTP with the global `fetch`.
 */
import { createEmbeddedDashboard, type DashboardOptions, type EmbeddedDashboard } from '../../src/dashboard/index.js';
import type { DeveloperRecord, OrgStore } from '../../src/dashboard/store.js';
import { createConformance, report } from '../compat/openapi/conformance.js';

/** A parsed answer: the status and the JSON body (the raw text when it is not JSON). */
export interface Answer {
  status: number;
  // Tests read arbitrary wire fields; their assertions are the type check.
  body: any;
  headers: Headers;
}

export interface CallInit {
  method?: string;
  /** Sent as JSON text (a string is sent as is). */
  body?: unknown;
  /** The `authorization` header; default org A's admin credential, `null` for none. */
  credential?: string | null;
  headers?: Record<string, string>;
}

export interface Harness {
  dashboard: EmbeddedDashboard;
  /** Org A (Acme) and org B (Globex) credentials and ids. */
  acme: EmbeddedDashboard['orgs'][number];
  globex: EmbeddedDashboard['orgs'][number];
  call(path: string, init?: CallInit): Promise<Answer>;
  /** Org A's in-memory state. */
  acmeStore(): OrgStore;
  /** A demo developer of org A with at least `keys` keys (first match in store order). */
  developerWithKeys(keys?: number): DeveloperRecord;
  stop(): Promise<void>;
}

/**
 * A Dashboard on a free port. Every answer of a route Tyk's OpenAPI file describes is checked
 * against the file (test/compat/openapi); `stop()` fails with the report if any did not match.
 */
export async function startDashboard(options: DashboardOptions = {}): Promise<Harness> {
  const conformance = createConformance();
  const dashboard = createEmbeddedDashboard({
    ...options,
    onAnswer: (answer) => {
      conformance.observe(answer);
      options.onAnswer?.(answer);
    },
  });
  await dashboard.start();
  const [acme, globex] = dashboard.orgs;
  const call = async (path: string, init: CallInit = {}): Promise<Answer> => {
    const credential = init.credential === undefined ? acme!.credential : init.credential;
    const response = await fetch(`${dashboard.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(credential === null ? {} : { authorization: credential }), ...init.headers },
      ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body, headers: response.headers };
  };
  const acmeStore = () => dashboard.store.orgs.get(acme!.orgId)!;
  return {
    dashboard,
    acme: acme!,
    globex: globex!,
    call,
    acmeStore,
    developerWithKeys: (keys = 1) => [...acmeStore().developers.values()].find((d) => Object.keys(d.keys).length >= keys)!,
    stop: async () => {
      await dashboard.stop();
      const violations = conformance.violations();
      if (violations.length > 0) throw new Error(report(violations));
    },
  };
}

/** The `{"Status","Message","Meta"}` envelope Tyk answers mutations and errors with. */
export const envelope = (status: 'OK' | 'Error', message: string) => ({ Status: status, Message: message, Meta: null });

/** `D/M/YYYY` path segments, zero-padded or not. */
export function dateSegments(date: Date, padded = false): string {
  const pad = (n: number) => (padded ? String(n).padStart(2, '0') : String(n));
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}
