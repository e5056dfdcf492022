/**
 * `CustomField`: a name/value pair of a developer's or key request's custom fields (Tyk's
 * `fields` map), and its input twin.
 */
import { ValidationError } from '../errors.js';
import { builder } from './builder.js';

/** Most custom fields one input may carry: a form has a handful, never thousands. */
export const MAX_CUSTOM_FIELDS = 50;

export const CustomFieldRef = builder.objectRef<{ name: string; value: string }>('CustomField');
CustomFieldRef.implement({
  description: 'A custom field: a name/value pair from the portal’s sign-up or key-request form.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Field name, e.g. `Company`.' }),
    value: t.exposeString('value', { description: 'Field value.' }),
  }),
});

export const CustomFieldInputRef = builder.inputType('CustomFieldInput', {
  description: 'A custom field to set.',
  fields: (t) => ({
    name: t.string({ required: true, description: `Field name (1–100 characters); at most ${MAX_CUSTOM_FIELDS} fields per input.` }),
    value: t.string({ required: true, description: 'Field value (at most 1000 characters).' }),
  }),
});

/** Tyk's `fields` map as a list of pairs, in a stable order. */
export function fieldList(fields: Record<string, string>): { name: string; value: string }[] {
  return Object.entries(fields)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ name, value }));
}

/** Checks custom field inputs (count, name and value lengths) and turns them into Tyk's `fields` map. */
export function checkFields(fields: readonly { name: string; value: string }[], field: string): Record<string, string> {
  if (fields.length > MAX_CUSTOM_FIELDS) throw new ValidationError(`At most ${MAX_CUSTOM_FIELDS} custom fields are allowed.`, field);
  const out: Record<string, string> = {};
  fields.forEach((f, i) => {
    if (f.name.trim().length === 0 || f.name.length > 100) throw new ValidationError('Custom field names must be 1–100 characters.', `${field}[${i}].name`);
    if (f.value.length > 1000) throw new ValidationError('Custom field values must be at most 1000 characters.', `${field}[${i}].value`);
    out[f.name] = f.value;
  });
  return out;
}
