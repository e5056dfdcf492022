/**
 * `CustomField`: a name/value pair of a developer's or key request's custom fields (Tyk's
 * `fields` map), and its input twin.
 */
import { MAX_CUSTOM_FIELDS } from '../domain/validation.js';
import { builder } from './builder.js';

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
