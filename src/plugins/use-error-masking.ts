/**
 * Gives every error in a result a stable `extensions.code`, and masks the unexpected ones.
 *
 * Upstream failures (TykError) and the gateway's own errors are mapped by `toClientGraphQLError`;
 * GraphQLErrors the gateway raised on purpose keep their code; anything else is logged with the
 * request id and replaced by "Unexpected error." carrying that id, so an operator can find the log
 * line while the client learns nothing of the internals.
 */
import { GraphQLError } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { toClientGraphQLError } from '../errors.js';

export function maskGraphQLError(error: GraphQLError, ctx: Pick<GatewayContext, 'requestId' | 'logger'>): GraphQLError {
  const original = error.originalError;
  if (!original) {
    return error.extensions['code'] ? error : withCode(error, 'BAD_USER_INPUT');
  }
  if (original instanceof GraphQLError && original.extensions['code']) return error;
  const mapped = toClientGraphQLError(original);
  if (mapped) {
    return new GraphQLError(mapped.message, { nodes: error.nodes, path: error.path, extensions: mapped.extensions });
  }
  ctx.logger.error({ err: original, path: error.path?.join('.') }, 'unexpected error while resolving a field');
  return new GraphQLError('Unexpected error.', {
    nodes: error.nodes,
    path: error.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: ctx.requestId },
  });
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, path: error.path, extensions: { ...error.extensions, code } });
}

export function useErrorMasking(): Plugin<GatewayContext> {
  const hook = (ctx: GatewayContext) => ({
    onExecuteDone: (payload: Parameters<typeof handleStreamOrSingleExecutionResult>[0]) =>
      handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
        if (result.errors?.length) setResult({ ...result, errors: result.errors.map((e) => maskGraphQLError(e, ctx)) });
      }),
  });
  return {
    onExecute: ({ args }) => hook(args.contextValue as GatewayContext),
    onSubscribe: ({ args }) => {
      const ctx = args.contextValue as GatewayContext;
      return {
        onSubscribeResult: (payload) =>
          handleStreamOrSingleExecutionResult(payload as never, ({ result, setResult }) => {
            if (result.errors?.length) setResult({ ...result, errors: result.errors.map((e) => maskGraphQLError(e, ctx)) });
          }),
      };
    },
  };
}
