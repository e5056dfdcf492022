/**
 * The per-org catalogue and portal configuration (GET/POST/PUT each), and documentation objects
 * (contract §7).
 */
import { TYK_MESSAGES } from '../../tyk/contract.js';
import { envelope, notFound, ok, type Route, type RouteContext } from '../http.js';
import { objectId } from '../random.js';
import type { Json, OrgStore } from '../store.js';
import { objectBody, objectIdParam } from './common.js';

type Slot = 'catalogue' | 'configuration';

/** GET/POST/PUT for one per-org singleton; the path is also accepted with a trailing slash. */
function singletonRoutes(path: string, slot: Slot, defaults: (org: OrgStore) => Json): Route[] {
  const read = (ctx: RouteContext) => ctx.org[slot];
  return [
    { method: 'GET', template: path, handler: (ctx) => (read(ctx) ? ok(read(ctx)) : notFound()) },
    {
      method: 'POST',
      template: path,
      handler: (ctx) => {
        const id = objectId();
        ctx.org[slot] = { ...defaults(ctx.org), ...objectBody(ctx), id, org_id: ctx.org.orgId } as never;
        return envelope(200, id);
      },
    },
    {
      method: 'PUT',
      template: path,
      handler: (ctx) => {
        const current = read(ctx);
        if (!current) return notFound();
        ctx.org[slot] = { ...defaults(ctx.org), ...objectBody(ctx), id: current.id, org_id: ctx.org.orgId } as never;
        return envelope(200, TYK_MESSAGES.dataUpdated);
      },
    },
  ];
}

export const portalRoutes: Route[] = [
  ...singletonRoutes('/api/portal/catalogue', 'catalogue', () => ({ email: '', apis: [] })),
  ...singletonRoutes('/api/portal/configuration', 'configuration', () => ({ require_key_approval: false, signup_fields: [], key_request_fields: [] })),
  {
    method: 'POST',
    template: '/api/portal/documentation',
    handler: (ctx) => {
      const id = objectId();
      ctx.org.documentation.set(id, { ...objectBody(ctx), id });
      return envelope(200, id);
    },
  },
  {
    method: 'DELETE',
    template: '/api/portal/documentation/:id',
    handler: (ctx) => (ctx.org.documentation.delete(objectIdParam(ctx)) ? envelope(200, TYK_MESSAGES.dataDeleted) : notFound(TYK_MESSAGES.notFoundForDeletion)),
  },
];
