/**
 * The demo organisations: the same data on every run and machine, sized so paging and batching
 * matter, with the documented credentials and password.
 */
import { describe, expect, it } from 'vitest';
import { createEmbeddedDashboard, DEMO_ORGS, DEMO_PASSWORD } from '../../src/dashboard/index.js';
import { verifyPassword } from '../../src/dashboard/password.js';

const AT = new Date('2026-01-15T08:00:00.000Z');

/** Everything the demo data holds, in a comparable form (no HTTP needed: nothing is listening). */
function snapshot() {
  const dashboard = createEmbeddedDashboard({ now: () => AT });
  return [...dashboard.store.orgs.values()].map((org) => ({
    developers: [...org.developers.values()],
    policies: [...org.policies.values()],
    keys: [...org.keys.entries()],
    requests: [...org.keyRequests.values()],
    oauth: [...org.oauthClients.entries()],
    catalogue: org.catalogue,
    configuration: org.configuration,
  }));
}

describe('demo data', () => {
  it('is identical on every run: ids, keys, OAuth clients and tokens included', () => {
    expect(snapshot()).toEqual(snapshot());
  });

  it('documents two orgs, each with an admin and a read-only credential', () => {
    expect(DEMO_ORGS.map((o) => o.name)).toEqual(['Acme', 'Globex']);
    const credentials = DEMO_ORGS.flatMap((o) => [o.credential, o.readOnlyCredential]);
    expect(new Set(credentials).size).toBe(4);
    const dashboard = createEmbeddedDashboard();
    for (const org of DEMO_ORGS) {
      expect(dashboard.store.credentials.get(org.credential)).toEqual({ orgId: org.orgId, readOnly: false });
      expect(dashboard.store.credentials.get(org.readOnlyCredential)).toEqual({ orgId: org.orgId, readOnly: true });
    }
  });

  it('gives Acme ~250 developers with 0–4 keys, 10 policies (some inactive), 8 catalogue entries, pending and approved requests, OAuth clients', () => {
    const [acme] = snapshot();
    expect(acme!.developers).toHaveLength(250);
    const keyCounts = acme!.developers.map((d) => Object.keys(d.keys).length);
    expect(Math.min(...keyCounts)).toBe(0);
    expect(Math.max(...keyCounts)).toBeLessThanOrEqual(4);
    expect(acme!.policies).toHaveLength(10);
    expect(acme!.policies.some((p) => !p.active)).toBe(true);
    expect(new Set(acme!.policies.map((p) => `${p.rate}/${p.quota_max}`)).size).toBeGreaterThan(3);
    expect(acme!.catalogue!.apis).toHaveLength(8);
    expect(acme!.catalogue!.apis.some((a) => a['show'] === false)).toBe(true);
    expect(acme!.requests.some((r) => !r.approved)).toBe(true);
    expect(acme!.requests.some((r) => r.approved)).toBe(true);
    expect(acme!.developers.some((d) => Object.keys(d.oauth_clients).length > 0)).toBe(true);
    expect(acme!.oauth.flatMap(([, clients]) => clients).length).toBeGreaterThan(0);
    expect(acme!.configuration!['require_key_approval']).toBe(true);
  });

  it('gives Globex a smaller portal without key approval', () => {
    const [, globex] = snapshot();
    expect(globex!.developers).toHaveLength(30);
    expect(globex!.policies).toHaveLength(4);
    expect(globex!.configuration!['require_key_approval']).toBe(false);
  });

  it('keeps every developer map consistent with the key store', () => {
    for (const org of snapshot()) {
      const issued = new Set(org.keys.map(([hash]) => hash));
      for (const developer of org.developers) {
        for (const [hash, policies] of Object.entries(developer.keys)) {
          expect(issued.has(hash)).toBe(true);
          for (const policy of policies) expect(developer.subscriptions[policy]).toBeDefined();
        }
      }
      const sessions = new Map(org.keys);
      for (const developer of org.developers) {
        for (const hash of Object.keys(developer.keys)) expect(sessions.get(hash)!.meta_data['tyk_developer_id']).toBe(developer.id);
      }
    }
  });

  it(`lets every demo developer log in with "${DEMO_PASSWORD}"`, () => {
    const dashboard = createEmbeddedDashboard();
    for (const org of dashboard.store.orgs.values()) {
      const [first] = org.developers.keys();
      expect(verifyPassword(DEMO_PASSWORD, org.passwords.get(first!))).toBe(true);
      expect(verifyPassword('not-the-password', org.passwords.get(first!))).toBe(false);
    }
  });

  it('can be left out entirely', () => {
    const dashboard = createEmbeddedDashboard({ demoData: false });
    expect(dashboard.store.orgs.size).toBe(0);
    expect(dashboard.orgs).toEqual([]);
  });
});
