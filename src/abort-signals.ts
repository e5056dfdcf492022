/**
 * One signal that aborts when any of its sources does.
 *
 * Node 20's `AbortSignal.any` holds its sources only weakly, and `AbortSignal.timeout` is kept alive
 * only by listeners: a deadline signal that nothing else references can be collected before it
 * fires, and then the combined signal never aborts (a GC at the wrong moment turned a 300 ms request
 * deadline into a 2 s wait). The combined signal here holds its sources strongly, so a source lives
 * as long as the signal that depends on it.
 */
import { types } from 'node:util';

const SOURCES = Symbol('abort sources');

/**
 * Yoga's request signal (from @whatwg-node/server) is a Proxy that only pretends to be an
 * AbortSignal. Node 20 and 22's `AbortSignal.any` accept it (the Proxy answers their internals);
 * Node 24 and later check the real type and throw "signals[0] is not of type AbortSignal". Once
 * that has been seen, such a signal is combined through a native mirror (one per source, aborting
 * with it), so nothing changes where it is accepted.
 */
let proxiesRefused = false;
const mirrors = new WeakMap<AbortSignal, AbortSignal>();

function native(signal: AbortSignal): AbortSignal {
  if (!types.isProxy(signal)) return signal;
  let mirror = mirrors.get(signal);
  if (!mirror) {
    const controller = new AbortController();
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
    mirrors.set(signal, (mirror = controller.signal));
  }
  return mirror;
}

function combine(sources: AbortSignal[]): AbortSignal {
  if (proxiesRefused) return AbortSignal.any(sources.map(native));
  try {
    return AbortSignal.any(sources);
  } catch (error) {
    if (!(error instanceof TypeError) || !sources.some((s) => types.isProxy(s))) throw error;
    proxiesRefused = true;
    return AbortSignal.any(sources.map(native));
  }
}

export function anySignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  // The loaders pass the request's own signal again: combining a signal with itself would cost an
  // AbortSignal.any (slow, and garbage for the collector) per upstream call for nothing.
  if (!a || !b || a === b) return a ?? b;
  const sources = [a, b];
  const combined = combine(sources);
  Object.defineProperty(combined, SOURCES, { value: sources });
  return combined;
}
