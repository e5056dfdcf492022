/**
 * The per-org portal configuration (contract §7.3): get, create (Tyk's own scripts send `{}`),
 * whole-object update. `require_key_approval` is what decides whether the gateway approves requests itself.
 */
import { singleton } from './singleton.js';
import { TykPortalConfiguration } from './wire.js';

export const portalConfiguration = singleton('/api/portal/configuration', TykPortalConfiguration, false);
