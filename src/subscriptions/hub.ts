/**
 * The subscription hub: every `keyEvents` / `keyIssued` subscription, over graphql-ws and
 * server-sent events alike, is a member of a group, and each event is resolved once per group.
 *
 * - A group is the subscribers that would see the same payload: same organisation, same principal
 *   (the operator's credential, or the developer), same document, operation and variables. Auth
 *   scopes and the field's filter ran for each member when it subscribed (graphql-js
 *   `createSourceEventStream`); both depend only on what the group key holds, so members share the
 *   filter and the resolved payload, and no member ever receives what its own principal could not.
 * - One bus listener per organisation, not per subscription. For an event, every group whose filter
 *   keeps it is executed (graphql-js) in a fresh context over one upstream scope per credential
 *   (event-context.ts): an event costs the same upstream calls whatever the number of subscribers.
 * - A developer's group checks, on each event, that the developer still exists and is active
 *   (through that shared scope: the read `developer { … }` makes anyway); if not, every member ends
 *   with FORBIDDEN instead of receiving it. `revokeDeveloper` (the gateway's own deactivation or
 *   deletion, from any replica) ends them at once; a member's session expiry ends it with
 *   SESSION_EXPIRED.
 * - Bounded: a member holds at most `maxQueued` results its transport has not taken (references
 *   to results shared by its group: a burst to a healthy client fits, a client that stopped
 *   reading overflows); a group resolves at most `maxResolving` events at once and holds at most
 *   `maxQueued` kept and not yet delivered. Past either, the member (or the whole group) ends with
 *   one SUBSCRIPTION_OVERFLOW error and its queue is dropped; a member whose transport did not take
 *   what it was given also loses its connection (graphql-ws: the socket is closed with 1013; SSE:
 *   the response is cut if it does not drain), so no subscriber's backlog grows with the event
 *   rate and nothing of it reaches the process.
 * - Results reach members in event order, and `return()` (complete, disconnect) leaves at once.
 */
import {
  createSourceEventStream,
  execute,
  GraphQLError,
  print,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { upstreamCredential, type ContextDeps, type GatewayContext } from '../context.js';
import type { KeyEvent, KeyEventFeed } from '../events/key-event.js';
import { activeDeveloper } from '../schema/auth.js';
import { sessionStillHolds } from '../domain/sessions.js';
import type { SessionClaims } from '../security/session-token.js';
import type { TykDeveloper } from '../tyk/wire.js';
import { EventFollow } from './event-follow.js';
import { eventContext, eventUpstream, type EventUpstream, type GroupIdentity } from './event-context.js';
import { SubscriberStream } from './subscriber-stream.js';

/** What a transport does when one of its subscribers fell behind (see websocket.ts, use-subscription-fan-out.ts). */
export interface SubscriberTransport {
  /** `name` for metrics and logs: `ws` or `sse`. */
  readonly name: string;
  /** Called once per member that overflowed; the transport closes the connection as documented. */
  tooSlow(): void;
}

export interface HubOptions {
  deps: ContextDeps;
  events: KeyEventFeed;
  /** Results waiting for one subscriber's transport, at most; default 1 000. */
  maxQueued?: number;
  /** Events being resolved for one group at once, at most (a slow Dashboard); default 100. */
  maxResolving?: number;
  /** Turns a resolved result into what clients receive (masking, codes); default: unchanged. */
  formatResult?: (result: ExecutionResult, ctx: GatewayContext, document: DocumentNode) => ExecutionResult;
  /** Told of every member that ended because it fell behind. */
  onOverflow?: (transport: string) => void;
  /** Told the subscriptions and groups alive whenever either changes. */
  onSize?: (size: { members: number; groups: number }) => void;
  logger: Logger;
}

/** Defaults of `maxQueued` and `maxResolving`. */
export const SUBSCRIPTION_QUEUE_DEFAULT = 1_000;
export const SUBSCRIPTION_RESOLVING_DEFAULT = 100;

interface Member {
  group: Group;
  /** A developer member's session: checked before each event (logout, password change). */
  session: SessionClaims | undefined;
  stream: SubscriberStream<ExecutionResult>;
  transport: SubscriberTransport | undefined;
  expiry: NodeJS.Timeout | undefined;
}

interface Pending {
  event: KeyEvent;
  upstream: EventUpstream;
  result: ExecutionResult | typeof REVOKED | undefined;
}

interface Group {
  key: string;
  orgId: string;
  identity: GroupIdentity;
  /** The credential this group reads with: its upstream scope is shared per event with every group of the same. */
  scopeKey: string;
  keep: (event: KeyEvent) => boolean;
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | null | undefined;
  variableValues: ExecutionArgs['variableValues'];
  members: Set<Member>;
  /** Events kept and not yet delivered, in arrival order; delivered from the head as they are resolved. */
  pending: Pending[];
  /** The pending events not yet started, and how many are being resolved (at most `maxResolving`). */
  waiting: Pending[];
  resolving: number;
}

interface Org {
  groups: Set<Group>;
  unlisten: () => void;
}

const REVOKED = Symbol('revoked');

const error = (message: string, code: string): ExecutionResult => ({ errors: [new GraphQLError(message, { extensions: { code } })] });
const FORBIDDEN = error('The developer account is no longer active; the subscription has ended.', 'FORBIDDEN');
const EXPIRED = error('The session has expired; log in again and subscribe again.', 'SESSION_EXPIRED');
const overflow = (limit: number) =>
  error(`More than ${limit} events were waiting for this subscriber; the subscription has ended. Subscribe again and re-read what changed.`, 'SUBSCRIPTION_OVERFLOW');
/** Longest delay setTimeout takes (about 24.8 days); later expiries re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A stable key for a variables object, whatever the order of its keys. */
function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.keys(value as object)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export class SubscriptionHub {
  readonly #options: HubOptions;
  readonly #maxQueued: number;
  readonly #maxResolving: number;
  readonly #groups = new Map<string, Group>();
  readonly #orgs = new Map<string, Org>();
  /** Groups of each developer principal, for revocation. */
  readonly #byDeveloper = new Map<string, Set<Group>>();
  /** A digest of each document's text, computed once per parsed document (Yoga caches parses). */
  readonly #documentIds = new WeakMap<DocumentNode, string>();
  readonly #unlistenRevoked: () => void;
  #stopped = false;

  constructor(options: HubOptions) {
    this.#options = options;
    this.#maxQueued = options.maxQueued ?? SUBSCRIPTION_QUEUE_DEFAULT;
    this.#maxResolving = options.maxResolving ?? SUBSCRIPTION_RESOLVING_DEFAULT;
    this.#unlistenRevoked = options.events.onDeveloperRevoked((developerId) => this.#revoke(developerId));
  }

  #members = 0;

  /** Subscriptions and groups alive. */
  get size(): { members: number; groups: number } {
    return { members: this.#members, groups: this.#groups.size };
  }

  /**
   * graphql-js `subscribe`, with the hub resolving key events: runs the root field's auth scopes
   * and `subscribe` for this subscriber, then joins its group. Other sources are mapped as graphql-js does.
   */
  async subscribe(args: ExecutionArgs, transport: SubscriberTransport | undefined): Promise<ExecutionResult | AsyncIterableIterator<ExecutionResult>> {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    if (!(source instanceof EventFollow) || this.#stopped) {
      if (source instanceof EventFollow) return error('The server is shutting down.', 'SHUTTING_DOWN');
      return mapSource(source, (payload) => execute({ ...args, rootValue: payload }));
    }
    return this.#join(args, source, transport);
  }

  /** Ends every subscription (they complete normally) and stops listening: the server is shutting down. */
  stop(): void {
    this.#stopped = true;
    for (const group of [...this.#groups.values()]) for (const member of [...group.members]) member.stream.end();
    this.#unlistenRevoked();
  }

  #join(args: ExecutionArgs, follow: EventFollow, transport: SubscriberTransport | undefined): AsyncIterableIterator<ExecutionResult> {
    const ctx = args.contextValue as GatewayContext;
    const principal = ctx.principal;
    const key = [follow.orgId, principal.key, this.#documentId(args.document), args.operationName ?? '', stableJson(args.variableValues ?? {})].join('\u0000');
    let group = this.#groups.get(key);
    if (!group) {
      group = {
        key,
        orgId: follow.orgId,
        identity: { principal, clientAddress: ctx.clientAddress },
        // Groups reading with the same credential (an operator's, or the service credential that
        // developers' reads carry, which may be the same) share an event's loaders.
        scopeKey: upstreamCredential(principal, this.#options.deps.sessions?.serviceCredential) ?? '',
        keep: follow.keep,
        schema: args.schema,
        document: args.document,
        operationName: args.operationName,
        variableValues: args.variableValues,
        members: new Set(),
        pending: [],
        waiting: [],
        resolving: 0,
      };
      this.#addGroup(group);
    }
    const owner = group;
    const member: Member = { group: owner, session: principal.kind === 'developer' ? principal.session : undefined, stream: undefined as never, transport, expiry: undefined };
    member.stream = new SubscriberStream<ExecutionResult>(this.#maxQueued, () => this.#leave(member));
    owner.members.add(member);
    this.#members += 1;
    releaseRequestState(ctx);
    this.#options.onSize?.(this.size);
    if (principal.kind === 'developer') this.#expireAt(member, principal.expiresAt.getTime());
    return member.stream;
  }

  #documentId(document: DocumentNode): string {
    let id = this.#documentIds.get(document);
    if (!id) {
      id = createHash('sha256').update(print(document)).digest('base64url');
      this.#documentIds.set(document, id);
    }
    return id;
  }

  #addGroup(group: Group): void {
    this.#groups.set(group.key, group);
    let org = this.#orgs.get(group.orgId);
    if (!org) {
      const groups = new Set<Group>();
      org = { groups, unlisten: () => undefined };
      this.#orgs.set(group.orgId, org);
      org.unlisten = this.#options.events.listen(group.orgId, (event) => this.#dispatch(groups, event));
    }
    org.groups.add(group);
    const principal = group.identity.principal;
    if (principal.kind === 'developer') {
      const groups = this.#byDeveloper.get(principal.developerId) ?? new Set();
      groups.add(group);
      this.#byDeveloper.set(principal.developerId, groups);
    }
  }

  #leave(member: Member): void {
    clearTimeout(member.expiry);
    const group = member.group;
    if (group.members.delete(member)) this.#members -= 1;
    if (group.members.size === 0) this.#removeGroup(group);
    this.#options.onSize?.(this.size);
  }

  #removeGroup(group: Group): void {
    if (this.#groups.get(group.key) !== group) return;
    this.#groups.delete(group.key);
    group.pending.length = 0;
    group.waiting.length = 0;
    const org = this.#orgs.get(group.orgId);
    if (org) {
      org.groups.delete(group);
      if (org.groups.size === 0) {
        this.#orgs.delete(group.orgId);
        org.unlisten();
      }
    }
    const principal = group.identity.principal;
    if (principal.kind === 'developer') {
      const groups = this.#byDeveloper.get(principal.developerId);
      groups?.delete(group);
      if (groups?.size === 0) this.#byDeveloper.delete(principal.developerId);
    }
  }

  /** One event of an organisation: resolved once per group that keeps it, over one scope per credential. */
  #dispatch(groups: Set<Group>, event: KeyEvent): void {
    let scopes: Map<string, EventUpstream> | undefined;
    for (const group of groups) {
      let kept: boolean;
      try {
        kept = group.keep(event);
      } catch {
        kept = false;
      }
      if (!kept) continue;
      if (group.pending.length >= this.#maxQueued) {
        // The group cannot resolve events as fast as they come (a slow Dashboard): end it rather
        // than queue without bound. Its clients read fine: their connections stay.
        this.#overflow([...group.members], this.#maxQueued, false);
        continue;
      }
      scopes ??= new Map();
      let upstream = scopes.get(group.scopeKey);
      if (!upstream) {
        upstream = eventUpstream(this.#options.deps, group.identity);
        scopes.set(group.scopeKey, upstream);
      }
      const pending: Pending = { event, upstream, result: undefined };
      group.pending.push(pending);
      group.waiting.push(pending);
      this.#pump(group);
    }
  }

  /** Starts resolving the group's waiting events, `maxResolving` at a time. */
  #pump(group: Group): void {
    while (group.resolving < this.#maxResolving && group.waiting.length > 0) {
      const pending = group.waiting.shift()!;
      group.resolving += 1;
      const settle = (result: ExecutionResult | typeof REVOKED) => {
        group.resolving -= 1;
        pending.result = result;
        this.#flush(group);
        this.#pump(group);
      };
      this.#resolve(group, pending.event, pending.upstream).then(settle, (failure: unknown) => {
        this.#options.logger.error({ err: failure, eventId: pending.event.id }, 'subscription event could not be resolved');
        settle(error('Unexpected error.', 'INTERNAL_SERVER_ERROR'));
      });
    }
  }

  async #resolve(group: Group, event: KeyEvent, upstream: EventUpstream): Promise<ExecutionResult | typeof REVOKED> {
    const ctx = eventContext(this.#options.deps, group.identity, upstream, event.id);
    if (group.identity.principal.kind === 'developer') {
      const developer = await activeDeveloper(ctx).then(
        (found) => found,
        () => undefined, // could not be checked: the payload's own fields report the upstream failure
      );
      if (developer === null) return REVOKED;
      if (developer) await this.#endLapsedSessions(group, ctx, developer);
    }
    const result = await execute({
      schema: group.schema,
      document: group.document,
      rootValue: event,
      contextValue: ctx,
      variableValues: group.variableValues,
      operationName: group.operationName,
    });
    return this.#options.formatResult ? this.#options.formatResult(result, ctx, group.document) : result;
  }

  /** Delivers the group's resolved events from the head, in order. */
  #flush(group: Group): void {
    while (group.pending.length > 0 && group.pending[0]!.result !== undefined) {
      const result = group.pending.shift()!.result!;
      if (result === REVOKED) {
        this.#endGroup(group, FORBIDDEN);
        return;
      }
      const behind: Member[] = [];
      for (const member of group.members) if (!member.stream.push(result)) behind.push(member);
      if (behind.length > 0) this.#overflow(behind, this.#maxQueued, true);
    }
  }

  /** Ends members that fell behind; `slowClient`: their transport did not take what it was given, so its connection goes too. */
  #overflow(members: Member[], limit: number, slowClient: boolean): void {
    const result = overflow(limit);
    for (const member of members) {
      if (member.stream.ended) continue;
      member.stream.end(result, { dropQueued: true });
      this.#options.onOverflow?.(member.transport?.name ?? 'unknown');
      if (slowClient) member.transport?.tooSlow();
    }
  }

  #endGroup(group: Group, last: ExecutionResult): void {
    for (const member of [...group.members]) member.stream.end(last, { dropQueued: true });
    this.#removeGroup(group);
  }

  /** Ends, with SESSION_EXPIRED, the members whose session was logged out or predates a password change. */
  async #endLapsedSessions(group: Group, ctx: GatewayContext, developer: TykDeveloper): Promise<void> {
    const members = [...group.members].filter((member) => member.session);
    const holds = await Promise.all(members.map((member) => sessionStillHolds(ctx, developer, member.session!).catch(() => true)));
    members.forEach((member, i) => {
      if (!holds[i]) member.stream.end(EXPIRED, { dropQueued: true });
    });
  }

  #revoke(developerId: string): void {
    const groups = this.#byDeveloper.get(developerId);
    if (!groups) return;
    for (const group of [...groups]) this.#endGroup(group, FORBIDDEN);
  }

  #expireAt(member: Member, at: number): void {
    const delay = at - Date.now();
    if (delay <= 0) {
      member.stream.end(EXPIRED, { dropQueued: true });
      return;
    }
    member.expiry = setTimeout(() => this.#expireAt(member, at), Math.min(delay, MAX_TIMER_MS));
    member.expiry.unref();
  }
}

/** Stands in for a subscriber's loaders once it has subscribed: events are resolved in their own contexts. */
const RELEASED = new Proxy({} as GatewayContext['loaders'], {
  get: () => {
    throw new Error('A subscriber’s own loaders are released once it has subscribed; events use their event context.');
  },
});

/**
 * Lets go of the subscriber's own upstream client and loaders (≈ 25 KB with their caches): they
 * served the subscribe-time checks (auth scopes, the organisation), and the context itself stays
 * referenced by the transport for as long as the subscription lives.
 */
function releaseRequestState(ctx: GatewayContext): void {
  ctx.loaders = RELEASED;
  ctx.tyk = () => {
    throw new Error('A subscriber’s own upstream client is released once it has subscribed; events use their event context.');
  };
}

/** Maps a source stream as graphql-js's `subscribe` does, for subscription fields that are not key events. */
function mapSource<T>(source: AsyncIterable<unknown>, map: (payload: unknown) => T | Promise<T>): AsyncIterableIterator<Awaited<T>> {
  const iterator = source[Symbol.asyncIterator]();
  return {
    async next() {
      const step = await iterator.next();
      return step.done ? { value: undefined, done: true } : { value: await map(step.value), done: false };
    },
    async return() {
      await iterator.return?.();
      return { value: undefined, done: true };
    },
    async throw(reason?: unknown) {
      await iterator.return?.();
      throw reason;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  } as AsyncIterableIterator<Awaited<T>>;
}
