/**
 * A full garbage collection on demand, for tests of objects that must survive one (vitest's
 * workers do not run with --expose-gc, so the flag is switched on at run time).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

export function collectGarbage(): void {
  collect();
}
