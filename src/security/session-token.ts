/**
 * Developer session tokens: what `login` returns and a developer sends back as
 * `Authorization: Bearer <token>`. Stateless and signed (HMAC-SHA256 with the gateway's session
 * secret), so any replica with the same secret accepts them.
 *
 * Format: `pgs1.<payload>.<signature>`, both parts base64url; the payload is JSON
 * `{ sub, org, iat, exp, jti, pwu }`: developer id, organisation id, issued and expiry times in
 * seconds, a random token id (what `logout` revokes), and the developer's `password_updated` when
 * the token was issued (a token from before the developer's last password change is expired:
 * src/domain/sessions.ts). The token carries no email, password or Dashboard credential.
 * Deactivating or deleting the developer takes effect at once, because the `developer` and `self`
 * auth scopes re-read the developer (src/schema/auth.ts).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every session token starts with this: it tells a token from a Dashboard credential. */
export const SESSION_TOKEN_PREFIX = 'pgs1.';

export interface SessionClaims {
  /** The developer's Tyk id. */
  developerId: string;
  /** The developer's organisation. */
  orgId: string;
  /** When the token was issued (whole seconds). */
  issuedAt: Date;
  expiresAt: Date;
  /** Random id of this token (what `logout` revokes); '' in tokens issued before ids existed. */
  tokenId: string;
  /** The developer's `password_updated` when the token was issued; undefined if it was not recorded. */
  passwordUpdated: string | undefined;
}

export type SessionCheck = { ok: true; claims: SessionClaims } | { ok: false; reason: 'expired' | 'invalid' };

export interface SessionTokenOptions {
  /** Signing secret, at least 32 characters; replicas that share sessions share it. */
  secret: string;
  /** Lifetime of a token in ms; default one hour. */
  ttlMs?: number;
  now?: () => Date;
}

const MIN_SECRET_LENGTH = 32;
const MAX_TOKEN_LENGTH = 1024;

export class SessionTokens {
  readonly ttlMs: number;
  readonly #secret: string;
  readonly #now: () => Date;

  constructor(options: SessionTokenOptions) {
    if (options.secret.length < MIN_SECRET_LENGTH) {
      throw new Error(`The session secret must be at least ${MIN_SECRET_LENGTH} characters, got ${options.secret.length}.`);
    }
    this.#secret = options.secret;
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.#now = options.now ?? (() => new Date());
  }

  /** Whether a bearer value looks like a session token (rather than a Dashboard credential). */
  static isSessionToken(value: string): boolean {
    return value.startsWith(SESSION_TOKEN_PREFIX);
  }

  /** `passwordUpdated`: the developer's `password_updated` now, so a later password change ends the session. */
  issue(subject: { developerId: string; orgId: string; passwordUpdated?: string }): { token: string; expiresAt: Date } {
    const issuedAt = Math.floor(this.#now().getTime() / 1000);
    const expiresAt = issuedAt + Math.ceil(this.ttlMs / 1000);
    const claims = { sub: subject.developerId, org: subject.orgId, iat: issuedAt, exp: expiresAt, jti: randomBytes(12).toString('base64url'), pwu: subject.passwordUpdated };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${SESSION_TOKEN_PREFIX}${payload}.${this.#sign(payload)}`, expiresAt: new Date(expiresAt * 1000) };
  }

  /** Checks signature first, then expiry: a forged token is `invalid` whatever its claims say. */
  verify(token: string): SessionCheck {
    if (token.length > MAX_TOKEN_LENGTH || !token.startsWith(SESSION_TOKEN_PREFIX)) return { ok: false, reason: 'invalid' };
    const [payload, signature, ...rest] = token.slice(SESSION_TOKEN_PREFIX.length).split('.');
    if (!payload || !signature || rest.length > 0) return { ok: false, reason: 'invalid' };
    const expected = Buffer.from(this.#sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
    const claims = parseClaims(payload);
    if (!claims) return { ok: false, reason: 'invalid' };
    if (claims.exp * 1000 <= this.#now().getTime()) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      claims: {
        developerId: claims.sub,
        orgId: claims.org,
        issuedAt: new Date(claims.iat * 1000),
        expiresAt: new Date(claims.exp * 1000),
        tokenId: claims.jti,
        passwordUpdated: claims.pwu,
      },
    };
  }

  #sign(payload: string): string {
    return createHmac('sha256', this.#secret).update(SESSION_TOKEN_PREFIX).update(payload).digest('base64url');
  }
}

function parseClaims(payload: string): { sub: string; org: string; iat: number; exp: number; jti: string; pwu: string | undefined } | undefined {
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { sub, org, exp, iat, jti, pwu } = value;
    if (typeof sub !== 'string' || typeof org !== 'string' || typeof exp !== 'number' || !Number.isFinite(exp)) return undefined;
    return {
      sub,
      org,
      exp,
      iat: typeof iat === 'number' && Number.isFinite(iat) ? iat : exp,
      jti: typeof jti === 'string' ? jti : '',
      pwu: typeof pwu === 'string' ? pwu : undefined,
    };
  } catch {
    return undefined;
  }
}
