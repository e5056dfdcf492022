/**
 * The per-org API catalogue (contract §7.1/7.2): get, create (`{"org_id"}` → id), whole-object update.
 * Entries are keyed by `policy_id`; update by reading, changing `apis` and writing back.
 */
import { singleton } from './singleton.js';
import { TykCatalogue } from './wire.js';

export const catalogue = singleton('/api/portal/catalogue', TykCatalogue, true);
