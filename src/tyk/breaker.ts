/**
 * A circuit breaker per Dashboard origin and route group (`portal/developers`, `activity/keys`, …),
 * shared by every client of that origin: an upstream outage is the same whoever's credential asks.
 *
 * Closed: calls pass; outcomes are kept for `windowMs`. When at least `minimumCalls` outcomes are in
 * the window and at least `failureRate` of them failed (no answer, 5xx, 429), it opens.
 * Open: calls fail at once (no request) until `cooldownMs` has passed.
 * Half-open: one probe call passes; its success closes the breaker, its failure opens it again.
 * 4xx answers are the caller's problem, not the upstream's, and count as successes.
 */
export interface BreakerOptions {
  /** Share of failed calls in the window that opens the breaker; default 0.5. */
  failureRate?: number;
  /** Calls the window must hold before the rate counts; default 10. */
  minimumCalls?: number;
  /** How long outcomes are remembered (ms); default 10 000. */
  windowMs?: number;
  /** How long the breaker stays open before one probe is let through (ms); default 5 000. */
  cooldownMs?: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

const DEFAULTS: Required<BreakerOptions> = { failureRate: 0.5, minimumCalls: 10, windowMs: 10_000, cooldownMs: 5_000 };

export class CircuitBreaker {
  readonly #options: Required<BreakerOptions>;
  #outcomes: { at: number; failed: boolean }[] = [];
  #state: BreakerState = 'closed';
  #openedAt = 0;
  #probing = false;

  constructor(
    options: BreakerOptions = {},
    private readonly now: () => number = Date.now,
    private readonly onChange?: (state: BreakerState) => void,
  ) {
    this.#options = { ...DEFAULTS, ...options };
  }

  get state(): BreakerState {
    if (this.#state === 'open' && this.now() - this.#openedAt >= this.#options.cooldownMs) this.#set('half-open');
    return this.#state;
  }

  /** Whether a call may go out now; in half-open state only one probe at a time. */
  allow(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.#probing) return false;
    this.#probing = true;
    return true;
  }

  record(failed: boolean): void {
    const now = this.now();
    if (this.#state === 'half-open') {
      this.#probing = false;
      this.#outcomes = [];
      if (failed) this.#open(now);
      else this.#set('closed');
      return;
    }
    this.#outcomes.push({ at: now, failed });
    this.#outcomes = this.#outcomes.filter((o) => now - o.at <= this.#options.windowMs);
    const failures = this.#outcomes.filter((o) => o.failed).length;
    if (this.#state === 'closed' && this.#outcomes.length >= this.#options.minimumCalls && failures / this.#outcomes.length >= this.#options.failureRate) {
      this.#open(now);
    }
  }

  #open(now: number) {
    this.#openedAt = now;
    this.#outcomes = [];
    this.#set('open');
  }

  #set(state: BreakerState) {
    if (this.#state === state) return;
    this.#state = state;
    this.onChange?.(state);
  }
}

/** The route group a path belongs to: its first two segments after `/api`. */
export function routeGroup(path: string): string {
  const segments = path.split('?')[0]!.split('/').filter(Boolean);
  return segments.slice(1, 3).join('/') || 'root';
}
