/**
 * Tyk organisation webhooks → key events. Tyk documents one payload, `key_request_event.submitted`
 * (contract §10); `key_request_event.approved|declined` and `key_event.issued|updated|deleted` are
 * the embedded Dashboard's labelled extensions with the same `data` conventions. Only ids are taken
 * from a payload: the developer object it embeds (with OAuth client secrets) goes no further.
 */
import { z } from 'zod';
import type { KeyEventInput, KeyEventType } from './key-event.js';

const RequestData = z.looseObject({
  id: z.string().min(1),
  org_id: z.string().min(1),
  by_user: z.string().min(1),
  for_plan: z.string().nullish(),
  apply_policies: z.array(z.string()).nullish(),
});

const KeyData = z.looseObject({
  org_id: z.string().min(1),
  key_id: z.string().min(1),
  apply_policies: z.array(z.string()).nullish(),
  portal_developer: z.looseObject({ id: z.string().min(1) }),
});

const REQUEST_EVENTS: Record<string, KeyEventType> = {
  'key_request_event.submitted': 'KEY_REQUEST_SUBMITTED',
  'key_request_event.approved': 'KEY_REQUEST_APPROVED',
  'key_request_event.declined': 'KEY_REQUEST_DECLINED',
};
const KEY_EVENTS: Record<string, KeyEventType> = {
  'key_event.issued': 'KEY_ISSUED',
  'key_event.updated': 'KEY_POLICIES_CHANGED',
  'key_event.deleted': 'KEY_REVOKED',
};

export type WebhookParse = { ok: true; event: KeyEventInput } | { ok: false; status: 400 | 422; error: string };

/** Maps a webhook body (already JSON-parsed) to a key event, or says why it cannot. */
export function keyEventFromWebhook(body: unknown): WebhookParse {
  const envelope = z.looseObject({ event: z.string(), data: z.unknown() }).safeParse(body);
  if (!envelope.success) return { ok: false, status: 400, error: 'expected {"event": string, "data": object}' };
  const name = envelope.data.event;
  const requestType = REQUEST_EVENTS[name];
  if (requestType) {
    const data = RequestData.safeParse(envelope.data.data);
    if (!data.success) return { ok: false, status: 400, error: `${name}: data needs id, org_id and by_user` };
    const policyIds = data.data.apply_policies?.length ? data.data.apply_policies : data.data.for_plan ? [data.data.for_plan] : [];
    return { ok: true, event: { type: requestType, source: 'webhook', orgId: data.data.org_id, developerId: data.data.by_user, keyRequestId: data.data.id, policyIds } };
  }
  const keyType = KEY_EVENTS[name];
  if (keyType) {
    const data = KeyData.safeParse(envelope.data.data);
    if (!data.success) return { ok: false, status: 400, error: `${name}: data needs org_id, key_id and portal_developer.id` };
    return {
      ok: true,
      event: { type: keyType, source: 'webhook', orgId: data.data.org_id, developerId: data.data.portal_developer.id, keyId: data.data.key_id, policyIds: data.data.apply_policies ?? [] },
    };
  }
  return { ok: false, status: 422, error: `unsupported event ${JSON.stringify(name.slice(0, 80))}` };
}
