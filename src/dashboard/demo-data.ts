/**
 * Demo data: two organisations with developers, keys, policies, a catalogue, key requests and
 * OAuth clients, generated from a fixed seed so every machine gets the same data. Big enough that
 * paging (10 per page) and batching matter.
 *
 * Every demo developer's password is `demo-password`.
 */
import { issueKey } from './key-issuer.js';
import { hashPassword } from './password.js';
import { objectId, randomHex, seededRandom, stringSeed } from './random.js';
import { registerOrg, type DashboardStore, type DeveloperRecord, type OrgStore, type PolicyRecord } from './store.js';

export interface DemoOrg {
  orgId: string;
  name: string;
  /** Dashboard API credential of an admin user of the org. */
  credential: string;
  /** Credential of a user whose RBAC allows reads only. */
  readOnlyCredential: string;
}

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_ORGS: readonly DemoOrg[] = [
  { orgId: '5e9d9544a1dcd60001d0ed20', name: 'Acme', credential: 'acme-dashboard-credential-6f1c2a9e', readOnlyCredential: 'acme-readonly-credential-2b7d4e11' },
  { orgId: '5e9d9544a1dcd60001d0ed21', name: 'Globex', credential: 'globex-dashboard-credential-9a3e7c05', readOnlyCredential: 'globex-readonly-credential-c4d8f260' },
];

export interface DemoSize {
  /** Developers per org, in org order; default [250, 30]. */
  developers?: [number, number];
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'John', 'Margaret', 'Ken', 'Radia', 'Tim', 'Katherine', 'Linus', 'Sophie', 'Dennis'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'McCarthy', 'Hamilton', 'Thompson', 'Perlman', 'Berners-Lee', 'Johnson', 'Torvalds', 'Wilson', 'Ritchie'];
const COMPANIES = ['Initech', 'Hooli', 'Umbrella', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne', 'Soylent'];
const APIS = ['Payments', 'Orders', 'Inventory', 'Shipping', 'Weather', 'Maps', 'Search', 'Identity', 'Billing', 'Reports'];

function apiIdFor(orgIndex: number, name: string): string {
  return Buffer.from(`${orgIndex}:${name}`).toString('hex').padEnd(32, '0').slice(0, 32);
}

function makePolicies(org: OrgStore, orgIndex: number, count: number, random: () => number, now: Date): PolicyRecord[] {
  const plans = ['Free', 'Starter', 'Growth', 'Business', 'Enterprise', 'Partner', 'Internal', 'Trial', 'Legacy', 'Sandbox'];
  return Array.from({ length: count }, (_, i) => {
    const api = APIS[i % APIS.length]!;
    const apiId = apiIdFor(orgIndex, api);
    const second = APIS[(i + 3) % APIS.length]!;
    const unlimited = plans[i] === 'Internal';
    const policy: PolicyRecord = {
      _id: objectId(random),
      id: '',
      name: `${api} ${plans[i % plans.length]}`,
      org_id: org.orgId,
      active: i !== 8,
      is_inactive: i === 8,
      state: i === 8 ? 'deny' : 'active',
      rate: unlimited ? -1 : [10, 50, 100, 500, 1000][i % 5]!,
      per: unlimited ? -1 : 60,
      quota_max: unlimited ? -1 : [1000, 10_000, 50_000, 100_000, 1_000_000][i % 5]!,
      quota_renewal_rate: unlimited ? -1 : [3600, 86_400, 2_592_000][i % 3]!,
      throttle_interval: -1,
      throttle_retry_limit: -1,
      max_query_depth: -1,
      key_expires_in: i % 4 === 3 ? 31_536_000 : 0,
      auth_type: i === 5 ? 'oauth' : 'authToken',
      auth_types: [i === 5 ? 'oauth' : 'authToken'],
      access_rights: {
        [apiId]: { api_id: apiId, api_name: `${api} API`, versions: ['Default'], allowed_urls: [], limit: null },
        ...(i % 3 === 0 ? { [apiIdFor(orgIndex, second)]: { api_id: apiIdFor(orgIndex, second), api_name: `${second} API`, versions: ['Default'], allowed_urls: [], limit: null } } : {}),
      },
      tags: i % 2 === 0 ? ['demo'] : [],
      meta_data: {},
      partitions: { quota: true, rate_limit: true, acl: true, complexity: false, per_api: false },
      date_created: new Date(now.getTime() - (400 - i) * 86_400_000).toISOString(),
      last_updated: String(Math.floor(now.getTime() / 1000) - 86_400),
    };
    org.policies.set(policy._id, policy);
    return policy;
  });
}

/**
 * Whole days before `now`, as a Date and its ISO text, made once per day: demo dates are whole days
 * back, and at 50 000 developers building a Date and its text for every record costs more than the
 * records themselves.
 */
function daysBefore(now: Date): (days: number) => { date: Date; iso: string } {
  const made = new Map<number, { date: Date; iso: string }>();
  return (days) => {
    let day = made.get(days);
    if (!day) {
      const date = new Date(now.getTime() - days * 86_400_000);
      made.set(days, (day = { date, iso: date.toISOString() }));
    }
    return day;
  };
}

function fillOrg(store: DashboardStore, demo: DemoOrg, orgIndex: number, developerCount: number, passwordHash: string) {
  const random = seededRandom(0xc0ffee + orgIndex);
  const now = store.now();
  const ago = daysBefore(now);
  const org = registerOrg(store, demo);
  const emailDomain = `${demo.name.toLowerCase()}-devs.example`;

  const policies = makePolicies(org, orgIndex, orgIndex === 0 ? 10 : 4, random, now);
  const active = policies.filter((p) => p.active);
  const oauthPolicy = policies.find((p) => p.auth_type === 'oauth');

  org.catalogue = {
    id: objectId(random),
    org_id: org.orgId,
    email: '',
    apis: policies.slice(0, orgIndex === 0 ? 8 : 4).map((p, i) => ({
      name: Object.values(p.access_rights)[0]!.api_name,
      short_description: `${p.name}: ${p.rate < 0 ? 'unlimited' : `${p.rate} requests per ${p.per}s`}`,
      long_description: `## ${p.name}\n\nAccess to the ${Object.values(p.access_rights)[0]!.api_name}.`,
      show: i !== 6,
      api_id: '',
      policy_id: p._id,
      documentation: '',
      version: 'v2',
      is_keyless: false,
      auth_type: p.auth_type,
      fields: {},
      config: {},
    })),
  };
  org.configuration = {
    id: objectId(random),
    org_id: org.orgId,
    signup_fields: ['Company'],
    key_request_fields: ['Purpose'],
    require_key_approval: orgIndex === 0,
    secure_key_approval: false,
    redirect_on_key_request: false,
    redirect_to: '',
    enable_multi_selection: true,
    disable_login: false,
    disable_signup: false,
    disable_auto_login: false,
    catalogue_login_only: false,
    oauth_usage_limit: -1,
    email: '',
    override: false,
    HashKeys: true,
  };

  for (let i = 0; i < developerCount; i++) {
    const first = FIRST[Math.floor(random() * FIRST.length)]!;
    const last = LAST[Math.floor(random() * LAST.length)]!;
    const created = ago(Math.floor(random() * 365 + 40)).iso;
    const developer: DeveloperRecord = {
      id: objectId(random),
      email: `${first}.${last}.${i}@${emailDomain}`.toLowerCase(),
      org_id: org.orgId,
      date_created: created,
      inactive: random() < 0.06,
      keys: {},
      subscriptions: {},
      fields: { Name: `${first} ${last}`, Company: COMPANIES[Math.floor(random() * COMPANIES.length)]! },
      oauth_clients: {},
      nonce: '',
      // Some developers come from an identity broker (TIB looks them up by SSO key).
      sso_key: i % 10 === 0 ? `sso-${demo.name.toLowerCase()}-${i}` : '',
      password_max_days: 0,
      password_updated: created,
      PWHistory: [],
      last_login_date: random() < 0.2 ? '0001-01-01T00:00:00Z' : ago(Math.floor(random() * 30)).iso,
    };
    org.developers.set(developer.id, developer);
    org.passwords.set(developer.id, passwordHash);

    const keyCount = Math.floor(random() * 5);
    for (let k = 0; k < keyCount; k++) {
      const chosen = [active[Math.floor(random() * active.length)]!];
      if (random() < 0.25) chosen.push(active[Math.floor(random() * active.length)]!);
      const unique = [...new Map(chosen.filter((p) => p.auth_type !== 'oauth').map((p) => [p._id, p])).values()];
      if (unique.length === 0) continue;
      const issuedAt = ago(Math.floor(random() * 60 + 8));
      // Tyk's {"org","id","h"} key; ids and names are plain hex and words, so no JSON escaping is needed.
      const rawKey = Buffer.from(`{"org":"${org.orgId}","id":"${objectId(random) + objectId(random).slice(0, 8)}","h":"${store.hashFunction}"}`).toString('base64');
      const issued = issueKey(store, org, developer, unique, { rawKey, createdAt: issuedAt.date });
      if (issued.kind === 'key') {
        const session = org.keys.get(issued.hash)!;
        if (session.quota_max > 0) session.quota_remaining = Math.floor(session.quota_max * random());
        const requestId = objectId(random);
        org.keyRequests.set(requestId, {
          id: requestId, org_id: org.orgId, key: issued.hash, for_api: '', by_user: developer.id, for_plan: unique[0]!._id,
          apply_policies: unique.map((p) => p._id), remove_policies: [], approved: true, date_created: issuedAt.iso,
          version: 'v2', fields: { Purpose: 'Production integration' }, oauth_info: null, jwt_secret: '', certificate: '',
        });
      }
    }
    if (oauthPolicy && i % 23 === 5) {
      issueKey(store, org, developer, [oauthPolicy], {
        redirectUri: `https://${developer.fields['Company']!.toLowerCase()}.example/callback`,
        fields: { oauth_app_description: `${developer.fields['Company']} portal app`, oauth_use_case: 'Sign-in for customers' },
        createdAt: ago(20).date,
        // Its own generator, so adding OAuth clients never shifts the ids generated after them.
        random: seededRandom(stringSeed(`oauth|${developer.id}`)),
      });
    }
    if (i % 37 === 3) {
      const requestId = objectId(random);
      const policy = active[Math.floor(random() * active.length)]!;
      org.keyRequests.set(requestId, {
        id: requestId, org_id: org.orgId, key: '', for_api: '', by_user: developer.id, for_plan: policy._id, apply_policies: [policy._id],
        remove_policies: [], approved: false, date_created: ago(Math.floor(random() * 5)).iso,
        version: 'v2', fields: { Purpose: 'Evaluating the API' }, oauth_info: null, jwt_secret: '', certificate: '',
      });
    }
  }
  addDemoTokens(org, now);
}

/** Two live access tokens per Dashboard OAuth client, so token listing and revocation have something to act on. */
function addDemoTokens(org: OrgStore, now: Date) {
  const expires = Math.floor(now.getTime() / 1000) + 3600;
  for (const clients of org.oauthClients.values()) {
    for (const client of clients) {
      const random = seededRandom(stringSeed(`tokens|${client.client_id}`));
      client.tokens = [0, 1].map(() => ({ code: randomHex(32, random), expires }));
    }
  }
}

/** Fills the store with the demo organisations. */
export function loadDemoData(store: DashboardStore, size: DemoSize = {}) {
  const [a, b] = size.developers ?? [250, 30];
  // One hash for every demo developer's password keeps start-up fast; real developers get their own salt.
  const passwordHash = hashPassword(DEMO_PASSWORD, 'demo-salt-0001');
  DEMO_ORGS.forEach((demo, index) => fillOrg(store, demo, index, index === 0 ? a : b, passwordHash));
}
