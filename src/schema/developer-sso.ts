/**
 * `developerBySsoKey`: an operator's lookup of the developer an identity broker created.
 *
 * Tyk Identity Broker finds the portal developer of a federated login with
 * `GET /api/portal/developers/ssokey/{url.QueryEscape(ssoKey)}`, the key being
 * `<provider user id>@<Provider>.com` (tap.GenerateSSOKey), and creates the developer with that
 * `sso_key` when the lookup fails. The Dashboard matches the whole key exactly.
 */
import { badUserInput } from '../errors.js';
import { nullIfNotFound } from '../loaders/shared.js';
import { fitsSegment } from '../tyk/path.js';
import { builder } from './builder.js';
import { DeveloperRef } from './refs.js';

builder.queryField('developerBySsoKey', (t) =>
  t.field({
    type: DeveloperRef,
    nullable: true,
    authScopes: { operator: true },
    description:
      'One developer by the SSO key an identity broker gave it (Tyk Identity Broker: `<provider user id>@<Provider>.com`); exact match, null when none has it.',
    args: { ssoKey: t.arg.string({ required: true, description: 'The SSO key, as stored in the developer’s `sso_key` (case-sensitive).' }) },
    resolve: async (_root, args, ctx) => {
      if (!fitsSegment('ssoKey', args.ssoKey)) throw badUserInput('ssoKey must be 1–512 characters with no spaces, / \\ ? # or %, not starting with a dot.', 'ssoKey');
      const developer = await nullIfNotFound(ctx.tyk().getDeveloperBySsoKey(args.ssoKey));
      if (developer) ctx.loaders.developerById.prime(developer.id, developer);
      return developer;
    },
  }),
);
