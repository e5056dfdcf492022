/**
 * A circuit breaker per Dashboard origin and route group (`portal/developers`, `activity/keys`, …; see routeGroup),
 * shared by every client of that origin: an upstream outage is the same whoever's credential asks.
 *
 * Closed: calls pass; outcomes are counted for `windowMs` (in 1-second slots). When at least `minimumCalls` outcomes are in
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
  /** Outcomes counted per 1-second slot: recording is O(1) however many calls the window holds. */
  #slots: { second: number; total: number; failed: number }[] = [];
  #total = 0;
  #failed = 0;
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
      this.#forget();
      if (failed) this.#open(now);
      else this.#set('closed');
      return;
    }
    const second = Math.floor(now / 1000);
    const oldest = Math.floor((now - this.#options.windowMs) / 1000);
    while (this.#slots.length && this.#slots[0]!.second < oldest) {
      const gone = this.#slots.shift()!;
      this.#total -= gone.total;
      this.#failed -= gone.failed;
    }
    let slot = this.#slots.at(-1);
    if (!slot || slot.second !== second) this.#slots.push((slot = { second, total: 0, failed: 0 }));
    slot.total += 1;
    this.#total += 1;
    if (failed) {
      slot.failed += 1;
      this.#failed += 1;
    }
    if (this.#state === 'closed' && this.#total >= this.#options.minimumCalls && this.#failed / this.#total >= this.#options.failureRate) {
      this.#open(now);
    }
  }

  #forget() {
    this.#slots = [];
    this.#total = 0;
    this.#failed = 0;
  }

  #open(now: number) {
    this.#openedAt = now;
    this.#forget();
    this.#set('open');
  }

  #set(state: BreakerState) {
    if (this.#state === state) return;
    this.#state = state;
    this.onChange?.(state);
  }
}

const GROUPS = new Map<string, string>();

/**
 * The route group of a route template (`GET /api/portal/developers/:id`): its first two segments
 * after `/api`, up to the first parameter. Groups come from templates, never from real paths, so
 * there is a bounded set of breakers (and of `group` metric labels): `GET /api/keys/:id` is one
 * group, `keys`, whatever key is read.
 */
export function routeGroup(route: string): string {
  let group = GROUPS.get(route);
  if (group === undefined) {
    const path = route.slice(route.indexOf(' ') + 1).split('?')[0]!;
    const segments = path.split('/').filter(Boolean).slice(1, 3);
    const parameter = segments.findIndex((segment) => segment.startsWith(':'));
    group = (parameter === -1 ? segments : segments.slice(0, parameter)).join('/') || 'root';
    GROUPS.set(route, group);
  }
  return group;
}
