/**
 * Runs hot query operations through graphql-jit: an operation is compiled into a function that
 * resolves exactly its selection, which spends less CPU per field than graphql-js's generic walk
 * (a 100-developer overview completes thousands of fields per request).
 *
 * Compiling costs far more than one execution (≈ 3 ms for the overview, ≈ 20 ms for a wide query
 * within the armor limits, on the benchmark machine), so an operation is compiled only after it ran
 * `interpretedRuns` times on graphql-js (default 10). Frontends send the same few documents over
 * and over and soon run compiled; a client that sends a new document every time never makes the
 * gateway compile, so compiling is no lever for a denial of service.
 *
 * Each compiled function is kept per operation, not per document: a document with several
 * operations runs the one the request names. It lives as long as Yoga's parse cache keeps the
 * document (the cache hands back the same document object for the same text).
 *
 * Mutations and subscriptions stay on graphql-js: they complete few fields, and their paths (typed
 * error unions, per-event context renewal, subscription filters) are where a second executor would
 * only add risk. Validation, armor limits, auth scopes and error masking are unchanged: they run
 * before execution or inside the resolvers, which both executors call alike.
 */
import { getOperationAST, type DocumentNode, type ExecutionArgs, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

/** Default of `interpretedRuns`. */
export const JIT_INTERPRETED_RUNS = 10;

export interface QueryJitOptions {
  /** Runs of an operation on graphql-js before it is compiled; default 10 (0: compile at once). */
  interpretedRuns?: number;
  /** Told of every compilation and whether graphql-jit could compile the operation (metrics). */
  onCompile?: (outcome: 'compiled' | 'failed') => void;
}

/** The query operation a request runs, or undefined for mutations, subscriptions and unknown names. */
export function queryOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operation = getOperationAST(document, operationName);
  return operation?.operation === 'query' ? operation : undefined;
}

/** Runs so far, and the compiled function once there is one (null: graphql-jit could not compile it). */
interface OperationState {
  runs: number;
  compiled?: CompiledQuery | null;
}

/** The compiled operation, or null when graphql-jit answers with errors (or throws) instead. */
function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): CompiledQuery | null {
  try {
    const result = compileQuery(schema, document, operationName);
    return isCompiledQuery(result) ? result : null;
  } catch {
    return null;
  }
}

export function useQueryJit(options: QueryJitOptions = {}): Plugin {
  const interpretedRuns = Math.max(0, options.interpretedRuns ?? JIT_INTERPRETED_RUNS);
  const states = new WeakMap<OperationDefinitionNode, OperationState>();

  function compiledFor(args: ExecutionArgs): CompiledQuery | undefined {
    const operation = queryOperation(args.document, args.operationName);
    if (!operation) return undefined;
    let state = states.get(operation);
    if (!state) states.set(operation, (state = { runs: 0 }));
    if (state.compiled === undefined && state.runs >= interpretedRuns) {
      state.compiled = compile(args.schema, args.document, operation.name?.value);
      options.onCompile?.(state.compiled ? 'compiled' : 'failed');
    }
    state.runs += 1;
    return state.compiled ?? undefined;
  }

  return {
    onExecute({ args, setExecuteFn }) {
      const compiled = compiledFor(args);
      if (compiled) setExecuteFn((run: ExecutionArgs) => compiled.query(run.rootValue, run.contextValue, run.variableValues));
    },
  };
}
