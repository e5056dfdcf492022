/**
 * Dashboard-level OAuth clients (`/api/apis/oauth/{apiId}`, contract §9): the record shape Tyk's
 * OpenAPI file gives `OAuthClient`, and which APIs an organisation has.
 */
import type { ApiOAuthClient, OrgStore } from './store.js';

/** A client record with every field the OAS `OAuthClient` lists (the unset ones empty, as Tyk serves them). */
export function apiOAuthClient(fields: Pick<ApiOAuthClient, 'client_id' | 'secret' | 'redirect_uri' | 'policy_id' | 'description' | 'meta_data'> & { client_name?: string }): ApiOAuthClient {
  return {
    client_name: '',
    dcr_registration: { access_token: '', client_uri: '', provider: '' },
    ...fields,
    tokens: [],
  };
}

/**
 * Whether the organisation has this API. The embedded Dashboard keeps no API definitions; an API
 * exists when one of the org's policies grants access to it (every demo API does).
 */
export function hasApi(org: OrgStore, apiId: string): boolean {
  for (const policy of org.policies.values()) if (policy.access_rights && apiId in policy.access_rights) return true;
  return false;
}
