/**
 * Key requests: a developer (or an operator for it) files one; when the portal does not require
 * approval it is approved at once, as Tyk's own portal does; operators approve or decline pending ones.
 */
import type { GatewayContext } from '../context.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { TykKeyRequest } from '../tyk/wire.js';
import { requireDeveloper, type FieldInput } from './developers.js';
import { inputId } from './ids.js';
import { checkPolicyIds, issueKey, requirePolicies, type IssuedKeyShape } from './keys.js';
import { checkFields, checkRedirectUris } from './validation.js';

export interface KeyRequestOutcome {
  keyRequest: TykKeyRequest;
  issued: IssuedKeyShape | null;
}

export interface NewKeyRequest {
  developerId: string | number;
  policyIds: readonly (string | number)[];
  fields?: readonly FieldInput[] | null | undefined;
  redirectUri?: string | null | undefined;
}

/** A developer may request keys only for policies the portal's catalogue shows. */
async function requireShownInCatalogue(ctx: GatewayContext, policyIds: readonly string[], field: string): Promise<void> {
  const shown = new Set(((await ctx.loaders.catalogue())?.apis ?? []).filter((e) => e.show && e.policy_id).map((e) => e.policy_id));
  policyIds.forEach((id, i) => {
    if (!shown.has(id)) throw new ValidationError('This policy is not offered in the portal catalogue.', `${field}[${i}]`);
  });
}

/** Reads a key request fresh and checks it is still pending, before any write. */
async function requirePendingRequest(ctx: GatewayContext, id: string): Promise<TykKeyRequest> {
  ctx.loaders.keyRequestById.clear(id);
  const request = await ctx.loaders.keyRequestById.load(id);
  if (!request) throw new NotFoundError('KeyRequest', id);
  if (request.approved) throw new ValidationError('Key request has already been processed.', 'id');
  return request;
}

/** The event a key request's change produces; the request's own reads of the lists are dropped (every write ends here). */
function publishRequestEvent(ctx: GatewayContext, type: 'KEY_REQUEST_SUBMITTED' | 'KEY_REQUEST_APPROVED' | 'KEY_REQUEST_DECLINED', request: TykKeyRequest) {
  ctx.loaders.forgetKeyRequestLists();
  ctx.events.publish({
    type,
    source: 'gateway',
    orgId: request.org_id,
    developerId: request.by_user,
    keyRequestId: request.id,
    policyIds: request.apply_policies,
  });
}

async function approve(ctx: GatewayContext, request: TykKeyRequest): Promise<KeyRequestOutcome> {
  const issued = await issueKey(ctx, request.by_user, () => ctx.tyk().approveKeyRequest(request.id));
  const keyRequest = { ...request, approved: true, org_id: request.org_id || issued.developer.org_id };
  publishRequestEvent(ctx, 'KEY_REQUEST_APPROVED', keyRequest);
  return { keyRequest, issued };
}

/** Files a key request (a developer for itself, for shown catalogue entries); approves it at once when the portal does not require approval. */
export async function requestKey(ctx: GatewayContext, input: NewKeyRequest): Promise<KeyRequestOutcome> {
  const developerId = inputId(input.developerId, 'input.developerId');
  const policyIds = checkPolicyIds(input.policyIds, 'input.policyIds');
  const fields = checkFields(input.fields ?? [], 'input.fields');
  const redirectUri = input.redirectUri ? checkRedirectUris(input.redirectUri, 'input.redirectUri') : undefined;
  if (ctx.principal.kind === 'developer') await requireShownInCatalogue(ctx, policyIds, 'input.policyIds');
  const [, , configuration] = await Promise.all([
    requireDeveloper(ctx, developerId),
    requirePolicies(ctx, policyIds, 'input.policyIds'),
    ctx.loaders.portalConfiguration(),
  ]);
  const id = await ctx.tyk().createKeyRequest({
    by_user: developerId,
    for_plan: policyIds[0] as string,
    apply_policies: policyIds,
    version: 'v2',
    fields,
    date_created: ctx.now().toISOString(),
    approved: false,
    ...(redirectUri ? { oauth_info: { redirect_uri: redirectUri } } : {}),
  });
  const request = await ctx.tyk().getKeyRequest(id);
  publishRequestEvent(ctx, 'KEY_REQUEST_SUBMITTED', request);
  if (configuration?.require_key_approval ?? true) return { keyRequest: request, issued: null };
  return approve(ctx, request);
}

/** Approves a pending key request: Tyk issues the key. */
export async function approveKeyRequest(ctx: GatewayContext, id: string | number): Promise<KeyRequestOutcome> {
  return approve(ctx, await requirePendingRequest(ctx, inputId(id, 'id')));
}

/** Declines (deletes) a pending key request; returns its id. */
export async function declineKeyRequest(ctx: GatewayContext, id: string | number): Promise<string> {
  const request = await requirePendingRequest(ctx, inputId(id, 'id'));
  await ctx.tyk().deleteKeyRequest(request.id);
  ctx.loaders.keyRequestById.clear(request.id);
  publishRequestEvent(ctx, 'KEY_REQUEST_DECLINED', request);
  return request.id;
}
