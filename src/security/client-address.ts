/**
 * The client address of a request: the TCP peer, or, behind trusted proxies, the `X-Forwarded-For`
 * entry they vouch for. It names anonymous callers for the per-address rate limits and goes into
 * the access log, over HTTP and WebSocket alike.
 *
 * `PORTAL_GRAPH_TRUST_PROXY`:
 * - unset (default): `X-Forwarded-For` is ignored, the peer is the client.
 * - a hop count `N`: the last N addresses of the chain (the peer and the entries to its left) are
 *   proxies; the client is the entry just before them. With one load balancer, `1`.
 * - a comma-separated list of addresses and CIDR ranges (`10.0.0.0/8, 192.168.1.4, fd00::/8`):
 *   walking the chain from the peer leftwards, every address in the list is a proxy; the client is
 *   the first address that is not.
 * Entries left of the client are whatever the caller wrote and are never used.
 */
import { BlockList, isIP } from 'node:net';

export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'list'; list: BlockList; text: string };

export const TRUST_NO_PROXY: TrustProxy = { kind: 'none' };

export class TrustProxyError extends Error {
  override name = 'TrustProxyError';
}

/** `::ffff:10.0.0.1` → `10.0.0.1`, so IPv4 peers on a dual-stack socket compare as IPv4. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

/** Parses the setting; throws TrustProxyError saying what is wrong. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false' || text === '0') return TRUST_NO_PROXY;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 100) throw new TrustProxyError('a hop count above 100 is not a real proxy chain');
    return { kind: 'hops', hops };
  }
  const list = new BlockList();
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || extra !== undefined) throw new TrustProxyError(`"${entry}" is neither a hop count nor an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const bits = /^\d+$/.test(prefix) ? Number(prefix) : NaN;
    if (!(bits >= 0 && bits <= (family === 4 ? 32 : 128))) throw new TrustProxyError(`"${entry}" has an invalid prefix length`);
    list.addSubnet(address, bits, type);
  }
  return { kind: 'list', list, text };
}

function trusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The client address for a peer and its `X-Forwarded-For` header value(s), under `trust`.
 * Malformed entries end the walk: a proxy never writes them, so the address right of one is used.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trust: TrustProxy): string | undefined {
  const direct = peer === undefined ? undefined : normaliseAddress(peer);
  if (trust.kind === 'none' || direct === undefined || forwardedFor === undefined) return direct;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map(normaliseAddress);
  // The chain from the client side to us: every forwarded entry, then the peer itself.
  const chain = [...forwarded, direct];
  let index = chain.length - 1;
  if (trust.kind === 'hops') {
    for (let hop = 0; hop < trust.hops && index > 0; hop++) {
      if (isIP(chain[index - 1]!) === 0) break;
      index--;
    }
    return chain[index];
  }
  while (index > 0 && trusted(trust.list, chain[index]!) && isIP(chain[index - 1]!) !== 0) index--;
  return chain[index];
}
