/**
 * List arguments are capped: an oversized list is a ValidationError naming the argument, answered
 * before any upstream call.
 */
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CUSTOM_FIELDS } from '../../src/domain/validation.js';
import { MAX_POLICIES_PER_KEY } from '../../src/domain/keys.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

const DEVELOPER = '5e9d9544a1dcd60001d0ed99';
const policyIds = (n: number) => Array.from({ length: n }, (_, i) => i.toString(16).padStart(24, '0'));
const fields = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `f${i}`, value: 'v' }));

const cases: [string, string, Record<string, unknown>, string][] = [
  ['addKey policyIds', `mutation($p: [ID!]!) { result: addKey(developerId: "${DEVELOPER}", policyIds: $p) { ... on ValidationError { field } } }`, { p: policyIds(MAX_POLICIES_PER_KEY + 1) }, 'policyIds'],
  ['changeKeyPolicies policyIds', `mutation($p: [ID!]!) { result: changeKeyPolicies(developerId: "${DEVELOPER}", keyId: "abc", policyIds: $p) { ... on ValidationError { field } } }`, { p: policyIds(500) }, 'policyIds'],
  ['requestKey policyIds', `mutation($p: [ID!]!) { result: requestKey(input: { developerId: "${DEVELOPER}", policyIds: $p }) { ... on ValidationError { field } } }`, { p: policyIds(MAX_POLICIES_PER_KEY + 1) }, 'input.policyIds'],
  ['requestKey fields', `mutation($f: [CustomFieldInput!]) { result: requestKey(input: { developerId: "${DEVELOPER}", policyIds: ["${policyIds(1)[0]}"], fields: $f }) { ... on ValidationError { field } } }`, { f: fields(MAX_CUSTOM_FIELDS + 1) }, 'input.fields'],
  ['addKey fields', `mutation($f: [CustomFieldInput!]) { result: addKey(developerId: "${DEVELOPER}", policyIds: ["${policyIds(1)[0]}"], fields: $f) { ... on ValidationError { field } } }`, { f: fields(MAX_CUSTOM_FIELDS + 1) }, 'fields'],
  ['updateDeveloper fields', `mutation($f: [CustomFieldInput!]) { result: updateDeveloper(id: "${DEVELOPER}", input: { fields: $f }) { ... on ValidationError { field } } }`, { f: fields(MAX_CUSTOM_FIELDS + 1) }, 'input.fields'],
  ['updateDeveloper removeFields', `mutation($r: [String!]) { result: updateDeveloper(id: "${DEVELOPER}", input: { removeFields: $r }) { ... on ValidationError { field } } }`, { r: Array.from({ length: 2_000 }, (_, i) => `f${i}`) }, 'input.removeFields'],
  ['createDeveloper fields', `mutation($f: [CustomFieldInput!]) { result: createDeveloper(input: { email: "caps@example.com", password: "long-enough", fields: $f }) { ... on ValidationError { field } } }`, { f: fields(MAX_CUSTOM_FIELDS + 1) }, 'input.fields'],
];

describe('list arguments', () => {
  it.each(cases)('%s over the cap is a ValidationError with no upstream call', async (_name, query, variables, field) => {
    stack.dashboard.requestLog.clear();
    const result = await stack.execute(parse(query), variables);
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ result: { field } });
    expect(stack.dashboard.requestLog.count()).toBe(0);
  });
});
