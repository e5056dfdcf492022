/**
 * Developer routes (contract §2).
 */
import { MIN_PASSWORD_LENGTH, TYK_MESSAGES } from '../../tyk/contract.js';
import { badRequest, envelope, notFound, ok, ReplyError, type Route, type RouteContext } from '../http.js';
import { hashPassword, verifyPassword } from '../password.js';
import { objectId } from '../random.js';
import { publicDeveloper, type DeveloperRecord } from '../store.js';
import type { DashboardEvents } from '../events.js';
import { DEVELOPER_SHAPE } from '../go-json.js';
import { listed } from '../listing.js';
import { developerParam, goBody, objectBody, objectIdParam, portalPage, stringMap } from './common.js';

const BASE = '/api/portal/developers';

function findByEmail(ctx: RouteContext, email: string): DeveloperRecord | undefined {
  const wanted = email.toLowerCase();
  return [...ctx.org.developers.values()].find((d) => d.email.toLowerCase() === wanted);
}

/** Go's zero `time.Time` as JSON: what Tyk serves for a time never set. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

/** A time the body sets, unless it is absent, empty or Go's zero time (TIB sends zero times). */
const timeOr = (value: unknown, fallback: string) => (typeof value === 'string' && value !== '' && value !== ZERO_TIME ? value : fallback);

/** Maps a written body onto a record; what the body omits is gone (Tyk's PUT replaces). */
function fromBody(body: Record<string, unknown>, base: { id: string; org_id: string; date_created: string }): DeveloperRecord {
  return {
    nonce: '',
    sso_key: '',
    password_max_days: 0,
    ...body,
    id: base.id,
    org_id: base.org_id,
    email: String(body['email']),
    date_created: timeOr(body['date_created'], base.date_created),
    inactive: body['inactive'] === true,
    keys: (body['keys'] as DeveloperRecord['keys']) ?? {},
    subscriptions: (body['subscriptions'] as DeveloperRecord['subscriptions']) ?? {},
    fields: stringMap(body['fields']),
    oauth_clients: (body['oauth_clients'] as DeveloperRecord['oauth_clients']) ?? {},
    // A null (TIB's Go nil slice) is served as an empty history; no history is ever kept here.
    PWHistory: [],
    password_updated: timeOr(body['password_updated'], ZERO_TIME),
    last_login_date: timeOr(body['last_login_date'], ZERO_TIME),
  };
}

function checkEmail(ctx: RouteContext, body: Record<string, unknown>, exceptId?: string) {
  const email = body['email'];
  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new ReplyError(badRequest('Email address is required.'));
  const existing = findByEmail(ctx, email);
  if (existing && existing.id !== exceptId) throw new ReplyError(badRequest('Email address already exists.'));
}

/**
 * A password the body sets, or undefined when it sets none. Tyk accepts developers without one
 * (TIB's PortalDeveloper has `Password json:"-"`, liip's wp-tyk-dev-portal posts only the email):
 * such a developer cannot pass verify_credentials until a password is set.
 */
function passwordOf(body: Record<string, unknown>): string | undefined {
  const password = body['password'];
  if (password === undefined || password === null || password === '') return undefined;
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) throw new ReplyError(badRequest(TYK_MESSAGES.passwordValidationFailed));
  return password;
}

/** Developer routes; deleting a developer revokes its keys and says so on `events`. */
export function developerRoutes(events: DashboardEvents): Route[] {
  return [
    // Listed records are served as they are: the answer is serialised before anything can change
    // them, and a copy of each would cost more than the answer at organisation size.
    { method: 'GET', template: BASE, handler: (ctx) => ok(portalPage(ctx, listed(ctx.org.developers))) },
    {
      method: 'GET',
      template: `${BASE}/email/:email`,
      handler: (ctx) => {
        const developer = findByEmail(ctx, ctx.params['email'] ?? '');
        return developer ? ok(publicDeveloper(developer)) : notFound();
      },
    },
    {
      method: 'GET',
      template: `${BASE}/ssokey/:key`,
      handler: (ctx) => {
        const developer = [...ctx.org.developers.values()].find((d) => d.sso_key && d.sso_key === ctx.params['key']);
        return developer ? ok(publicDeveloper(developer)) : notFound();
      },
    },
    { method: 'GET', template: `${BASE}/:id`, handler: (ctx) => ok(publicDeveloper(developerParam(ctx))) },
    {
      method: 'POST',
      template: `${BASE}/verify_credentials`,
      write: false, // a read: read-only users may log developers in
      handler: (ctx) => {
        const body = objectBody(ctx);
        const developer = typeof body['username'] === 'string' ? findByEmail(ctx, body['username']) : undefined;
        const valid = developer !== undefined && typeof body['password'] === 'string' && verifyPassword(body['password'], ctx.org.passwords.get(developer.id));
        return valid ? envelope(200, 'Credentials verified') : envelope(401, 'Credentials are not valid.');
      },
    },
    {
      method: 'POST',
      template: `${BASE}/password/:id`,
      handler: (ctx) => {
        const developer = ctx.org.developers.get((ctx.params['id'] ?? '').toLowerCase());
        const password = (ctx.body as { password?: unknown } | undefined)?.password;
        if (!developer || typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
          return { status: 400, body: { Status: 'Error', Message: TYK_MESSAGES.passwordValidationFailed } };
        }
        ctx.org.passwords.set(developer.id, hashPassword(password));
        developer.password_updated = ctx.store.now().toISOString();
        return ok({ Message: TYK_MESSAGES.passwordChanged });
      },
    },
    {
      method: 'POST',
      template: BASE,
      handler: (ctx) => {
        const body = goBody(ctx, DEVELOPER_SHAPE);
        checkEmail(ctx, body);
        const password = passwordOf(body);
        const { password: _password, ...rest } = body;
        const now = ctx.store.now().toISOString();
        const developer = fromBody(rest, { id: objectId(), org_id: ctx.org.orgId, date_created: now });
        ctx.org.developers.set(developer.id, developer);
        if (password !== undefined) {
          developer.password_updated = now;
          ctx.org.passwords.set(developer.id, hashPassword(password));
        }
        return envelope(200, developer.id);
      },
    },
    {
      method: 'PUT',
      template: `${BASE}/:id`,
      handler: (ctx) => {
        const current = developerParam(ctx);
        const body = goBody(ctx, DEVELOPER_SHAPE);
        checkEmail(ctx, body, current.id);
        // No password in the body keeps the current one (TIB never sends one).
        const password = passwordOf(body);
        const { password: _password, ...rest } = body;
        const updated = fromBody(rest, current);
        if (password !== undefined) {
          ctx.org.passwords.set(current.id, hashPassword(password));
          updated.password_updated = ctx.store.now().toISOString();
        } else if (updated.password_updated === ZERO_TIME) updated.password_updated = current.password_updated;
        ctx.org.developers.set(current.id, updated);
        return envelope(200, TYK_MESSAGES.dataUpdated);
      },
    },
    {
      method: 'DELETE',
      template: `${BASE}/:id`,
      handler: (ctx) => {
        const developer = ctx.org.developers.get(objectIdParam(ctx));
        if (!developer) return notFound(TYK_MESSAGES.notFoundForDeletion);
        for (const [hash, policies] of Object.entries(developer.keys)) {
          ctx.org.keys.delete(hash);
          events.emit(ctx.org, 'key_event.deleted', { developer, keyHash: hash, policies });
        }
        ctx.org.developers.delete(developer.id);
        ctx.org.passwords.delete(developer.id);
        return envelope(200, TYK_MESSAGES.dataDeleted);
      },
    },
  ];
}
