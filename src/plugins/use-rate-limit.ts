/**
 * Rate limits on mutations, checked before a mutation operation executes (over HTTP, SSE and
 * graphql-ws alike): a refused operation runs no field and makes no upstream call, and answers one
 * `RATE_LIMITED` error (HTTP 429 with `Retry-After`). Queries and subscriptions are not limited.
 *
 * Buckets, each a fixed window:
 * - every root mutation field counts against its principal (`mutations:<principal key>`);
 * - password checks (`login`, `verifyDeveloperCredentials`) also count against the email tried and
 *   the caller's address, so guessing is slow whoever asks and whichever email is tried;
 * - `signup` also counts against the caller's address.
 */
import { getArgumentValues, GraphQLError, Kind, type DocumentNode, type FieldNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { fingerprint } from '../principal.js';
import type { RateLimiter, RateRule } from '../security/rate-limiter.js';

export interface RateLimitOptions {
  limiter: RateLimiter;
  /** Mutation fields per principal per minute; default 60; 0 turns every limit off. */
  mutationsPerMinute?: number;
  /** Password checks per email per 15 minutes; default 10. */
  loginPerEmail?: number;
  /** Password checks per client address per 15 minutes; default 30. */
  loginPerAddress?: number;
  /** Sign-ups per client address per hour; default 10. */
  signupPerAddress?: number;
}

export const RATE_LIMIT_DEFAULTS = { mutationsPerMinute: 60, loginPerEmail: 10, loginPerAddress: 30, signupPerAddress: 10 } as const;

/** Mutation fields that check a password, and the argument holding the email. */
const PASSWORD_CHECKS: Record<string, string> = { login: 'email', verifyDeveloperCredentials: 'email' };
const MINUTE = 60_000;

interface Charge {
  bucket: string;
  rule: RateRule;
}

function selectedOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
}

/** The email argument of a password-checking field, lower-cased; '' when it cannot be read. */
function emailArgument(schema: GraphQLSchema, field: FieldNode, argument: string, variables: Record<string, unknown> | undefined): string {
  const definition = schema.getMutationType()?.getFields()[field.name.value];
  if (!definition) return '';
  try {
    const value = getArgumentValues(definition, field, variables ?? {})[argument];
    return typeof value === 'string' ? value.trim().toLowerCase() : '';
  } catch {
    return ''; // malformed arguments are refused by execution itself
  }
}

export function useRateLimit(options: RateLimitOptions): Plugin<GatewayContext> {
  const o = { ...RATE_LIMIT_DEFAULTS, ...options };
  const perPrincipal: RateRule = { limit: o.mutationsPerMinute, windowMs: MINUTE };
  const perEmail: RateRule = { limit: o.loginPerEmail, windowMs: 15 * MINUTE };
  const perAddress: RateRule = { limit: o.loginPerAddress, windowMs: 15 * MINUTE };
  const signups: RateRule = { limit: o.signupPerAddress, windowMs: 60 * MINUTE };

  /** What one mutation operation costs, bucket by bucket. */
  const chargesOf = (schema: GraphQLSchema, operation: OperationDefinitionNode, ctx: GatewayContext, variables: Record<string, unknown> | undefined) => {
    const charges: Charge[] = [];
    for (const selection of operation.selectionSet.selections) {
      // Root fragments count as one field each: they cannot dodge the principal's bucket.
      charges.push({ bucket: `mutations:${ctx.principal.key}`, rule: perPrincipal });
      if (selection.kind !== Kind.FIELD) continue;
      const name = selection.name.value;
      const emailArg = PASSWORD_CHECKS[name];
      if (emailArg) {
        charges.push({ bucket: `login-email:${fingerprint(emailArgument(schema, selection, emailArg, variables))}`, rule: perEmail });
        charges.push({ bucket: `login-address:${ctx.clientAddress}`, rule: perAddress });
      }
      if (name === 'signup') charges.push({ bucket: `signup-address:${ctx.clientAddress}`, rule: signups });
    }
    return charges;
  };

  return {
    async onExecute({ args, setResultAndStopExecution }) {
      if (o.mutationsPerMinute <= 0) return;
      const operation = selectedOperation(args.document, args.operationName);
      if (operation?.operation !== 'mutation') return;
      const ctx = args.contextValue as GatewayContext;
      // The same bucket charged several times in one operation is charged once, with the total.
      const totals = new Map<string, Charge & { units: number }>();
      for (const charge of chargesOf(args.schema, operation, ctx, args.variableValues as Record<string, unknown> | undefined)) {
        const seen = totals.get(charge.bucket);
        if (seen) seen.units += 1;
        else totals.set(charge.bucket, { ...charge, units: 1 });
      }
      const decisions = await Promise.all([...totals.values()].map((c) => o.limiter.consume(c.bucket, c.rule, c.units)));
      const refused = decisions.filter((d) => !d.allowed);
      if (refused.length === 0) return;
      const seconds = Math.max(1, Math.ceil(Math.max(...refused.map((d) => d.retryAfterMs)) / 1000));
      ctx.logger.warn({ principal: ctx.principal.kind, retryAfterSeconds: seconds }, 'rate limit reached');
      setResultAndStopExecution({
        errors: [
          new GraphQLError(`Too many requests; retry in ${seconds} s.`, {
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds, http: { status: 429, headers: { 'retry-after': String(seconds) } } },
          }),
        ],
      });
    },
  };
}
