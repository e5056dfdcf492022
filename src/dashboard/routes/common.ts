/**
 * Lookups and checks the route handlers share: ids, bodies, paging.
 */
import { pageCount, pageWindow, TYK_MESSAGES } from '../../tyk/contract.js';
import { decodeLikeGo, type GoShape } from '../go-json.js';
import { badRequest, notFound, ReplyError, type RouteContext } from '../http.js';
import type { DeveloperRecord, OrgStore, PolicyRecord } from '../store.js';
import { StreamedList } from '../listing.js';

/** Lists of more items than this are answered in chunks when asked for whole (`p<0`). */
const STREAMED_LIST_ITEMS = 1_000;

/** An ObjectId as Go's `bson.IsObjectIdHex` reads it: 24 hex digits of either case. */
const ANY_CASE_OBJECT_ID = /^[0-9a-fA-F]{24}$/;

/**
 * The id param, lower-cased, or a 400 for a non-hex id (Tyk's ObjectId parse failure). Tyk decodes
 * the hex into the id's 12 bytes, so `5E39…` names the same object as `5e39…`.
 */
export function objectIdParam(ctx: RouteContext, name = 'id', message: string = TYK_MESSAGES.invalidId): string {
  const id = ctx.params[name] ?? '';
  if (!ANY_CASE_OBJECT_ID.test(id)) throw new ReplyError(badRequest(message));
  return id.toLowerCase();
}

export function developerParam(ctx: RouteContext, name = 'id'): DeveloperRecord {
  const developer = ctx.org.developers.get(objectIdParam(ctx, name));
  if (!developer) throw new ReplyError(notFound());
  return developer;
}

/** The body as an object, or a 400 when it is missing or not an object. */
export function objectBody(ctx: RouteContext): Record<string, unknown> {
  if (!ctx.body || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) throw new ReplyError(badRequest('Request body must be a JSON object.'));
  return ctx.body as Record<string, unknown>;
}

/** The body as an object whose fields Go would decode into a struct of `shape` (else 403, see go-json.ts). */
export function goBody(ctx: RouteContext, shape: GoShape): Record<string, unknown> {
  return decodeLikeGo(objectBody(ctx), shape);
}

/**
 * A policy of the org by its database `_id` or its custom `id` (tyk-operator's catalogue entries
 * name policies by the custom id, and developers request keys through those entries).
 */
export function findPolicy(org: OrgStore, id: string): PolicyRecord | undefined {
  const byDatabaseId = org.policies.get(id.toLowerCase());
  if (byDatabaseId) return byDatabaseId;
  for (const policy of org.policies.values()) if (policy.id && policy.id === id) return policy;
  return undefined;
}

/** Policies by id in this org; a 400 naming the first unknown one. */
export function policiesById(ctx: RouteContext, ids: unknown): PolicyRecord[] {
  if (!Array.isArray(ids) || ids.length === 0) throw new ReplyError(badRequest('apply_policies must list at least one policy.'));
  return ids.map((id) => {
    const policy = typeof id === 'string' ? findPolicy(ctx.org, id) : undefined;
    if (!policy) throw new ReplyError(badRequest(`Policy ${String(id)} does not exist.`));
    return policy;
  });
}

export function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, v == null ? '' : String(v)]));
}

/** The slice of `total` items the request's `p` asks for, and the `Pages` (or `pages`) to answer with. */
export function pageOf(ctx: RouteContext, total: number): { start: number; end: number; pages: number } {
  const raw = ctx.query.get('p');
  const p = raw === null || raw === '' ? undefined : Number(raw);
  const page = Number.isFinite(p) ? p : undefined;
  return { ...pageWindow(page, total, ctx.store.pageSize), pages: pageCount(page, total, ctx.store.pageSize) };
}

/**
 * `{Data, Pages}` for page `p` of the items (the store's page size, p<0 = all; see contract.ts).
 * `serve` turns a record into what is sent; it runs on the page only, not on the whole list.
 */
export function portalPage<T, S = T>(ctx: RouteContext, items: readonly T[], serve: (item: T) => S = (item) => item as unknown as S) {
  const { start, end, pages } = pageOf(ctx, items.length);
  if (end - start > STREAMED_LIST_ITEMS) return new StreamedList(start === 0 && end === items.length ? items : items.slice(start, end), serve, pages);
  return { Data: items.slice(start, end).map(serve), Pages: pages };
}
