import { describe, expect, it } from 'vitest';
import { SharedCache } from '../../src/loaders/shared-cache.js';

describe('SharedCache', () => {
  it('serves one load per principal and name until the TTL passes', async () => {
    let now = 0;
    let loads = 0;
    const cache = new SharedCache({ ttlMs: 1000, now: () => now });
    const load = async () => ++loads;
    expect(await cache.get('a', 'policies', load)).toBe(1);
    expect(await cache.get('a', 'policies', load)).toBe(1);
    expect(await cache.get('b', 'policies', load)).toBe(2);
    now = 1001;
    expect(await cache.get('a', 'policies', load)).toBe(3);
  });

  it('does not keep a failed load, and forgets on invalidate', async () => {
    const cache = new SharedCache({ ttlMs: 1000 });
    await expect(cache.get('a', 'catalogue', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('a', 'catalogue', async () => 'fresh')).toBe('fresh');
    cache.invalidate('a', 'catalogue');
    expect(await cache.get('a', 'catalogue', async () => 'newer')).toBe('newer');
  });

  it('evicts the least recently used principal beyond the limit, and never stores the credential', async () => {
    const cache = new SharedCache({ ttlMs: 1000, maxPrincipals: 2 });
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('a', 'policies', load);
    await cache.get('b', 'policies', load);
    await cache.get('a', 'policies', load);
    await cache.get('c', 'policies', load);
    expect(await cache.get('a', 'policies', load)).toBe(1);
    expect(await cache.get('b', 'policies', load)).toBe(4);
    expect(SharedCache.principalOf('my-secret')).toMatch(/^[0-9a-f]{64}$/);
    expect(SharedCache.principalOf('my-secret')).not.toContain('my-secret');
  });

  it('passes straight through when disabled', async () => {
    const cache = new SharedCache({ ttlMs: 0 });
    let loads = 0;
    await cache.get('a', 'policies', async () => ++loads);
    await cache.get('a', 'policies', async () => ++loads);
    expect(loads).toBe(2);
  });
});
