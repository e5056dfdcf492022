/**
 * What a subscription field's `subscribe` returns: which organisation's events the subscriber
 * follows and which of them it keeps. The subscription hub (hub.ts) reads these two facts and
 * resolves each event once per group of identical subscribers; iterated directly (without the hub)
 * it is a bounded stream of the kept events, so the schema also works under plain graphql-js.
 */
import type { KeyEvent, KeyEventFeed } from '../events/key-event.js';
import { SubscriberStream } from './subscriber-stream.js';

/** Events queued for one direct iteration before the stream is ended (the hub has its own bound). */
const DIRECT_QUEUE = 100;

export class EventFollow implements AsyncIterable<KeyEvent> {
  constructor(
    readonly feed: KeyEventFeed,
    /** The subscriber's organisation (that of its credential, read at subscribe time). */
    readonly orgId: string,
    /** Whether the subscriber receives an event; a pure function of the field's arguments and the principal. */
    readonly keep: (event: KeyEvent) => boolean,
  ) {}

  [Symbol.asyncIterator](): AsyncIterableIterator<KeyEvent> {
    let unlisten: (() => void) | undefined;
    const stream = new SubscriberStream<KeyEvent>(DIRECT_QUEUE, () => unlisten?.());
    unlisten = this.feed.listen(this.orgId, (event) => {
      if (this.keep(event) && !stream.push(event)) stream.end(undefined, { dropQueued: true });
    });
    return stream;
  }
}
