/**
 * Key events: what subscriptions deliver. Every source (the gateway's own mutations, Tyk's org
 * webhooks, the change watcher) produces this one shape, and the bus deduplicates by `id`.
 *
 * An event never carries a raw key, a password or a secret: only ids.
 */
export const KEY_EVENT_TYPES = [
  'KEY_ISSUED',
  'KEY_REVOKED',
  'KEY_POLICIES_CHANGED',
  'KEY_QUOTA_RESET',
  'KEY_REQUEST_SUBMITTED',
  'KEY_REQUEST_APPROVED',
  'KEY_REQUEST_DECLINED',
] as const;
export type KeyEventType = (typeof KEY_EVENT_TYPES)[number];

export interface KeyEvent {
  /** Stable id: the same happening seen by two sources has the same id (see `keyEventId`). */
  id: string;
  type: KeyEventType;
  /** ISO time the gateway learnt of it. */
  occurredAt: string;
  /** Tyk org the event belongs to; subscribers only receive their own org's events. */
  orgId: string;
  developerId: string;
  /** Key id (hash), when the event concerns a key. */
  keyId?: string | undefined;
  /** Key request id, when the event concerns a request. */
  keyRequestId?: string | undefined;
  policyIds: string[];
  /** Which source saw it first. */
  source: 'gateway' | 'webhook' | 'watcher';
}

/** An event as a source reports it: the bus fills in `id` (see keyEventId) and `occurredAt`. */
export type KeyEventInput = Omit<KeyEvent, 'id' | 'occurredAt'> & { id?: string; occurredAt?: string };

/** Where sources report what happened, and where subscriptions listen. */
export interface KeyEventFeed {
  /** Reports an event; never throws, never waits: delivery happens in the background. */
  publish(event: KeyEventInput): void;
  /**
   * Calls `listener` with every event of one organisation from now on, each id once, until the
   * returned function is called. The listener runs synchronously and must not throw or block:
   * subscriptions queue what they receive (src/subscriptions/).
   */
  listen(orgId: string, listener: (event: KeyEvent) => void): () => void;
  /**
   * Tells this replica and the others that a developer lost access (deactivated or deleted through
   * the gateway), so its open subscriptions end at once.
   */
  revokeDeveloper(developerId: string): void;
  /** Calls `listener` with the id of every developer whose access was revoked, until the returned function is called. */
  onDeveloperRevoked(listener: (developerId: string) => void): () => void;
}

/**
 * The stable id of an event. Issuance and revocation happen once per key, request events once per
 * request; policy changes and quota resets are distinguished by what changed and when (to the second).
 */
export function keyEventId(event: Pick<KeyEvent, 'type' | 'keyId' | 'keyRequestId' | 'policyIds'> & { occurredAt?: string }): string {
  switch (event.type) {
    case 'KEY_ISSUED':
    case 'KEY_REVOKED':
      return `${event.type}:${event.keyId}`;
    case 'KEY_REQUEST_SUBMITTED':
    case 'KEY_REQUEST_APPROVED':
    case 'KEY_REQUEST_DECLINED':
      return `${event.type}:${event.keyRequestId}`;
    case 'KEY_POLICIES_CHANGED':
      return `${event.type}:${event.keyId}:${[...event.policyIds].sort().join(',')}`;
    case 'KEY_QUOTA_RESET':
      return `${event.type}:${event.keyId}:${(event.occurredAt ?? new Date().toISOString()).slice(0, 19)}`;
  }
}
