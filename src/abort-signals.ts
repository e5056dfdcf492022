/**
 * One signal that aborts when any of its sources does.
 *
 * Node 20's `AbortSignal.any` holds its sources only weakly, and `AbortSignal.timeout` is kept alive
 * only by listeners: a deadline signal that nothing else references can be collected before it
 * fires, and then the combined signal never aborts (a GC at the wrong moment turned a 300 ms request
 * deadline into a 2 s wait). The combined signal here holds its sources strongly, so a source lives
 * as long as the signal that depends on it.
 */
const SOURCES = Symbol('abort sources');

export function anySignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  // The loaders pass the request's own signal again: combining a signal with itself would cost an
  // AbortSignal.any (slow, and garbage for the collector) per upstream call for nothing.
  if (!a || !b || a === b) return a ?? b;
  const sources = [a, b];
  const combined = AbortSignal.any(sources);
  Object.defineProperty(combined, SOURCES, { value: sources });
  return combined;
}
