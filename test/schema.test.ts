import { readFileSync } from 'node:fs';
import { type GraphQLObjectType, isInputObjectType, isInterfaceType, isObjectType, isEnumType, isUnionType, isScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printSchemaSdl, schema } from '../src/schema/index.js';

describe('the committed schema', () => {
  it('matches the schema the code builds (run `npm run codegen` when this fails)', () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(committed.trim()).toBe(printSchemaSdl().trim());
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isScalarType(type) && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      if (isUnionType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });

  it('keeps the public type names frontends code against', () => {
    for (const name of ['Developer', 'Key', 'Policy', 'CatalogueEntry', 'OAuthClient', 'UsageBucket', 'KeyRequest', 'PortalConfiguration', 'DateTime', 'JSON']) {
      expect(schema.getType(name), name).toBeDefined();
    }
  });

  it('has no output field that could carry a password or secret, but the owner-only OAuth client secret', () => {
    const offending = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
      .flatMap((type) => Object.keys((type as { getFields(): object }).getFields()).map((field) => `${type.name}.${field}`))
      .filter((name) => /\.(password|secret|clientSecret|passwordHash|pwHistory|rawSecret)$/i.test(name));
    // OAuthClient.secret: its auth scope admits only the owning developer's session
    // (test/security/principals.test.ts proves it). NewOAuthClient.secret: the secret of a client
    // just created, in the answer of the mutation that created it only, as IssuedKey.rawKey is.
    expect(offending.sort()).toEqual(['NewOAuthClient.secret', 'OAuthClient.secret']);
    expect(authScopesOf(schema.getType('OAuthClient') as GraphQLObjectType, 'secret')).toBeTypeOf('function');
  });

  it('declares who may use every root field: nothing is public by omission', () => {
    const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((t): t is GraphQLObjectType => !!t);
    const undeclared = roots.flatMap((root) => Object.keys(root.getFields()).filter((field) => !authScopesOf(root, field)).map((f) => `${root.name}.${f}`));
    expect(undeclared).toEqual([]);
    const publicFields = roots.flatMap((root) =>
      Object.keys(root.getFields()).filter((field) => (authScopesOf(root, field) as { public?: boolean })?.public === true).map((f) => `${root.name}.${f}`),
    );
    expect(publicFields.sort()).toEqual(['Mutation.login', 'Mutation.requestPasswordReset', 'Mutation.resetPassword', 'Mutation.signup', 'Query.catalogue', 'Query.portalConfiguration', 'Query.viewer']);
  });
});

/** The `authScopes` option a Pothos field was declared with (a scope map or a function). */
function authScopesOf(type: GraphQLObjectType, field: string): unknown {
  const options = type.getFields()[field]?.extensions?.['pothosOptions'] as { authScopes?: unknown } | undefined;
  return options?.authScopes;
}
