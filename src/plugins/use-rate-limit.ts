/**
 * Rate limits on mutations, checked before a mutation operation executes (over HTTP, SSE and
 * graphql-ws alike): a refused operation runs no field and makes no upstream call, and answers one
 * `RATE_LIMITED` error (HTTP 429 with `Retry-After`). Queries and subscriptions are not limited.
 *
 * Buckets, each a fixed window:
 * - every root mutation field counts against its principal (`mutations:<principal key>`);
 * - password checks (`login`, `verifyDeveloperCredentials`, a developer's `setDeveloperPassword`)
 *   also count against the email tried (or the developer addressed) and the caller's address, so
 *   guessing is slow whoever asks and whichever email is tried;
 * - `resetPassword` (a reset token) counts against the address's password-check budget;
 * - `requestPasswordReset` counts against the email's and the address's reset budgets;
 * - `signup` also counts against the caller's address.
 * Root fields are counted wherever the operation writes them, fragments included
 * (src/security/root-fields.ts); a fragment hides nothing.
 */
import { getArgumentValues, GraphQLError, type DocumentNode, type FieldNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { fingerprint } from '../principal.js';
import { PASSWORD_CHECK_FIELDS, passwordCheckFields } from '../security/password-checks.js';
import type { RateLimiter, RateRule } from '../security/rate-limiter.js';
import { rootFields, selectedOperation } from '../security/root-fields.js';

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
  /** Password-reset emails asked for per email per hour; default 3. */
  resetPerEmail?: number;
  /** Password-reset emails asked for per client address per hour; default 10. */
  resetPerAddress?: number;
}

export const RATE_LIMIT_DEFAULTS = { mutationsPerMinute: 60, loginPerEmail: 10, loginPerAddress: 30, signupPerAddress: 10, resetPerEmail: 3, resetPerAddress: 10 } as const;

const MINUTE = 60_000;

interface Charge {
  bucket: string;
  rule: RateRule;
}

/** A string argument of a mutation field, trimmed and lower-cased; '' when it cannot be read. */
function stringArgument(schema: GraphQLSchema, field: FieldNode, argument: string, variables: Record<string, unknown> | undefined): string {
  const definition = schema.getMutationType()?.getFields()[field.name.value];
  if (!definition) return '';
  try {
    const value = getArgumentValues(definition, field, variables ?? {})[argument];
    return typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : '';
  } catch {
    return ''; // malformed arguments are refused by execution itself
  }
}

/** The account a credential field is about (fingerprint of the email or developer id); undefined when it names none. */
function accountOf(schema: GraphQLSchema, field: FieldNode, variables: Record<string, unknown> | undefined): string | undefined {
  const account = PASSWORD_CHECK_FIELDS[field.name.value]?.account;
  return account ? `${account}:${fingerprint(stringArgument(schema, field, account, variables))}` : undefined;
}

export function useRateLimit(options: RateLimitOptions): Plugin<GatewayContext> {
  const o = { ...RATE_LIMIT_DEFAULTS, ...options };
  const perPrincipal: RateRule = { limit: o.mutationsPerMinute, windowMs: MINUTE };
  const perEmail: RateRule = { limit: o.loginPerEmail, windowMs: 15 * MINUTE };
  const perAddress: RateRule = { limit: o.loginPerAddress, windowMs: 15 * MINUTE };
  const signups: RateRule = { limit: o.signupPerAddress, windowMs: 60 * MINUTE };
  const resetsPerEmail: RateRule = { limit: o.resetPerEmail, windowMs: 60 * MINUTE };
  const resetsPerAddress: RateRule = { limit: o.resetPerAddress, windowMs: 60 * MINUTE };

  /** What one mutation operation costs, bucket by bucket. */
  const chargesOf = (
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    ctx: GatewayContext,
    variables: Record<string, unknown> | undefined,
  ) => {
    const charges: Charge[] = [];
    for (const field of rootFields(document, operation)) {
      charges.push({ bucket: `mutations:${ctx.principal.key}`, rule: perPrincipal });
      if (field.name.value === 'signup') charges.push({ bucket: `signup-address:${ctx.clientAddress}`, rule: signups });
    }
    for (const field of passwordCheckFields(document, operation)) {
      const account = accountOf(schema, field, variables);
      if (PASSWORD_CHECK_FIELDS[field.name.value]?.kind === 'reset-request') {
        charges.push({ bucket: `reset-${account}`, rule: resetsPerEmail }, { bucket: `reset-address:${ctx.clientAddress}`, rule: resetsPerAddress });
        continue;
      }
      if (account) charges.push({ bucket: `login-${account}`, rule: perEmail });
      charges.push({ bucket: `login-address:${ctx.clientAddress}`, rule: perAddress });
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
      for (const charge of chargesOf(args.schema, args.document, operation, ctx, args.variableValues as Record<string, unknown> | undefined)) {
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
