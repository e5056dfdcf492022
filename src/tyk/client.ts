/**
 * createTykClient: the TykClient for one Dashboard origin and one credential. Cheap to create (the
 * gateway makes one per GraphQL request): no I/O, and connections come from a keep-alive pool
 * shared by every client of the same origin (`closeTykPools()` closes them all).
 */
import * as analytics from './analytics.js';
import { catalogue } from './catalogue.js';
import * as developerKeys from './developer-keys.js';
import * as developers from './developers.js';
import { TykHttp } from './http.js';
import * as keyRequests from './key-requests.js';
import * as keys from './keys.js';
import * as oauth from './oauth.js';
import * as policies from './policies.js';
import { portalConfiguration } from './portal-configuration.js';
import type { TykClient, TykClientOptions } from './types.js';

export { closeTykPools } from './http.js';

/** See TykClientOptions for every option and its default; throws only on a `baseUrl` that is not a URL. */
export function createTykClient(options: TykClientOptions): TykClient {
  const http = new TykHttp(options);
  return {
    baseUrl: http.baseUrl,
    listDevelopers: (o) => developers.listDevelopers(http, o),
    streamDevelopers: (onDeveloper, o) => developers.streamDevelopers(http, onDeveloper, o),
    getDeveloper: (id, o) => developers.getDeveloper(http, id, o),
    getDeveloperByEmail: (email, o) => developers.getDeveloperByEmail(http, email, o),
    getDeveloperBySsoKey: (key, o) => developers.getDeveloperBySsoKey(http, key, o),
    createDeveloper: (d, o) => developers.createDeveloper(http, d, o),
    updateDeveloper: (id, d, o) => developers.updateDeveloper(http, id, d, o),
    deleteDeveloper: (id, o) => developers.deleteDeveloper(http, id, o),
    verifyDeveloperCredentials: (email, password, o) => developers.verifyDeveloperCredentials(http, email, password, o),
    setDeveloperPassword: (id, password, o) => developers.setDeveloperPassword(http, id, password, o),

    addDeveloperKey: (developerId, body, o) => developerKeys.addDeveloperKey(http, developerId, body, o),
    changeDeveloperKeyPolicies: (developerId, keyId, ids, o) => developerKeys.changeDeveloperKeyPolicies(http, developerId, keyId, ids, o),
    revokeDeveloperKey: (developerId, keyId, o) => developerKeys.revokeDeveloperKey(http, developerId, keyId, o),
    resetDeveloperKeyQuota: (developerId, keyId, o) => developerKeys.resetDeveloperKeyQuota(http, developerId, keyId, o),
    deleteDeveloperOAuthApp: (appId, o) => developerKeys.deleteDeveloperOAuthApp(http, appId, o),

    listKeyRequests: (o) => keyRequests.listKeyRequests(http, o),
    streamKeyRequests: (onRequest, o) => keyRequests.streamKeyRequests(http, onRequest, o),
    getKeyRequest: (id, o) => keyRequests.getKeyRequest(http, id, o),
    createKeyRequest: (r, o) => keyRequests.createKeyRequest(http, r, o),
    updateKeyRequest: (id, r, o) => keyRequests.updateKeyRequest(http, id, r, o),
    deleteKeyRequest: (id, o) => keyRequests.deleteKeyRequest(http, id, o),
    approveKeyRequest: (id, o) => keyRequests.approveKeyRequest(http, id, o),

    listPolicies: (o) => policies.listPolicies(http, o),
    searchPolicies: (s) => policies.searchPolicies(http, s),
    getPolicy: (id, o) => policies.getPolicy(http, id, o),

    getKey: (keyId, o) => keys.getKey(http, keyId, o),

    getCatalogue: (o) => catalogue.get(http, o),
    createCatalogue: (orgId, o) => catalogue.create(http, { org_id: orgId }, o),
    updateCatalogue: (c, o) => catalogue.update(http, c, o),
    getPortalConfiguration: (o) => portalConfiguration.get(http, o),
    createPortalConfiguration: (c, o) => portalConfiguration.create(http, c, o),
    updatePortalConfiguration: (c, o) => portalConfiguration.update(http, c, o),

    getAggregateKeyUsage: (ids, q) => analytics.getAggregateKeyUsage(http, ids, q),
    getKeyUsage: (id, q) => analytics.getKeyUsage(http, id, q),

    listOAuthClients: (apiId, o) => oauth.listOAuthClients(http, apiId, o),
    createOAuthClient: (apiId, c, o) => oauth.createOAuthClient(http, apiId, c, o),
    getOAuthClient: (apiId, clientId, o) => oauth.getOAuthClient(http, apiId, clientId, o),
    deleteOAuthClient: (apiId, clientId, o) => oauth.deleteOAuthClient(http, apiId, clientId, o),
    listOAuthClientTokens: (apiId, clientId, o) => oauth.listOAuthClientTokens(http, apiId, clientId, o),
    revokeOAuthToken: (clientId, token, hint, o) => oauth.revokeOAuthToken(http, clientId, token, hint, o),
    revokeAllOAuthTokens: (clientId, secret, o) => oauth.revokeAllOAuthTokens(http, clientId, secret, o),
  };
}
