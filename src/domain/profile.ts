/**
 * A developer's profile fields: the display name, the telephone and country the seeds' profile page
 * names, and any other custom field, all kept in Tyk's `fields` map. A developer edits, and a
 * sign-up fills, only the fields the portal's sign-up form asks for (`signup_fields`), the display
 * name always; operators may set any.
 */
import type { GatewayContext } from '../context.js';
import { ValidationError } from '../errors.js';
import { NAME_FIELD, type FieldInput } from './developers.js';
import { checkFields } from './validation.js';

/** Profile inputs with a field of their own, and the custom field each is kept in. */
export const PROFILE_FIELDS = { telephone: 'Telephone', country: 'Country' } as const;

export interface ProfileInput {
  telephone?: string | null | undefined;
  country?: string | null | undefined;
  fields?: readonly FieldInput[] | null | undefined;
}

/** The custom fields a profile input sets, with the input path that set each (for errors). */
export function profileFields(input: ProfileInput, prefix: string): { fields: Record<string, string>; paths: Map<string, string> } {
  const fields = checkFields(input.fields ?? [], `${prefix}.fields`);
  const paths = new Map<string, string>((input.fields ?? []).map((f, i) => [f.name, `${prefix}.fields[${i}].name`]));
  for (const [key, name] of Object.entries(PROFILE_FIELDS) as [keyof typeof PROFILE_FIELDS, string][]) {
    const value = input[key];
    if (value == null) continue;
    if (value.length > 1000) throw new ValidationError(`${key} must be at most 1000 characters.`, `${prefix}.${key}`);
    fields[name] = value.trim();
    paths.set(name, `${prefix}.${key}`);
  }
  return { fields, paths };
}

/** The portal's sign-up form fields (none when the organisation has no portal configuration). */
export async function formFields(ctx: GatewayContext): Promise<string[]> {
  return (await ctx.loaders.portalConfiguration())?.signup_fields ?? [];
}

/** Refuses a field the portal's form does not ask for, naming the ones it does. */
export function requireFormFields(names: Iterable<readonly [name: string, path: string]>, asked: readonly string[]): void {
  const allowed = new Set(asked);
  for (const [name, path] of names) {
    if (name === NAME_FIELD || allowed.has(name)) continue;
    const choices = asked.length > 0 ? `Fields it has: ${asked.map((f) => JSON.stringify(f)).join(', ')}.` : 'It asks for no custom fields.';
    throw new ValidationError(`The portal’s profile has no field ${JSON.stringify(name)}. ${choices}`, path);
  }
}
