/**
 * The context an event is resolved in, for one group of subscribers (same document, variables and
 * principal): the group's principal and credential, and the event's upstream scope, a client and
 * loaders with their own deadline, built once per event and credential and shared by every group of
 * the organisation reading with that credential. So the event's developer, key and policies are
 * read once whatever the number of subscribers, and nothing read for one event is served for the
 * next (nor, ever, with another credential).
 */
import { randomUUID } from 'node:crypto';
import { initContextCache } from '@pothos/core';
import { createUpstream, processServices, type ContextDeps, type GatewayContext } from '../context.js';
import type { Principal } from '../principal.js';
import type { TraceHolder } from '../telemetry.js';

/** What a group keeps of its first subscriber's context: who it is, nothing of its request. */
export interface GroupIdentity {
  principal: Principal;
  clientAddress: string;
}

export type EventUpstream = ReturnType<typeof createUpstream>;

/** The upstream scope of one event for the credential `identity`'s principal carries. */
export function eventUpstream(deps: ContextDeps, identity: GroupIdentity): EventUpstream {
  const trace: TraceHolder = {};
  return createUpstream(deps, identity.principal, { trace });
}

/** A fresh context (own auth-scope cache, own request id) over a shared event scope. */
export function eventContext(deps: ContextDeps, identity: GroupIdentity, upstream: EventUpstream, eventId: string): GatewayContext {
  const requestId = randomUUID();
  return {
    ...initContextCache(),
    requestId,
    principal: identity.principal,
    clientAddress: identity.clientAddress,
    credential: upstream.credential,
    sessions: deps.sessions?.tokens,
    ...processServices(deps),
    tyk: upstream.tyk,
    loaders: upstream.loaders,
    logger: deps.logger.child({ requestId, eventId }),
    now: deps.now ?? (() => new Date()),
    events: deps.events,
    trace: {},
  };
}
