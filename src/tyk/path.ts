/**
 * Path segments: every value placed in a URL path is checked against what that kind of id can look
 * like and then percent-encoded, so no input can steer a request to another route (no `/`, `..`,
 * `?`, `#`, `%`, control characters or empty segments reach the URL unencoded).
 */
import { OBJECT_ID } from './contract.js';
import { TykInvalidInputError } from './errors.js';

export type SegmentKind = 'objectId' | 'keyId' | 'email' | 'apiId' | 'clientId' | 'ssoKey';

const PATTERNS: Record<SegmentKind, RegExp> = {
  /** Tyk object ids: MongoDB ObjectIds. */
  objectId: OBJECT_ID,
  /** Key hashes (8/16/64 hex) and raw keys (legacy org+hex, or base64 JSON without `/`). */
  keyId: /^[A-Za-z0-9._=+-]{1,512}$/,
  /** Emails: one `@`, no path or query characters; encoded below (`@` → `%40`, `+` → `%2B`). */
  email: /^[^\s/\\?#%@]{1,200}@[^\s/\\?#%@]{1,200}$/,
  /** API ids: 32-hex or base64-style ids as the Gateway assigns them. */
  apiId: /^[A-Za-z0-9._=-]{1,128}$/,
  clientId: /^[A-Za-z0-9._-]{1,128}$/,
  ssoKey: /^[A-Za-z0-9._=+-]{1,256}$/,
};

/** Validates and encodes one path segment; throws TykInvalidInputError without any I/O. */
export function segment(value: string, kind: SegmentKind): string {
  // eslint-disable-next-line no-control-regex
  if (typeof value !== 'string' || /[\u0000-\u001f\u007f]/.test(value) || !PATTERNS[kind].test(value)) {
    throw new TykInvalidInputError(`Refused a ${kind} that cannot be a valid Tyk ${kind}.`, `segment:${kind}`);
  }
  return encodeURIComponent(value);
}

/** Query string from defined values; keys and values encoded. */
export function queryString(query: Record<string, string | number | boolean | undefined>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}
