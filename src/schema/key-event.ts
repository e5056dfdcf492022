/**
 * `KeyEvent` and the subscriptions `keyEvents` and `keyIssued`: what happened to a developer's keys
 * and key requests, pushed as it happens. Events carry ids only (never a raw key or a secret); their
 * developer, key, request and policies resolve through loaders scoped to the event (fresh for each
 * event, shared by every subscriber group of the organisation that reads with the same credential).
 */
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';
import { KEY_EVENT_TYPES, type KeyEvent, type KeyEventType } from '../events/key-event.js';
import { EventFollow } from '../subscriptions/event-follow.js';
import { builder } from './builder.js';
import { existingPolicies } from './policy.js';
import { DeveloperRef, KeyRef, KeyRequestRef, PolicyRef } from './refs.js';

const DESCRIPTIONS: Record<KeyEventType, string> = {
  KEY_ISSUED: 'A key was issued to the developer (added, or a key request approved).',
  KEY_REVOKED: 'A key of the developer was revoked.',
  KEY_POLICIES_CHANGED: 'The set of policies applied to a key changed.',
  KEY_QUOTA_RESET: 'A key’s quota was reset.',
  KEY_REQUEST_SUBMITTED: 'The developer filed a key request.',
  KEY_REQUEST_APPROVED: 'A key request of the developer was approved.',
  KEY_REQUEST_DECLINED: 'A key request of the developer was declined.',
};

export const KeyEventTypeEnum = builder.enumType('KeyEventType', {
  description: 'What happened.',
  values: Object.fromEntries(KEY_EVENT_TYPES.map((type) => [type, { value: type, description: DESCRIPTIONS[type] }])) as Record<
    KeyEventType,
    { value: KeyEventType; description: string }
  >,
});

const KeyEventSourceEnum = builder.enumType('KeyEventSource', {
  description: 'How the gateway learnt of the event.',
  values: {
    GATEWAY: { value: 'gateway', description: 'A mutation made through this gateway.' },
    WEBHOOK: { value: 'webhook', description: 'An organisation webhook sent by the Tyk Dashboard.' },
    WATCHER: { value: 'watcher', description: 'The gateway’s change watcher, which polls the Dashboard.' },
  } as const,
});

const KeyEventRef = builder.objectRef<KeyEvent>('KeyEvent');
KeyEventRef.implement({
  description: 'Something that happened to a developer’s keys or key requests.',
  fields: (t) => ({
    id: t.id({ description: 'Stable id: the same happening seen by two sources has the same id.', resolve: (e) => e.id }),
    type: t.field({ type: KeyEventTypeEnum, description: 'What happened.', resolve: (e) => e.type }),
    occurredAt: t.field({ type: 'DateTime', description: 'When the gateway learnt of it.', resolve: (e) => new Date(e.occurredAt) }),
    source: t.field({ type: KeyEventSourceEnum, description: 'How the gateway learnt of it.', resolve: (e) => e.source }),
    developerId: t.id({ description: 'Id of the developer concerned.', resolve: (e) => e.developerId }),
    developer: t.field({
      type: DeveloperRef,
      nullable: true,
      description: 'The developer concerned (null when it no longer exists).',
      resolve: (e, _args, ctx) => ctx.loaders.developerById.load(e.developerId),
    }),
    keyId: t.id({ nullable: true, description: 'Id (hash) of the key concerned, for key events.', resolve: (e) => e.keyId ?? null }),
    key: t.field({
      type: KeyRef,
      nullable: true,
      description: 'The key concerned, for key events (its fields read the key’s current state).',
      resolve: (e) => (e.keyId ? { id: e.keyId, developerId: e.developerId, policyIds: e.policyIds } : null),
    }),
    keyRequestId: t.id({ nullable: true, description: 'Id of the key request concerned, for key request events.', resolve: (e) => e.keyRequestId ?? null }),
    keyRequest: t.field({
      type: KeyRequestRef,
      nullable: true,
      description: 'The key request concerned (null once it no longer exists, e.g. after a decline).',
      resolve: (e, _args, ctx) => (e.keyRequestId ? ctx.loaders.keyRequestById.load(e.keyRequestId) : null),
    }),
    policies: t.field({
      type: [PolicyRef],
      description: 'The policies involved: the key’s policies after the event, or the requested ones.',
      resolve: (e, _args, ctx) => existingPolicies(ctx, e.policyIds),
    }),
  }),
});

/** The organisation of the subscriber's credential: where its events are published. */
async function subscriberOrg(ctx: GatewayContext): Promise<string> {
  const org = (await ctx.loaders.portalConfiguration())?.org_id || (await ctx.loaders.catalogue())?.org_id;
  if (!org) throw new GraphQLError('The organisation of this credential could not be determined.', { extensions: { code: 'FORBIDDEN' } });
  return org;
}

/**
 * The org's events that pass `keep`. The organisation is read here, at subscribe time, so a
 * credential the Dashboard refuses answers the subscription with a coded error at once; events are
 * then resolved by the subscription hub (src/subscriptions/hub.ts), once per group of subscribers
 * that would see the same payload.
 */
async function eventsFor(ctx: GatewayContext, keep: (event: KeyEvent) => boolean): Promise<EventFollow> {
  return new EventFollow(ctx.events, await subscriberOrg(ctx), keep);
}

/**
 * Operators may follow any developer of their org; a developer only itself (without the argument,
 * its stream is narrowed to its own events).
 */
function subscriptionScopes(developerId: string | number | null | undefined) {
  return developerId == null ? { operator: true, developer: true } : { operator: true, self: String(developerId) };
}

/** The developer whose events the caller may receive: a developer's own id, or what an operator asked for. */
function followedDeveloper(ctx: GatewayContext, developerId: string | number | null | undefined): string | undefined {
  if (ctx.principal.kind === 'developer') return ctx.principal.developerId;
  return developerId == null ? undefined : String(developerId);
}

builder.subscriptionType({ description: 'Events pushed over graphql-ws (the /graphql WebSocket) or server-sent events.' });

builder.subscriptionFields((t) => ({
  keyEvents: t.field({
    type: KeyEventRef,
    authScopes: (_root, args) => subscriptionScopes(args.developerId),
    description:
      'Every key and key request event of the caller’s organisation, optionally for one developer and some types. A developer receives only its own events.',
    args: {
      developerId: t.arg.id({ description: 'Only events of this developer.' }),
      types: t.arg({ type: [KeyEventTypeEnum], description: 'Only events of these types.' }),
    },
    subscribe: (_root, args, ctx) => {
      const developerId = followedDeveloper(ctx, args.developerId);
      const types = args.types ? new Set<KeyEventType>(args.types) : undefined;
      return eventsFor(ctx, (e) => (!developerId || e.developerId === developerId) && (!types || types.has(e.type)));
    },
    resolve: (event) => event,
  }),
  keyIssued: t.field({
    type: KeyEventRef,
    authScopes: (_root, args) => subscriptionScopes(args.developerId),
    description:
      'Keys issued in the caller’s organisation (added, or key requests approved), optionally for one developer. A developer receives only its own.',
    args: { developerId: t.arg.id({ description: 'Only keys issued to this developer.' }) },
    subscribe: (_root, args, ctx) => {
      const developerId = followedDeveloper(ctx, args.developerId);
      return eventsFor(ctx, (e) => e.type === 'KEY_ISSUED' && (!developerId || e.developerId === developerId));
    },
    resolve: (event) => event,
  }),
}));
