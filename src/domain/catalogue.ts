/**
 * The organisation's API catalogue: what each caller may see of it, and the operators' changes —
 * add, update and remove an entry (entries are keyed by policy id) — each a read-merge-write of the
 * whole catalogue (src/domain/read-merge-write.ts), creating it on an organisation that has none.
 */
import type { GatewayContext } from '../context.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { nullIfNotFound } from '../loaders/shared.js';
import type { TykCatalogue, TykCatalogueEntry } from '../tyk/wire.js';
import { inputId } from './ids.js';
import { requirePolicies } from './keys.js';
import { readMergeWrite, type WholeObject } from './read-merge-write.js';

/** The catalogue entries this caller may see: operators all (or the shown ones), others the shown ones, anonymous visitors none when the portal is for logged-in developers only. */
export async function visibleCatalogue(ctx: GatewayContext, shownOnly: boolean): Promise<TykCatalogueEntry[]> {
  const loginOnly = ctx.principal.kind === 'anonymous' ? ctx.loaders.portalConfiguration().then((c) => c?.catalogue_login_only ?? false) : false;
  const [catalogue, hidden] = await Promise.all([ctx.loaders.catalogue(), loginOnly]);
  if (hidden) return [];
  const entries = catalogue?.apis ?? [];
  return shownOnly || ctx.principal.kind !== 'operator' ? entries.filter((e) => e.show) : entries;
}

/** Authentication types Tyk's Dashboard accepts for a catalogue entry. */
export const CATALOGUE_AUTH_TYPES = ['multiAuth', 'keyless', 'basic', 'hmac', 'jwt', 'oauth', 'openid', 'mutualTLS', 'authToken', 'custom', 'other'] as const;

/** The fields of an entry a change may set (named as `CatalogueEntry`'s). */
export interface CatalogueEntryChanges {
  name?: string | null | undefined;
  shortDescription?: string | null | undefined;
  longDescription?: string | null | undefined;
  show?: boolean | null | undefined;
  documentation?: string | null | undefined;
  version?: string | null | undefined;
  authType?: string | null | undefined;
  isKeyless?: boolean | null | undefined;
  apiId?: string | null | undefined;
}

const LIMITS: Partial<Record<keyof CatalogueEntryChanges, number>> = {
  name: 200,
  shortDescription: 1_000,
  longDescription: 20_000,
  documentation: 100,
  version: 20,
  apiId: 200,
};

/** Checks a change's texts and auth type before anything is read. */
function checkChanges(changes: CatalogueEntryChanges): void {
  for (const [key, max] of Object.entries(LIMITS) as [keyof CatalogueEntryChanges, number][]) {
    const value = changes[key];
    if (typeof value === 'string' && value.length > max) throw new ValidationError(`${key} must be at most ${max} characters.`, `input.${key}`);
  }
  if (changes.name != null && changes.name.trim() === '') throw new ValidationError('name must not be empty.', 'input.name');
  if (changes.authType != null && !(CATALOGUE_AUTH_TYPES as readonly string[]).includes(changes.authType)) {
    throw new ValidationError(`authType must be one of ${CATALOGUE_AUTH_TYPES.join(', ')}.`, 'input.authType');
  }
}

/** The entry with the given changes applied; everything else it holds (config, fields, Tyk's own keys) is kept. */
function applyChanges(entry: TykCatalogueEntry, changes: CatalogueEntryChanges): TykCatalogueEntry {
  const next = { ...entry };
  if (changes.name != null) next.name = changes.name;
  if (changes.shortDescription != null) next.short_description = changes.shortDescription;
  if (changes.longDescription != null) next.long_description = changes.longDescription;
  if (changes.show != null) next.show = changes.show;
  if (changes.documentation != null) next.documentation = changes.documentation;
  if (changes.version != null) next.version = changes.version;
  if (changes.authType != null) next.auth_type = changes.authType;
  if (changes.isKeyless != null) next.is_keyless = changes.isKeyless;
  if (changes.apiId != null) next.api_id = changes.apiId;
  return next;
}

function catalogueObject(ctx: GatewayContext, orgId: () => string): WholeObject<TykCatalogue> {
  return {
    name: 'catalogue',
    read: () => nullIfNotFound(ctx.tyk().getCatalogue()),
    create: async () => {
      await ctx.tyk().createCatalogue(orgId());
    },
    write: (next) => ctx.tyk().updateCatalogue(next),
    orgOf: (c) => c.org_id,
    forget: () => ctx.loaders.forget('catalogue'),
  };
}

export interface NewCatalogueEntry extends CatalogueEntryChanges {
  policyId: string | number;
  name: string;
}

/** Publishes a policy in the catalogue (creating the catalogue when the organisation has none). */
export async function addCatalogueEntry(ctx: GatewayContext, input: NewCatalogueEntry): Promise<{ catalogue: TykCatalogue; entry: TykCatalogueEntry }> {
  const policyId = inputId(input.policyId, 'input.policyId');
  checkChanges(input);
  const [policy] = await requirePolicies(ctx, [policyId], 'input.policyId');
  const fresh: TykCatalogueEntry = {
    name: '',
    short_description: '',
    long_description: '',
    show: true,
    api_id: '',
    policy_id: policyId,
    documentation: '',
    version: 'v2',
    is_keyless: false,
    auth_type: policy!.auth_type || 'authToken',
    fields: {},
  };
  const entry = applyChanges(fresh, input);
  const catalogue = await readMergeWrite(
    ctx,
    catalogueObject(ctx, () => policy!.org_id),
    (current) => {
      if (current.apis.some((e) => e.policy_id === policyId)) throw new ValidationError('This policy is already in the catalogue; update its entry instead.', 'input.policyId');
      return { ...current, apis: [...current.apis, entry] };
    },
    { whenMissing: 'create', orgHint: policy!.org_id },
  );
  return { catalogue, entry };
}

/** Changes the given fields of a policy's catalogue entry. */
export async function updateCatalogueEntry(ctx: GatewayContext, policyIdInput: string | number, input: CatalogueEntryChanges): Promise<{ catalogue: TykCatalogue; entry: TykCatalogueEntry }> {
  const policyId = inputId(policyIdInput, 'policyId');
  checkChanges(input);
  let entry: TykCatalogueEntry | undefined;
  const catalogue = await readMergeWrite(
    ctx,
    catalogueObject(ctx, () => ''),
    (current) => {
      if (!current.apis.some((e) => e.policy_id === policyId)) throw new NotFoundError('CatalogueEntry', policyId);
      return { ...current, apis: current.apis.map((e) => (e.policy_id === policyId ? (entry = applyChanges(e, input)) : e)) };
    },
    { whenMissing: () => new NotFoundError('CatalogueEntry', policyId) },
  );
  return { catalogue, entry: entry! };
}

/** Removes a policy's entry from the catalogue (the policy itself stays). */
export async function removeCatalogueEntry(ctx: GatewayContext, policyIdInput: string | number): Promise<{ catalogue: TykCatalogue; removedPolicyId: string }> {
  const policyId = inputId(policyIdInput, 'policyId');
  const catalogue = await readMergeWrite(
    ctx,
    catalogueObject(ctx, () => ''),
    (current) => {
      if (!current.apis.some((e) => e.policy_id === policyId)) throw new NotFoundError('CatalogueEntry', policyId);
      return { ...current, apis: current.apis.filter((e) => e.policy_id !== policyId) };
    },
    { whenMissing: () => new NotFoundError('CatalogueEntry', policyId) },
  );
  return { catalogue, removedPolicyId: policyId };
}
