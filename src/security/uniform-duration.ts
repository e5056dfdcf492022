/**
 * Uniform answer times for flows whose natural duration would tell which emails exist: a wrong
 * password costs the Dashboard a hash comparison that an unknown email does not, a sign-up for a
 * free email makes two upstream calls that a taken one does not, a reset for a known email writes
 * a token. `run(work)` answers no sooner than a floor plus a random jitter, whatever `work` did.
 *
 * The floor is the larger of `minMs` and the slowest of the last `window` runs (capped at `maxMs`),
 * so it follows a slow Dashboard on its own: once a slow path has been seen, every path is answered
 * at least that late. Only a run slower than everything in the window is answered later than the
 * others (then at its own time plus jitter), which one outlier per window can reveal at most.
 */
import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface UniformDurationOptions {
  /** Shortest answer time in ms; default 150. */
  minMs?: number;
  /** Random extra time in ms, uniform in [0, jitterMs]; default 50. */
  jitterMs?: number;
  /** Runs whose slowest sets the floor; default 32. */
  window?: number;
  /** Highest floor in ms, whatever was observed; default 2 000. */
  maxMs?: number;
}

export class UniformDuration {
  readonly #minMs: number;
  readonly #jitterMs: number;
  readonly #maxMs: number;
  readonly #recent: number[];
  #next = 0;

  constructor(options: UniformDurationOptions = {}) {
    this.#minMs = options.minMs ?? 150;
    this.#jitterMs = options.jitterMs ?? 50;
    this.#maxMs = options.maxMs ?? 2_000;
    this.#recent = new Array<number>(Math.max(1, options.window ?? 32)).fill(0);
  }

  /** The current floor in ms (before jitter). */
  get floorMs(): number {
    return Math.min(this.#maxMs, Math.max(this.#minMs, ...this.#recent));
  }

  /** Runs `work` and settles as it did, but not before the floor plus jitter has passed. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const outcome = await work().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const took = performance.now() - started;
    this.#recent[this.#next] = took;
    this.#next = (this.#next + 1) % this.#recent.length;
    const wait = this.floorMs + (this.#jitterMs > 0 ? randomInt(0, this.#jitterMs + 1) : 0) - took;
    if (wait > 0) await sleep(wait);
    if (outcome.ok) return outcome.value;
    throw outcome.error;
  }
}

/** Runs work as it comes, for servers that turn uniform timing off (benchmarks). */
export const UNPACED: Pick<UniformDuration, 'run'> = { run: (work) => work() };

/** One uniform duration per flow: their natural durations differ, so each has its own floor. */
export interface CredentialPacing {
  login: Pick<UniformDuration, 'run'>;
  signup: Pick<UniformDuration, 'run'>;
  passwordReset: Pick<UniformDuration, 'run'>;
}

/** The pacing of a server; `false` turns it off. */
export function createCredentialPacing(options: UniformDurationOptions | false = {}): CredentialPacing {
  if (options === false) return { login: UNPACED, signup: UNPACED, passwordReset: UNPACED };
  return { login: new UniformDuration(options), signup: new UniformDuration(options), passwordReset: new UniformDuration(options) };
}
