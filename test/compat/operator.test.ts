/**
 * tyk-operator's Dashboard client (TykTechnologies/tyk-operator, branch `legacy`:
 * pkg/client/client.go, pkg/client/dashboard/*.go, controllers/portal*_controller.go, recorded
 * samples/), reconciling a new organisation the GitOps way: every request carries
 * `content-type: application/json`, GETs included; policies are listed with `?p=-2`; a create's
 * `Status` is compared case-insensitively and its `Message` taken as the id; the catalogue is
 * addressed as `/api/portal/catalogue/` (trailing slash) and created only after a GET 404
 * (`POST {org_id}`, then a whole-object PUT), the portal configuration likewise after a failed GET;
 * catalogue entries name their policy by its custom `id`; deleting the resource PUTs `apis: null`.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompatEverythingDocument } from '../generated/graphql.js';
import { client, expectConformance, startCompatStack, type CompatStack } from './support.js';

const ORG = { orgId: '5fd08e0f69710900018bc195', name: 'GitOps', credential: 'gitops-operator-credential-41d9' };
/** The policy the operator manages: tyk-operator's recorded sample, without the database id. */
const { _id: _recordedId, ...POLICY } = JSON.parse(readFileSync(new URL('../tyk/fixtures/recorded-policy-get.json', import.meta.url), 'utf8')) as Record<string, unknown>;

let stack: CompatStack;
let tyk: ReturnType<typeof client>;

beforeAll(async () => {
  // No shared cache: the gateway shares the org's catalogue and configuration for 30 s by default,
  // so a write made outside it shows up only after that; these tests read right after writing.
  stack = await startCompatStack({}, { sharedCacheTtlMs: 0 });
  stack.dashboard.addOrg(ORG);
  tyk = client(stack.dashboard.url, { authorization: ORG.credential, 'content-type': 'application/json', 'user-agent': 'Go-http-client/1.1' });
});
afterAll(() => stack.stop());

describe('the operator’s reconciliation of a new organisation', () => {
  let policyMid: string;
  let catalogueId: string;
  let documentationId: string;

  it('creates a policy (Status compared case-insensitively, Message = _id), finds it with ?p=-2 and updates it', async () => {
    const created = await tyk('POST', '/api/portal/policies', POLICY);
    expect(created.status).toBe(200);
    expect(String(created.json.Status).toLowerCase()).toBe('ok');
    policyMid = created.json.Message;
    const all = await tyk('GET', '/api/portal/policies?p=-2');
    expect(all.status).toBe(200);
    // The recorded answer to ?p=-2: every policy, "Pages": 1.
    expect(all.json).toMatchObject({ Data: [expect.objectContaining({ _id: policyMid, id: POLICY['id'] })], Pages: 1 });
    const read = (await tyk('GET', `/api/portal/policies/${policyMid}`)).json;
    const updated = await tyk('PUT', `/api/portal/policies/${policyMid}`, { ...read, rate: 100, per: 60 });
    expect(updated.status).toBe(200);
    expect(updated.json).toEqual({ Status: 'OK', Message: 'Data updated', Meta: null });
  });

  it('creates the catalogue only after GET 404, POSTs {org_id} and PUTs the whole object, entries naming the custom policy id', async () => {
    const missing = await tyk('GET', '/api/portal/catalogue/');
    expect(missing.status).toBe(404);
    // model.Result decodes the error envelope.
    expect(missing.json).toMatchObject({ Status: 'Error', Message: expect.any(String) });
    const created = await tyk('POST', '/api/portal/catalogue/', { id: '', org_id: ORG.orgId, apis: null, email: '' });
    expect(created.status).toBe(200);
    catalogueId = created.json.Message;
    expect(catalogueId).toMatch(/^[0-9a-f]{24}$/);

    const doc = await tyk('POST', '/api/portal/documentation/', { documentation: Buffer.from('{"openapi":"3.0.0"}').toString('base64'), doc_type: 'swagger', api_id: POLICY['id'] });
    expect(doc.status).toBe(200);
    documentationId = doc.json.Message;

    const entry = { name: 'httpbin', auth_type: 'authToken', show: true, short_description: 'Echo service', version: 'v2', policy_id: POLICY['id'], documentation: documentationId };
    const put = await tyk('PUT', '/api/portal/catalogue/', { id: catalogueId, org_id: ORG.orgId, apis: [entry], email: '' });
    expect(put.status).toBe(200);
    expect((await tyk('GET', '/api/portal/catalogue/')).json).toMatchObject({ id: catalogueId, org_id: ORG.orgId, apis: [expect.objectContaining(entry)] });
    // A second reconcile finds it and never POSTs; had it POSTed, the catalogue would be kept.
    const again = await tyk('POST', '/api/portal/catalogue/', { id: '', org_id: ORG.orgId, apis: null, email: '' });
    expect(again.status).toBe(400);
    expect((await tyk('GET', '/api/portal/catalogue/')).json.apis).toHaveLength(1);
  });

  it('creates the portal configuration after a failed GET, then updates it with its id and org', async () => {
    expect((await tyk('GET', '/api/portal/configuration')).status).toBe(404);
    // PortalModelPortalConfig marshals with omitempty: false and empty values are left out.
    const created = await tyk('POST', '/api/portal/configuration', { signup_fields: ['Company'], require_key_approval: true, redirect_to: '/welcome', oauth_usage_limit: 5 });
    expect(created.status).toBe(200);
    const current = (await tyk('GET', '/api/portal/configuration')).json;
    expect(current).toMatchObject({ id: created.json.Message, org_id: ORG.orgId, require_key_approval: true, signup_fields: ['Company'] });
    const updated = await tyk('PUT', '/api/portal/configuration', { id: current.id, org_id: current.org_id, signup_fields: ['Company', 'Team'], disable_signup: true });
    expect(updated.status).toBe(200);
    expect((await tyk('GET', '/api/portal/configuration')).json).toMatchObject({ id: current.id, signup_fields: ['Company', 'Team'], disable_signup: true });
  });

  it('answers every OpenAPI-described route as Tyk’s file says', () => {
    expectConformance(stack.conformance);
  });

  it('reads what the operator wrote through the gateway: the catalogue entry resolves its policy by custom id', async () => {
    const read = await stack.execute(CompatEverythingDocument, {}, { credential: ORG.credential });
    expect(read.errors).toBeUndefined();
    expect(read.data!.catalogue).toEqual([expect.objectContaining({ name: 'httpbin', policyId: POLICY['id'], policy: { id: policyMid, name: POLICY['name'] } })]);
    expect(read.data!.portalConfiguration).toMatchObject({ signupFields: ['Company', 'Team'], disableSignup: true, requireKeyApproval: false });
    expect(read.data!.policies).toEqual([expect.objectContaining({ id: policyMid, rate: 100, per: 60 })]);
  });

  it('deletes: documentation by id, then the catalogue emptied with apis: null, which the gateway reads as no entries', async () => {
    expect((await tyk('DELETE', `/api/portal/documentation/${documentationId}`)).status).toBe(200);
    expect((await tyk('PUT', '/api/portal/catalogue/', { id: catalogueId, org_id: ORG.orgId, apis: null, email: '' })).status).toBe(200);
    const read = await stack.execute(CompatEverythingDocument, {}, { credential: ORG.credential });
    expect(read.errors).toBeUndefined();
    expect(read.data!.catalogue).toEqual([]);
    expectConformance(stack.conformance);
  });
});
