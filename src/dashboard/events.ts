/**
 * Events the embedded Dashboard raises as state changes, for listeners (tests, a webhook sender).
 * `key_request_event.submitted` follows Tyk's documented payload (contract §10); the other names
 * are this stand-in's labelled extensions, since Tyk publishes none.
 */
import type { DeveloperRecord, KeyRequestRecord, OrgStore } from './store.js';

export type DashboardEventName =
  | 'key_request_event.submitted'
  | 'key_request_event.approved'
  | 'key_request_event.declined'
  | 'key_event.issued'
  | 'key_event.updated'
  | 'key_event.deleted';

export interface DashboardEvent {
  event: DashboardEventName;
  /** True for event names Tyk does not publish. */
  extension: boolean;
  org_id: string;
  data: Record<string, unknown>;
}

interface Detail {
  developer?: DeveloperRecord;
  request?: KeyRequestRecord;
  keyHash?: string;
  policies?: string[];
}

export class DashboardEvents {
  #listeners = new Set<(event: DashboardEvent) => void>();

  on(listener: (event: DashboardEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(org: OrgStore, event: DashboardEventName, detail: Detail) {
    if (this.#listeners.size === 0) return;
    const developer = detail.developer ? structuredClone(detail.developer) : undefined;
    const data: Record<string, unknown> = detail.request
      ? { ...structuredClone(detail.request), portal_developer: developer }
      : { org_id: org.orgId, key_id: detail.keyHash, apply_policies: detail.policies ?? [], portal_developer: developer };
    const payload: DashboardEvent = { event, extension: event !== 'key_request_event.submitted', org_id: org.orgId, data };
    for (const listener of this.#listeners) {
      try {
        listener(payload);
      } catch {
        // a listener's failure must not fail the request that raised the event
      }
    }
  }
}
