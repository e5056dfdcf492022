/**
 * A deadline combined with another signal must fire even when nothing but the combined signal
 * references it, and even after a garbage collection (Node 20's AbortSignal.any alone loses it).
 */
import { describe, expect, it } from 'vitest';
import { anySignal } from '../src/abort-signals.js';
import { collectGarbage } from './support/gc.js';

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('anySignal', () => {
  it('aborts at a deadline that only the combined signal references, across a garbage collection', async () => {
    const caller = new AbortController();
    const combined = anySignal(caller.signal, AbortSignal.timeout(100))!;
    await settle(10);
    collectGarbage();
    await settle(300);
    expect(combined.aborted).toBe(true);
    expect((combined.reason as Error).name).toBe('TimeoutError');
  });

  it('aborts when the other source does, with its reason', () => {
    const caller = new AbortController();
    const combined = anySignal(caller.signal, AbortSignal.timeout(60_000))!;
    caller.abort(new Error('hung up'));
    expect(combined.aborted).toBe(true);
    expect((combined.reason as Error).message).toBe('hung up');
  });

  it('returns the one signal there is, or a signal combined with itself, unchanged', () => {
    const only = new AbortController().signal;
    expect(anySignal(only, undefined)).toBe(only);
    expect(anySignal(undefined, only)).toBe(only);
    expect(anySignal(only, only)).toBe(only);
    expect(anySignal(undefined, undefined)).toBeUndefined();
  });
});
