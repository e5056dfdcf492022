/**
 * The per-org catalogue and portal configuration (GET/POST/PUT each), and documentation objects
 * (contract §7).
 *
 * A POST when the organisation already has one is refused (400, nothing changes): Tyk's clients
 * POST only after a GET answered 404 (tyk-operator's catalogue and portal-config controllers,
 * tyk-demo's `initialise_portal` on a new organisation), so what a real Dashboard does then is not
 * seen anywhere; replacing would silently empty a catalogue, and answering the old id would
 * silently drop what the body said. Update an existing one with PUT.
 */
import { TYK_MESSAGES } from '../../tyk/contract.js';
import { CATALOGUE_SHAPE, CONFIGURATION_SHAPE, type GoShape } from '../go-json.js';
import { badRequest, envelope, notFound, ok, type Route, type RouteContext } from '../http.js';
import { objectId } from '../random.js';
import type { Json, OrgStore } from '../store.js';
import { goBody, objectBody, objectIdParam } from './common.js';

type Slot = 'catalogue' | 'configuration';

/** Message of a refused second create, per singleton. */
export const ALREADY_EXISTS: Record<Slot, string> = {
  catalogue: 'A catalogue already exists for this organisation; update it with PUT.',
  configuration: 'A portal configuration already exists for this organisation; update it with PUT.',
};

/** GET/POST/PUT for one per-org singleton; the path is also accepted with a trailing slash. */
function singletonRoutes(path: string, slot: Slot, shape: GoShape, defaults: (org: OrgStore) => Json): Route[] {
  const read = (ctx: RouteContext) => ctx.org[slot];
  return [
    { method: 'GET', template: path, handler: (ctx) => (read(ctx) ? ok(read(ctx)) : notFound()) },
    {
      method: 'POST',
      template: path,
      handler: (ctx) => {
        const body = goBody(ctx, shape);
        if (read(ctx)) return badRequest(ALREADY_EXISTS[slot]);
        const id = objectId();
        ctx.org[slot] = { ...defaults(ctx.org), ...body, id, org_id: ctx.org.orgId } as never;
        return envelope(200, id);
      },
    },
    {
      method: 'PUT',
      template: path,
      handler: (ctx) => {
        const current = read(ctx);
        if (!current) return notFound();
        ctx.org[slot] = { ...defaults(ctx.org), ...goBody(ctx, shape), id: current.id, org_id: ctx.org.orgId } as never;
        return envelope(200, TYK_MESSAGES.dataUpdated);
      },
    },
  ];
}

export const portalRoutes: Route[] = [
  ...singletonRoutes('/api/portal/catalogue', 'catalogue', CATALOGUE_SHAPE, () => ({ email: '', apis: [] })),
  ...singletonRoutes('/api/portal/configuration', 'configuration', CONFIGURATION_SHAPE, () => ({ require_key_approval: false, signup_fields: [], key_request_fields: [] })),
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
