/**
 * Profile fields of `Developer` a portal's profile page shows: the Gravatar avatar (the Classic
 * portal's developer view shows one) and the telephone and country custom fields. No upstream call.
 */
import { createHash } from 'node:crypto';
import { PROFILE_FIELDS } from '../domain/profile.js';
import { badUserInput } from '../errors.js';
import { builder } from './builder.js';
import { DeveloperRef } from './refs.js';

/** Gravatar serves sizes from 1 to 2048 pixels. */
const MAX_AVATAR_SIZE = 2048;

/** The Gravatar URL of an email: SHA-256 of the trimmed, lower-cased address, identicon when none is registered. */
export function gravatarUrl(email: string, size: number): string {
  const hash = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  return `https://www.gravatar.com/avatar/${hash}?s=${size}&d=identicon`;
}

builder.objectFields(DeveloperRef, (t) => ({
  avatarUrl: t.string({
    description: 'The developer’s Gravatar image (an identicon when the email has none); no upstream call.',
    args: { size: t.arg.int({ defaultValue: 80, description: `Width and height in pixels, 1–${MAX_AVATAR_SIZE}; default 80.` }) },
    resolve: (developer, args) => {
      const size = args.size ?? 80;
      if (size < 1 || size > MAX_AVATAR_SIZE) throw badUserInput(`size must be between 1 and ${MAX_AVATAR_SIZE}.`, 'size');
      return gravatarUrl(developer.email, size);
    },
  }),
  telephone: t.string({
    nullable: true,
    description: 'Telephone (the `Telephone` custom field); null when not given.',
    resolve: (developer) => developer.fields[PROFILE_FIELDS.telephone] || null,
  }),
  country: t.string({
    nullable: true,
    description: 'Country (the `Country` custom field); null when not given.',
    resolve: (developer) => developer.fields[PROFILE_FIELDS.country] || null,
  }),
}));
