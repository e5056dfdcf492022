/**
 * Who is calling, read from the `Authorization` header once per request:
 * - operator: a Tyk Dashboard API credential (raw or `Bearer <credential>`); sees its own org.
 * - developer: `Bearer <session token>` from `login`/`signup`; sees only itself.
 * - anonymous: no header; sees the shown catalogue and may log in or sign up.
 * A session token that is expired or forged is not silently anonymous: the request is refused.
 */
import { createHash } from 'node:crypto';
import { SessionTokens, type SessionClaims } from './security/session-token.js';

export type Principal =
  | { kind: 'operator'; credential: string; key: string }
  | { kind: 'developer'; developerId: string; orgId: string; expiresAt: Date; key: string; session: SessionClaims }
  | { kind: 'anonymous'; key: string }
  | { kind: 'rejected'; reason: 'expired' | 'invalid' | 'sessions-disabled'; key: string };

export type PrincipalKind = Principal['kind'];

/** A short, stable, non-reversible name for a secret (rate-limit buckets, cache keys, logs). */
export function fingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url').slice(0, 16);
}

/** Reads the bearer value from `Authorization`: the raw secret, or `Bearer <secret>`. */
export function bearerFrom(headers: Headers): string | undefined {
  const value = headers.get('authorization')?.trim();
  if (!value) return undefined;
  const secret = value.replace(/^bearer\s+/i, '').trim();
  return secret.length > 0 ? secret : undefined;
}

/**
 * The principal of a request. `clientAddress` names anonymous callers (rate limits);
 * `sessions` is undefined when developer sessions are not configured.
 */
export function principalFrom(headers: Headers, clientAddress: string, sessions: SessionTokens | undefined): Principal {
  const bearer = bearerFrom(headers);
  if (!bearer) return { kind: 'anonymous', key: `anon:${clientAddress}` };
  if (!SessionTokens.isSessionToken(bearer)) return { kind: 'operator', credential: bearer, key: `op:${fingerprint(bearer)}` };
  if (!sessions) return { kind: 'rejected', reason: 'sessions-disabled', key: `anon:${clientAddress}` };
  const check = sessions.verify(bearer);
  if (!check.ok) return { kind: 'rejected', reason: check.reason, key: `anon:${clientAddress}` };
  return developerPrincipal(check.claims);
}

function developerPrincipal(claims: SessionClaims): Principal {
  return {
    kind: 'developer',
    developerId: claims.developerId,
    orgId: claims.orgId,
    expiresAt: claims.expiresAt,
    key: `dev:${claims.developerId}`,
    session: claims,
  };
}
