/**
 * Developer routes (contract §2).
 */
import { MIN_PASSWORD_LENGTH, TYK_MESSAGES } from '../../tyk/contract.js';
import { badRequest, envelope, notFound, ok, ReplyError, type Route, type RouteContext } from '../http.js';
import { hashPassword, verifyPassword } from '../password.js';
import { objectId } from '../random.js';
import { publicDeveloper, type DeveloperRecord } from '../store.js';
import type { DashboardEvents } from '../events.js';
import { listed } from '../listing.js';
import { developerParam, objectBody, objectIdParam, portalPage, stringMap } from './common.js';

const BASE = '/api/portal/developers';

function findByEmail(ctx: RouteContext, email: string): DeveloperRecord | undefined {
  const wanted = email.toLowerCase();
  return [...ctx.org.developers.values()].find((d) => d.email.toLowerCase() === wanted);
}

/** Maps a written body onto a record; what the body omits is gone (Tyk's PUT replaces). */
function fromBody(body: Record<string, unknown>, base: { id: string; org_id: string; date_created: string }): DeveloperRecord {
  return {
    nonce: '',
    sso_key: '',
    password_max_days: 0,
    password_updated: '',
    PWHistory: [],
    last_login_date: '0001-01-01T00:00:00Z',
    ...body,
    id: base.id,
    org_id: base.org_id,
    email: String(body['email']),
    date_created: typeof body['date_created'] === 'string' && body['date_created'] ? body['date_created'] : base.date_created,
    inactive: body['inactive'] === true,
    keys: (body['keys'] as DeveloperRecord['keys']) ?? {},
    subscriptions: (body['subscriptions'] as DeveloperRecord['subscriptions']) ?? {},
    fields: stringMap(body['fields']),
    oauth_clients: (body['oauth_clients'] as DeveloperRecord['oauth_clients']) ?? {},
  };
}

function checkEmail(ctx: RouteContext, body: Record<string, unknown>, exceptId?: string) {
  const email = body['email'];
  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new ReplyError(badRequest('Email address is required.'));
  const existing = findByEmail(ctx, email);
  if (existing && existing.id !== exceptId) throw new ReplyError(badRequest('Email address already exists.'));
}

function checkPassword(password: unknown) {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) throw new ReplyError(badRequest(TYK_MESSAGES.passwordValidationFailed));
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
        const developer = ctx.org.developers.get(ctx.params['id'] ?? '');
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
        const body = objectBody(ctx);
        checkEmail(ctx, body);
        checkPassword(body['password']);
        const { password, ...rest } = body;
        const now = ctx.store.now().toISOString();
        const developer = fromBody(rest, { id: objectId(), org_id: ctx.org.orgId, date_created: now });
        developer.password_updated = now;
        ctx.org.developers.set(developer.id, developer);
        ctx.org.passwords.set(developer.id, hashPassword(password as string));
        return envelope(200, developer.id);
      },
    },
    {
      method: 'PUT',
      template: `${BASE}/:id`,
      handler: (ctx) => {
        const current = developerParam(ctx);
        const body = objectBody(ctx);
        checkEmail(ctx, body, current.id);
        const { password, ...rest } = body;
        if (password !== undefined) {
          checkPassword(password);
          ctx.org.passwords.set(current.id, hashPassword(password as string));
        }
        ctx.org.developers.set(current.id, fromBody(rest, current));
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
