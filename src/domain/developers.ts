/**
 * Developer lifecycle: read fresh, require, create, update (read → merge → full write, since Tyk
 * has no PATCH and drops whatever a PUT omits) and delete.
 */
import type { GatewayContext } from '../context.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { TykDeveloper, TykDeveloperWrite } from '../tyk/wire.js';
import { formFields, profileFields, requireFormFields, type ProfileInput } from './profile.js';
import { checkEmail, checkPassword, MAX_CUSTOM_FIELDS } from './validation.js';

/** Tyk's portal keeps the display name in the `Name` custom field. */
export const NAME_FIELD = 'Name';

/** A custom field as the GraphQL inputs carry it. */
export interface FieldInput {
  name: string;
  value: string;
}

/** Reads a developer fresh from the Dashboard (bypassing this request's cache) and re-primes it. */
export async function refreshDeveloper(ctx: GatewayContext, id: string): Promise<TykDeveloper> {
  const developer = await ctx.tyk().getDeveloper(id);
  ctx.loaders.developerById.clear(id).prime(id, developer);
  return developer;
}

/** Loads a developer for a mutation, or throws NotFoundError. */
export async function requireDeveloper(ctx: GatewayContext, id: string): Promise<TykDeveloper> {
  const developer = await ctx.loaders.developerById.load(id);
  if (!developer) throw new NotFoundError('Developer', id);
  return developer;
}

/** Whether another developer (not `exceptId`) of the organisation has this email. */
export async function emailTaken(ctx: GatewayContext, email: string, exceptId?: string): Promise<boolean> {
  const existing = await ctx.loaders.developerByEmail.load(email);
  return existing !== null && existing.id !== exceptId;
}

export interface NewDeveloper extends ProfileInput {
  email: string;
  password: string;
  name?: string | null | undefined;
  inactive?: boolean | null | undefined;
}

/** Registers a developer (operators); refuses a taken email. Input paths are `input.*`. */
export async function createDeveloper(ctx: GatewayContext, input: NewDeveloper): Promise<TykDeveloper> {
  const email = checkEmail(input.email, 'input.email');
  const password = checkPassword(input.password, 'input.password');
  const { fields } = profileFields(input, 'input');
  if (input.name != null) fields[NAME_FIELD] = input.name;
  if (await emailTaken(ctx, email)) throw new ValidationError('A developer with this email already exists.', 'input.email');
  const id = await ctx.tyk().createDeveloper({ email, password, fields, inactive: input.inactive ?? false });
  return refreshDeveloper(ctx, id);
}

export interface DeveloperChanges extends ProfileInput {
  email?: string | null | undefined;
  name?: string | null | undefined;
  removeFields?: readonly string[] | null | undefined;
  inactive?: boolean | null | undefined;
}

/** Read → merge → full write: Tyk has no PATCH and drops whatever a PUT omits. */
function mergeDeveloper(current: TykDeveloper, input: DeveloperChanges, changes: { email: string | undefined; fields: Record<string, string> }): TykDeveloperWrite {
  const fields = { ...current.fields };
  for (const name of input.removeFields ?? []) delete fields[name];
  Object.assign(fields, changes.fields);
  if (input.name != null) fields[NAME_FIELD] = input.name;
  const { id: _id, legacy_api_keys: _legacy, ...record } = current;
  return { ...record, email: changes.email ?? current.email, fields, inactive: input.inactive ?? current.inactive };
}

/**
 * Changes a developer's profile: only the given fields change; keys, subscriptions and OAuth
 * clients are written back as read. A developer may not (de)activate itself, and may set or remove
 * only the fields the portal's sign-up form asks for.
 */
export async function updateDeveloper(ctx: GatewayContext, id: string, input: DeveloperChanges): Promise<TykDeveloper> {
  if (ctx.principal.kind === 'developer' && input.inactive != null) {
    throw new ForbiddenError('A developer cannot activate or deactivate its own account.');
  }
  const email = input.email == null ? undefined : checkEmail(input.email, 'input.email');
  const { fields, paths } = profileFields(input, 'input');
  if ((input.removeFields?.length ?? 0) > MAX_CUSTOM_FIELDS) {
    throw new ValidationError(`At most ${MAX_CUSTOM_FIELDS} fields may be removed at once.`, 'input.removeFields');
  }
  if (ctx.principal.kind === 'developer') {
    const removed = (input.removeFields ?? []).map((name, i) => [name, `input.removeFields[${i}]`] as const);
    requireFormFields([...paths, ...removed], await formFields(ctx));
  }
  const current = await refreshDeveloper(ctx, id);
  const record = mergeDeveloper(current, input, { email, fields });
  if (email && email.toLowerCase() !== current.email.toLowerCase() && (await emailTaken(ctx, email, id))) {
    throw new ValidationError('A developer with this email already exists.', 'input.email');
  }
  await ctx.tyk().updateDeveloper(id, record);
  return refreshDeveloper(ctx, id);
}

/** Deletes a developer (and, upstream, its keys); returns its id. */
export async function deleteDeveloper(ctx: GatewayContext, id: string): Promise<string> {
  await ctx.tyk().deleteDeveloper(id);
  ctx.loaders.developerById.clear(id);
  return id;
}
