/**
 * SubscriberStream piped to a sink (how graphql-ws sockets take the hub's results): values are
 * written as they are pushed, in order; a sink that cannot take more makes them wait in the bounded
 * queue until it resumes; the end reaches the sink once, after the last value.
 */
import { describe, expect, it } from 'vitest';
import { SubscriberStream, type StreamSink } from '../../src/subscriptions/subscriber-stream.js';

/** A sink that takes `room` values, then answers false until `open()` gives it more. */
function recordingSink(room = Infinity) {
  const written: string[] = [];
  let left = room;
  let ends = 0;
  const sink: StreamSink<string> = {
    write(value) {
      written.push(value);
      left -= 1;
      return left > 0;
    },
    end() {
      ends += 1;
    },
  };
  return {
    sink,
    written,
    get ends() {
      return ends;
    },
    open(more: number) {
      left = more;
    },
  };
}

describe('a piped stream', () => {
  it('writes each value to the sink as it is pushed, after what was queued before the pipe', () => {
    const stream = new SubscriberStream<string>(10, () => undefined);
    stream.push('a');
    const sink = recordingSink();
    stream.pipe(sink.sink);
    expect(sink.written).toEqual(['a']);
    stream.push('b');
    stream.push('c');
    expect(sink.written).toEqual(['a', 'b', 'c']);
    expect(stream.queued).toBe(0);
  });

  it('queues while the sink cannot take more, refuses past maxQueued, and resumes in order', () => {
    const stream = new SubscriberStream<string>(2, () => undefined);
    const sink = recordingSink(1);
    stream.pipe(sink.sink);
    expect(stream.push('a')).toBe(true);
    expect(stream.push('b')).toBe(true);
    expect(stream.push('c')).toBe(true);
    expect(stream.push('d')).toBe(false);
    expect(sink.written).toEqual(['a']);
    sink.open(Infinity);
    stream.resume();
    expect(sink.written).toEqual(['a', 'b', 'c']);
    expect(stream.push('d')).toBe(true);
    expect(sink.written).toEqual(['a', 'b', 'c', 'd']);
  });

  it('ends the sink once, after the queue and the last value, and only when the sink has taken them', () => {
    let onEnd = 0;
    const stream = new SubscriberStream<string>(10, () => (onEnd += 1));
    const sink = recordingSink(1);
    stream.pipe(sink.sink);
    stream.push('a');
    stream.push('b');
    stream.end('last');
    expect(onEnd).toBe(1);
    expect(sink.ends).toBe(0);
    sink.open(Infinity);
    stream.resume();
    expect(sink.written).toEqual(['a', 'b', 'last']);
    expect(sink.ends).toBe(1);
    stream.resume();
    void stream.return();
    expect(sink.ends).toBe(1);
    expect(stream.push('after')).toBe(false);
  });

  it('drops what waits and ends the sink at once on return() (a client’s complete, a disconnect)', async () => {
    const stream = new SubscriberStream<string>(10, () => undefined);
    const sink = recordingSink(1);
    stream.pipe(sink.sink);
    stream.push('a');
    stream.push('b');
    expect(await stream.return()).toEqual({ value: undefined, done: true });
    expect(sink.ends).toBe(1);
    sink.open(Infinity);
    stream.resume();
    expect(sink.written).toEqual(['a']);
  });

  it('ends the sink as soon as it is piped when the stream had already ended', () => {
    const stream = new SubscriberStream<string>(10, () => undefined);
    stream.end('last');
    const sink = recordingSink();
    stream.pipe(sink.sink);
    expect(sink.written).toEqual(['last']);
    expect(sink.ends).toBe(1);
  });

  it('refuses a second sink and a sink while it is being iterated, naming what is wrong', () => {
    const piped = new SubscriberStream<string>(10, () => undefined);
    piped.pipe(recordingSink().sink);
    expect(() => piped.pipe(recordingSink().sink)).toThrow(/already has a sink/);
    const iterated = new SubscriberStream<string>(10, () => undefined);
    void iterated.next();
    expect(() => iterated.pipe(recordingSink().sink)).toThrow(/being iterated/);
  });
});
