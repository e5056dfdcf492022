/**
 * Input rules of the portal's domain, checked before any upstream call: email form, password
 * length (the seeds: "a minimum of 6 characters"), custom fields. Each failure is a ValidationError
 * naming the input path, which mutations return as a union member.
 */
import { ValidationError } from '../errors.js';
import { MIN_PASSWORD_LENGTH } from '../tyk/contract.js';

/** Most custom fields one input may carry: a form has a handful, never thousands. */
export const MAX_CUSTOM_FIELDS = 50;
/** Longest password accepted (anything longer is refused without asking the Dashboard). */
export const MAX_PASSWORD_LENGTH = 1024;

const EMAIL = /^[^\s@/\\?#%]+@[^\s@/\\?#%]+\.[^\s@/\\?#%]+$/;

/** Whether `value` (trimmed) is an email address the Dashboard's email routes can carry. */
export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value.trim());
}

/** Returns the trimmed email or throws a ValidationError for `field`. */
export function checkEmail(email: string, field: string): string {
  if (!isEmail(email)) throw new ValidationError('Enter a valid email address.', field);
  return email.trim();
}

/** Returns the password or throws a ValidationError for `field` (too short or too long). */
export function checkPassword(password: string, field: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationError(`The password must be at least ${MIN_PASSWORD_LENGTH} characters.`, field);
  }
  if (password.length > MAX_PASSWORD_LENGTH) throw new ValidationError('The password is too long.', field);
  return password;
}

/** Whether a password could be checked at all: an empty or oversized one never matches. */
export function checkablePassword(password: string): boolean {
  return password.length > 0 && password.length <= MAX_PASSWORD_LENGTH;
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

/** Longest redirect URI list accepted (Tyk keeps them comma-separated in one string). */
export const MAX_REDIRECT_URIS_LENGTH = 2_000;

/** Checks an OAuth client's redirect URIs: comma-separated absolute http(s) URLs; returns them normalised (trimmed, comma-joined). */
export function checkRedirectUris(value: string, field: string): string {
  if (value.length > MAX_REDIRECT_URIS_LENGTH) throw new ValidationError(`Redirect URIs must be at most ${MAX_REDIRECT_URIS_LENGTH} characters.`, field);
  const uris = value.split(',').map((u) => u.trim());
  for (const uri of uris) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(uri);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol)) throw new ValidationError('Each redirect URI must be an absolute http(s) URL; separate several with commas.', field);
  }
  return uris.join(',');
}
