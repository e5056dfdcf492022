/**
 * A retry budget per Dashboard origin, so an outage cannot multiply traffic: retries may add at
 * most `ratio` (default 20 %) on top of first attempts, plus a small reserve (`minTokens`, default
 * 10) so a quiet gateway can still retry. Each first attempt earns `ratio` of a token; each retry
 * spends one; the balance never exceeds `maxTokens` (default 100).
 */
export interface RetryBudgetOptions {
  ratio?: number;
  minTokens?: number;
  maxTokens?: number;
}

export class RetryBudget {
  #tokens: number;
  readonly #ratio: number;
  readonly #max: number;

  constructor({ ratio = 0.2, minTokens = 10, maxTokens = 100 }: RetryBudgetOptions = {}) {
    this.#ratio = ratio;
    this.#max = Math.max(maxTokens, minTokens);
    this.#tokens = minTokens;
  }

  /** A first attempt went out: earn a fraction of a retry. */
  deposit(): void {
    this.#tokens = Math.min(this.#max, this.#tokens + this.#ratio);
  }

  /** Whether a retry may go out now; spends a token when it may. */
  withdraw(): boolean {
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
