/**
 * Gives every error in a result a stable `extensions.code`, and masks the unexpected ones.
 *
 * Upstream failures (TykError) and the gateway's own errors are mapped by `toClientGraphQLError`;
 * GraphQLErrors the gateway raised on purpose keep their code; anything else is logged with the
 * request id and replaced by "Unexpected error." carrying that id, so an operator can find the log
 * line while the client learns nothing of the internals.
 */
import { GraphQLError, type Source } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { errorInPlaceOf, toClientGraphQLError } from '../errors.js';
import { SubscriberStream } from '../subscriptions/subscriber-stream.js';

/** `source`: the operation's document, to place errors that carry only locations (graphql-jit's). */
export function maskGraphQLError(error: GraphQLError, ctx: Pick<GatewayContext, 'requestId' | 'logger'>, source?: Source): GraphQLError {
  const original = error.originalError;
  if (!original) {
    return error.extensions?.['code'] ? error : withCode(error, 'BAD_USER_INPUT', source);
  }
  if (original instanceof GraphQLError && original.extensions?.['code']) return error;
  const mapped = toClientGraphQLError(original);
  if (mapped) {
    return errorInPlaceOf(error, mapped.message, mapped.extensions, source);
  }
  ctx.logger.error({ err: original, path: error.path?.join('.') }, 'unexpected error while resolving a field');
  return errorInPlaceOf(error, 'Unexpected error.', { code: 'INTERNAL_SERVER_ERROR', requestId: ctx.requestId }, source);
}

function withCode(error: GraphQLError, code: string, source: Source | undefined): GraphQLError {
  return errorInPlaceOf(error, error.message, { ...error.extensions, code }, source);
}

export function useErrorMasking(): Plugin<GatewayContext> {
  const hook = (ctx: GatewayContext, source: Source | undefined) => ({
    onExecuteDone: (payload: Parameters<typeof handleStreamOrSingleExecutionResult>[0]) =>
      handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
        if (result.errors?.length) setResult({ ...result, errors: result.errors.map((e) => maskGraphQLError(e, ctx, source)) });
      }),
  });
  return {
    onExecute: ({ args }) => hook(args.contextValue as GatewayContext, args.document.loc?.source),
    onSubscribe: ({ args }) => {
      const ctx = args.contextValue as GatewayContext;
      return {
        onSubscribeResult: (payload) =>
          // The subscription hub masks each event once per group (src/subscriptions/hub.ts): its
          // streams need no second pass per subscriber.
          payload.result instanceof SubscriberStream
            ? undefined
            : handleStreamOrSingleExecutionResult(payload as never, ({ result, setResult }) => {
                if (result.errors?.length) setResult({ ...result, errors: result.errors.map((e) => maskGraphQLError(e, ctx)) });
              }),
      };
    },
  };
}
