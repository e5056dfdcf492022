/** The input id checks live in the domain layer (src/domain/ids.ts); re-exported for type files. */
export { inputId, queryId } from '../domain/ids.js';
