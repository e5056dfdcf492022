/**
 * Sends emails off the request path: a request enqueues and returns at once, so neither a slow
 * SMTP server nor the work of sending changes how long a request takes (which would tell whether
 * an email was sent, i.e. whether an address is registered). A bounded queue and a fixed number of
 * senders keep a slow or dead server from growing memory: past `maxQueued` messages are dropped
 * and counted. Logs name the kind and outcome of a message, never its address or its text.
 */
import type { Logger } from 'pino';
import type { MailMessage, MailTransport } from './transport.js';

export type MailKind = 'password_reset' | 'signup_notice';
export type MailOutcome = 'sent' | 'failed' | 'dropped';

export interface MailOutboxOptions {
  transport: MailTransport;
  /** Sender, e.g. `"Acme developer portal" <portal@acme.example>`. */
  from: string;
  logger: Logger;
  /** Told each message's outcome (metrics). */
  onOutcome?: (kind: MailKind, outcome: MailOutcome) => void;
  /** Messages waiting at most; default 1 000. */
  maxQueued?: number;
  /** Messages sent at once; default 2. */
  concurrency?: number;
}

interface Queued {
  kind: MailKind;
  message: Omit<MailMessage, 'from'>;
}

export class MailOutbox {
  readonly from: string;
  readonly #o: Required<Omit<MailOutboxOptions, 'onOutcome'>> & Pick<MailOutboxOptions, 'onOutcome'>;
  readonly #queue: Queued[] = [];
  #sending = 0;
  readonly #idleWaiters: (() => void)[] = [];

  constructor(options: MailOutboxOptions) {
    this.#o = { maxQueued: 1_000, concurrency: 2, ...options };
    this.from = options.from;
  }

  get description(): string {
    return this.#o.transport.description;
  }

  /** Queues a message and returns at once. */
  enqueue(kind: MailKind, message: Omit<MailMessage, 'from'>): void {
    if (this.#queue.length >= this.#o.maxQueued) {
      this.#report(kind, 'dropped');
      this.#o.logger.warn({ kind }, 'email dropped: the outbox is full');
      return;
    }
    this.#queue.push({ kind, message });
    this.#pump();
  }

  /** Resolves once nothing is queued or being sent (tests, shutdown). */
  idle(): Promise<void> {
    if (this.#queue.length === 0 && this.#sending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    await this.idle();
    await this.#o.transport.close();
  }

  #pump() {
    while (this.#sending < this.#o.concurrency && this.#queue.length > 0) {
      const next = this.#queue.shift()!;
      this.#sending += 1;
      void this.#send(next).finally(() => {
        this.#sending -= 1;
        this.#pump();
        if (this.#queue.length === 0 && this.#sending === 0) this.#idleWaiters.splice(0).forEach((resolve) => resolve());
      });
    }
  }

  async #send({ kind, message }: Queued) {
    try {
      await this.#o.transport.send({ ...message, from: this.from });
      this.#report(kind, 'sent');
      this.#o.logger.info({ kind, via: this.#o.transport.description }, 'email sent');
    } catch (error) {
      this.#report(kind, 'failed');
      this.#o.logger.warn({ kind, code: (error as { code?: string }).code ?? 'SEND_FAILED' }, 'email not sent');
    }
  }

  #report(kind: MailKind, outcome: MailOutcome) {
    try {
      this.#o.onOutcome?.(kind, outcome);
    } catch {
      // metrics must never break sending
    }
  }
}
