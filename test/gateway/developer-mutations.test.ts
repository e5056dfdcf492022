/**
 * Developer mutations end to end against the embedded Dashboard: typed results, typed errors, and
 * no upstream write when the input is bad.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddKeyDocument,
  CreateDeveloperDocument,
  DeleteDeveloperDocument,
  DeveloperByEmailDocument,
  PoliciesDocument,
  SetDeveloperPasswordDocument,
  UpdateDeveloperDocument,
  VerifyDeveloperCredentialsDocument,
} from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
let policyId: string;
beforeAll(async () => {
  stack = await startStack();
  const policies = await stack.execute(PoliciesDocument, { active: true });
  policyId = policies.data!.policies[0]!.id;
});
afterAll(() => stack.stop());

const writes = () => stack.dashboard.requestLog.entries().filter((e) => e.method !== 'GET');
let counter = 0;
const uniqueEmail = () => `new-dev-${Date.now()}-${counter++}@example.com`;

async function createDeveloper(email = uniqueEmail()) {
  const result = await stack.execute(CreateDeveloperDocument, {
    input: { email, password: 'correct-horse', name: 'Ada Lovelace', fields: [{ name: 'Company', value: 'Analytical' }] },
  });
  const payload = result.data!.createDeveloper;
  if (payload.__typename !== 'DeveloperPayload') throw new Error(`create failed: ${JSON.stringify(payload)}`);
  return payload.developer;
}

describe('createDeveloper', () => {
  it('creates a developer whose name and custom fields read back', async () => {
    const email = uniqueEmail();
    const developer = await createDeveloper(email);
    expect(developer.email).toBe(email);
    expect(developer.name).toBe('Ada Lovelace');
    expect(developer.fields).toEqual(expect.arrayContaining([{ name: 'Company', value: 'Analytical' }]));
    const read = await stack.execute(DeveloperByEmailDocument, { email });
    expect(read.data!.developerByEmail!.id).toBe(developer.id);
  });

  it('rejects a short password and a bad email as ValidationError without writing upstream', async () => {
    stack.dashboard.requestLog.clear();
    const short = await stack.execute(CreateDeveloperDocument, { input: { email: uniqueEmail(), password: '123' } });
    expect(short.data!.createDeveloper).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', field: 'input.password' });
    const bad = await stack.execute(CreateDeveloperDocument, { input: { email: 'not-an-email', password: 'long-enough' } });
    expect(bad.data!.createDeveloper).toMatchObject({ __typename: 'ValidationError', field: 'input.email' });
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });

  it('rejects a duplicate email as ValidationError without a write', async () => {
    const existing = await createDeveloper();
    stack.dashboard.requestLog.clear();
    const again = await stack.execute(CreateDeveloperDocument, { input: { email: existing.email, password: 'long-enough' } });
    expect(again.data!.createDeveloper).toMatchObject({ __typename: 'ValidationError', field: 'input.email' });
    expect(writes()).toEqual([]);
  });
});

describe('updateDeveloper', () => {
  it('changes only the given fields and keeps keys and custom fields', async () => {
    const developer = await createDeveloper();
    const issued = await stack.execute(AddKeyDocument, { developerId: developer.id, policyIds: [policyId] });
    expect(issued.data!.addKey.__typename).toBe('IssuedKey');

    const result = await stack.execute(UpdateDeveloperDocument, {
      id: developer.id,
      input: { name: 'Countess Lovelace', fields: [{ name: 'Role', value: 'Programmer' }] },
    });
    const payload = result.data!.updateDeveloper;
    if (payload.__typename !== 'DeveloperPayload') throw new Error(JSON.stringify(payload));
    expect(payload.developer.name).toBe('Countess Lovelace');
    expect(payload.developer.email).toBe(developer.email);
    expect(payload.developer.fields).toEqual(
      expect.arrayContaining([
        { name: 'Company', value: 'Analytical' },
        { name: 'Role', value: 'Programmer' },
      ]),
    );
    expect(payload.developer.keys).toHaveLength(1);
    expect(payload.developer.keys[0]!.policies.map((p) => p.id)).toEqual([policyId]);
  });

  it('removes named custom fields and can deactivate the account', async () => {
    const developer = await createDeveloper();
    const result = await stack.execute(UpdateDeveloperDocument, { id: developer.id, input: { removeFields: ['Company'], inactive: true } });
    const payload = result.data!.updateDeveloper;
    if (payload.__typename !== 'DeveloperPayload') throw new Error(JSON.stringify(payload));
    expect(payload.developer.fields.map((f) => f.name)).not.toContain('Company');
    expect(payload.developer.inactive).toBe(true);
  });

  it('answers NotFoundError for an unknown developer without writing', async () => {
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(UpdateDeveloperDocument, { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', input: { name: 'x' } });
    expect(result.data!.updateDeveloper).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND', resource: 'Developer' });
    expect(writes()).toEqual([]);
  });

  it('refuses to take another developer’s email', async () => {
    const a = await createDeveloper();
    const b = await createDeveloper();
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(UpdateDeveloperDocument, { id: b.id, input: { email: a.email } });
    expect(result.data!.updateDeveloper).toMatchObject({ __typename: 'ValidationError', field: 'input.email' });
    expect(writes()).toEqual([]);
  });
});

describe('passwords', () => {
  it('verifies credentials, changes the password, and verifies again', async () => {
    const developer = await createDeveloper();
    const ok = await stack.execute(VerifyDeveloperCredentialsDocument, { email: developer.email, password: 'correct-horse' });
    expect(ok.data!.verifyDeveloperCredentials).toMatchObject({ valid: true, developer: { id: developer.id } });
    const wrong = await stack.execute(VerifyDeveloperCredentialsDocument, { email: developer.email, password: 'battery-staple' });
    expect(wrong.data!.verifyDeveloperCredentials).toMatchObject({ valid: false, developer: null });

    const changed = await stack.execute(SetDeveloperPasswordDocument, { id: developer.id, password: 'battery-staple' });
    expect(changed.data!.setDeveloperPassword).toEqual({ __typename: 'SetDeveloperPasswordPayload', developerId: developer.id });
    const now = await stack.execute(VerifyDeveloperCredentialsDocument, { email: developer.email, password: 'battery-staple' });
    expect(now.data!.verifyDeveloperCredentials).toMatchObject({ valid: true });
  });

  it('rejects a too-short new password before any upstream call', async () => {
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(SetDeveloperPasswordDocument, { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', password: 'short' });
    expect(result.data!.setDeveloperPassword).toMatchObject({ __typename: 'ValidationError', field: 'password' });
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });
});

describe('deleteDeveloper', () => {
  it('deletes the developer, then answers NotFoundError for it', async () => {
    const developer = await createDeveloper();
    const result = await stack.execute(DeleteDeveloperDocument, { id: developer.id });
    expect(result.data!.deleteDeveloper).toEqual({ __typename: 'DeleteDeveloperPayload', deletedId: developer.id });
    const again = await stack.execute(DeleteDeveloperDocument, { id: developer.id });
    expect(again.data!.deleteDeveloper).toMatchObject({ __typename: 'NotFoundError', id: developer.id });
  });
});
