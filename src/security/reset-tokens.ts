/**
 * Password-reset tokens: 32 random bytes (base64url), handed out once in the reset email. The store
 * keeps only the token's SHA-256 (a leaked store resets nothing) with what the token may do: reset
 * one developer's password, while that developer's `password_updated` is still what it was when the
 * token was issued (so any password change, by any route, kills it). Entries expire after the
 * configured lifetime; `take` removes the entry atomically, so a token works once, on any replica.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ExpiringStore } from './expiring-store.js';

/** What a reset token allows. */
export interface ResetTicket {
  developerId: string;
  orgId: string;
  /** The developer's `password_updated` when the token was issued. */
  passwordUpdated: string;
}

/** Default lifetime of a reset token: 30 minutes. */
export const DEFAULT_RESET_TTL_MS = 30 * 60_000;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export class ResetTokens {
  readonly ttlMs: number;
  readonly #store: ExpiringStore;

  constructor(store: ExpiringStore, ttlMs: number = DEFAULT_RESET_TTL_MS) {
    this.#store = store;
    this.ttlMs = ttlMs;
  }

  /** Stores a new ticket and returns its token (shown only in the email). */
  async issue(ticket: ResetTicket): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.#store.put(key(token), JSON.stringify(ticket), this.ttlMs);
    return token;
  }

  /** The ticket of a token, removed so it can never be used again; undefined when unknown, used or expired. */
  async take(token: string): Promise<ResetTicket | undefined> {
    if (!TOKEN.test(token)) return undefined;
    const stored = await this.#store.take(key(token));
    if (!stored) return undefined;
    const ticket = JSON.parse(stored) as Partial<ResetTicket>;
    if (typeof ticket.developerId !== 'string' || typeof ticket.orgId !== 'string' || typeof ticket.passwordUpdated !== 'string') return undefined;
    return { developerId: ticket.developerId, orgId: ticket.orgId, passwordUpdated: ticket.passwordUpdated };
  }
}

const key = (token: string) => `reset:${createHash('sha256').update(token).digest('base64url')}`;
