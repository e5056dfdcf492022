/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation PortalRevokeKey($developerId: ID!, $keyId: ID!) {\n    revokeKey(developerId: $developerId, keyId: $keyId) {\n      __typename\n      ... on RevokeKeyPayload {\n        revokedKeyId\n      }\n      ...PortalProblem\n    }\n  }\n": typeof types.PortalRevokeKeyDocument,
    "\n  mutation PortalLogout {\n    logout {\n      __typename\n      ... on LogoutPayload {\n        loggedOut\n      }\n      ...PortalProblem\n    }\n  }\n": typeof types.PortalLogoutDocument,
    "\n  fragment PortalProblem on Error {\n    code\n    message\n    ... on ValidationError {\n      field\n    }\n  }\n": typeof types.PortalProblemFragmentDoc,
    "\n  fragment PortalSession on Session {\n    token\n    expiresAt\n    developer {\n      id\n      email\n    }\n  }\n": typeof types.PortalSessionFragmentDoc,
    "\n  subscription PortalKeyIssued {\n    keyIssued {\n      id\n      keyId\n      occurredAt\n      policies {\n        id\n        name\n      }\n    }\n  }\n": typeof types.PortalKeyIssuedDocument,
    "\n  query PortalCatalogue {\n    catalogue {\n      policyId\n      name\n      shortDescription\n      longDescription\n      authType\n      isKeyless\n      policy {\n        id\n        rate\n        per\n        quotaMax\n      }\n    }\n  }\n": typeof types.PortalCatalogueDocument,
    "\n  query PortalDashboard {\n    viewer {\n      id\n      email\n      name\n      usage(resolution: DAY) {\n        start\n        hits\n        success\n        error\n      }\n      usageSummary {\n        hits\n        success\n        error\n      }\n      keys {\n        id\n        dateCreated\n        expires\n        rate\n        per\n        quota {\n          max\n          remaining\n          renews\n        }\n        policies {\n          id\n          name\n        }\n      }\n      keyRequests(approved: false) {\n        id\n        dateCreated\n        policies {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.PortalDashboardDocument,
    "\n  mutation PortalRequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n      ... on PasswordResetRequested {\n        message\n      }\n      ...PortalProblem\n    }\n  }\n": typeof types.PortalRequestPasswordResetDocument,
    "\n  query PortalKeyAnalytics($keyId: ID!, $resolution: UsageResolution!, $from: DateTime!, $to: DateTime!) {\n    key(id: $keyId) {\n      id\n      policies {\n        id\n        name\n      }\n      usage(resolution: $resolution, from: $from, to: $to) {\n        start\n        hits\n        success\n        error\n      }\n    }\n  }\n": typeof types.PortalKeyAnalyticsDocument,
    "\n  mutation PortalLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ...PortalSession\n      ...PortalProblem\n    }\n  }\n": typeof types.PortalLoginDocument,
    "\n  query PortalOAuthClients {\n    viewer {\n      id\n      oauthClients {\n        clientId\n        description\n        useCase\n        redirectUri\n        dateCreated\n        policy {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.PortalOAuthClientsDocument,
    "\n  query PortalOAuthClientSecrets {\n    viewer {\n      id\n      oauthClients {\n        clientId\n        secret\n      }\n    }\n  }\n": typeof types.PortalOAuthClientSecretsDocument,
    "\n  query PortalProfile {\n    viewer {\n      id\n      email\n      name\n      avatar: avatarUrl(size: 96)\n      avatar2x: avatarUrl(size: 192)\n      fields {\n        name\n        value\n      }\n    }\n    portalConfiguration {\n      signupFields\n    }\n  }\n": typeof types.PortalProfileDocument,
    "\n  mutation PortalUpdateProfile($id: ID!, $input: UpdateDeveloperInput!) {\n    updateDeveloper(id: $id, input: $input) {\n      __typename\n      ... on DeveloperPayload {\n        developer {\n          id\n          email\n          name\n          fields {\n            name\n            value\n          }\n        }\n      }\n      ...PortalProblem\n    }\n  }\n": typeof types.PortalUpdateProfileDocument,
    "\n  mutation PortalChangePassword($id: ID!, $currentPassword: String!, $password: String!) {\n    setDeveloperPassword(id: $id, currentPassword: $currentPassword, password: $password) {\n      __typename\n      ... on SetDeveloperPasswordPayload {\n        session {\n          ...PortalSession\n        }\n      }\n      ...PortalProblem\n    }\n  }\n": typeof types.PortalChangePasswordDocument,
    "\n  query PortalRequestKeyForm {\n    viewer {\n      id\n    }\n    catalogue {\n      policyId\n      name\n      shortDescription\n      authType\n      isKeyless\n      policy {\n        id\n        rate\n        per\n      }\n    }\n    portalConfiguration {\n      requireKeyApproval\n      keyRequestFields\n      enableMultiSelection\n    }\n  }\n": typeof types.PortalRequestKeyFormDocument,
    "\n  mutation PortalRequestKey($input: RequestKeyInput!) {\n    requestKey(input: $input) {\n      __typename\n      ... on KeyRequestPayload {\n        approved\n        keyRequest {\n          id\n          policies {\n            id\n            name\n          }\n        }\n        issuedKey {\n          rawKey\n          oauthClientId\n          key {\n            id\n          }\n        }\n      }\n      ...PortalProblem\n    }\n  }\n": typeof types.PortalRequestKeyDocument,
    "\n  mutation PortalResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      __typename\n      ... on PasswordResetPayload {\n        email\n      }\n      ...PortalProblem\n    }\n  }\n": typeof types.PortalResetPasswordDocument,
    "\n  query PortalSignupForm {\n    portalConfiguration {\n      disableSignup\n      signupFields\n    }\n  }\n": typeof types.PortalSignupFormDocument,
    "\n  mutation PortalSignup($input: SignupInput!) {\n    signup(input: $input) {\n      __typename\n      ...PortalSession\n      ...PortalProblem\n    }\n  }\n": typeof types.PortalSignupDocument,
};
const documents: Documents = {
    "\n  mutation PortalRevokeKey($developerId: ID!, $keyId: ID!) {\n    revokeKey(developerId: $developerId, keyId: $keyId) {\n      __typename\n      ... on RevokeKeyPayload {\n        revokedKeyId\n      }\n      ...PortalProblem\n    }\n  }\n": types.PortalRevokeKeyDocument,
    "\n  mutation PortalLogout {\n    logout {\n      __typename\n      ... on LogoutPayload {\n        loggedOut\n      }\n      ...PortalProblem\n    }\n  }\n": types.PortalLogoutDocument,
    "\n  fragment PortalProblem on Error {\n    code\n    message\n    ... on ValidationError {\n      field\n    }\n  }\n": types.PortalProblemFragmentDoc,
    "\n  fragment PortalSession on Session {\n    token\n    expiresAt\n    developer {\n      id\n      email\n    }\n  }\n": types.PortalSessionFragmentDoc,
    "\n  subscription PortalKeyIssued {\n    keyIssued {\n      id\n      keyId\n      occurredAt\n      policies {\n        id\n        name\n      }\n    }\n  }\n": types.PortalKeyIssuedDocument,
    "\n  query PortalCatalogue {\n    catalogue {\n      policyId\n      name\n      shortDescription\n      longDescription\n      authType\n      isKeyless\n      policy {\n        id\n        rate\n        per\n        quotaMax\n      }\n    }\n  }\n": types.PortalCatalogueDocument,
    "\n  query PortalDashboard {\n    viewer {\n      id\n      email\n      name\n      usage(resolution: DAY) {\n        start\n        hits\n        success\n        error\n      }\n      usageSummary {\n        hits\n        success\n        error\n      }\n      keys {\n        id\n        dateCreated\n        expires\n        rate\n        per\n        quota {\n          max\n          remaining\n          renews\n        }\n        policies {\n          id\n          name\n        }\n      }\n      keyRequests(approved: false) {\n        id\n        dateCreated\n        policies {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.PortalDashboardDocument,
    "\n  mutation PortalRequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n      ... on PasswordResetRequested {\n        message\n      }\n      ...PortalProblem\n    }\n  }\n": types.PortalRequestPasswordResetDocument,
    "\n  query PortalKeyAnalytics($keyId: ID!, $resolution: UsageResolution!, $from: DateTime!, $to: DateTime!) {\n    key(id: $keyId) {\n      id\n      policies {\n        id\n        name\n      }\n      usage(resolution: $resolution, from: $from, to: $to) {\n        start\n        hits\n        success\n        error\n      }\n    }\n  }\n": types.PortalKeyAnalyticsDocument,
    "\n  mutation PortalLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ...PortalSession\n      ...PortalProblem\n    }\n  }\n": types.PortalLoginDocument,
    "\n  query PortalOAuthClients {\n    viewer {\n      id\n      oauthClients {\n        clientId\n        description\n        useCase\n        redirectUri\n        dateCreated\n        policy {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.PortalOAuthClientsDocument,
    "\n  query PortalOAuthClientSecrets {\n    viewer {\n      id\n      oauthClients {\n        clientId\n        secret\n      }\n    }\n  }\n": types.PortalOAuthClientSecretsDocument,
    "\n  query PortalProfile {\n    viewer {\n      id\n      email\n      name\n      avatar: avatarUrl(size: 96)\n      avatar2x: avatarUrl(size: 192)\n      fields {\n        name\n        value\n      }\n    }\n    portalConfiguration {\n      signupFields\n    }\n  }\n": types.PortalProfileDocument,
    "\n  mutation PortalUpdateProfile($id: ID!, $input: UpdateDeveloperInput!) {\n    updateDeveloper(id: $id, input: $input) {\n      __typename\n      ... on DeveloperPayload {\n        developer {\n          id\n          email\n          name\n          fields {\n            name\n            value\n          }\n        }\n      }\n      ...PortalProblem\n    }\n  }\n": types.PortalUpdateProfileDocument,
    "\n  mutation PortalChangePassword($id: ID!, $currentPassword: String!, $password: String!) {\n    setDeveloperPassword(id: $id, currentPassword: $currentPassword, password: $password) {\n      __typename\n      ... on SetDeveloperPasswordPayload {\n        session {\n          ...PortalSession\n        }\n      }\n      ...PortalProblem\n    }\n  }\n": types.PortalChangePasswordDocument,
    "\n  query PortalRequestKeyForm {\n    viewer {\n      id\n    }\n    catalogue {\n      policyId\n      name\n      shortDescription\n      authType\n      isKeyless\n      policy {\n        id\n        rate\n        per\n      }\n    }\n    portalConfiguration {\n      requireKeyApproval\n      keyRequestFields\n      enableMultiSelection\n    }\n  }\n": types.PortalRequestKeyFormDocument,
    "\n  mutation PortalRequestKey($input: RequestKeyInput!) {\n    requestKey(input: $input) {\n      __typename\n      ... on KeyRequestPayload {\n        approved\n        keyRequest {\n          id\n          policies {\n            id\n            name\n          }\n        }\n        issuedKey {\n          rawKey\n          oauthClientId\n          key {\n            id\n          }\n        }\n      }\n      ...PortalProblem\n    }\n  }\n": types.PortalRequestKeyDocument,
    "\n  mutation PortalResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      __typename\n      ... on PasswordResetPayload {\n        email\n      }\n      ...PortalProblem\n    }\n  }\n": types.PortalResetPasswordDocument,
    "\n  query PortalSignupForm {\n    portalConfiguration {\n      disableSignup\n      signupFields\n    }\n  }\n": types.PortalSignupFormDocument,
    "\n  mutation PortalSignup($input: SignupInput!) {\n    signup(input: $input) {\n      __typename\n      ...PortalSession\n      ...PortalProblem\n    }\n  }\n": types.PortalSignupDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalRevokeKey($developerId: ID!, $keyId: ID!) {\n    revokeKey(developerId: $developerId, keyId: $keyId) {\n      __typename\n      ... on RevokeKeyPayload {\n        revokedKeyId\n      }\n      ...PortalProblem\n    }\n  }\n"): (typeof documents)["\n  mutation PortalRevokeKey($developerId: ID!, $keyId: ID!) {\n    revokeKey(developerId: $developerId, keyId: $keyId) {\n      __typename\n      ... on RevokeKeyPayload {\n        revokedKeyId\n      }\n      ...PortalProblem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalLogout {\n    logout {\n      __typename\n      ... on LogoutPayload {\n        loggedOut\n      }\n      ...PortalProblem\n    }\n  }\n"): (typeof documents)["\n  mutation PortalLogout {\n    logout {\n      __typename\n      ... on LogoutPayload {\n        loggedOut\n      }\n      ...PortalProblem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PortalProblem on Error {\n    code\n    message\n    ... on ValidationError {\n      field\n    }\n  }\n"): (typeof documents)["\n  fragment PortalProblem on Error {\n    code\n    message\n    ... on ValidationError {\n      field\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PortalSession on Session {\n    token\n    expiresAt\n    developer {\n      id\n      email\n    }\n  }\n"): (typeof documents)["\n  fragment PortalSession on Session {\n    token\n    expiresAt\n    developer {\n      id\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PortalKeyIssued {\n    keyIssued {\n      id\n      keyId\n      occurredAt\n      policies {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription PortalKeyIssued {\n    keyIssued {\n      id\n      keyId\n      occurredAt\n      policies {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalCatalogue {\n    catalogue {\n      policyId\n      name\n      shortDescription\n      longDescription\n      authType\n      isKeyless\n      policy {\n        id\n        rate\n        per\n        quotaMax\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortalCatalogue {\n    catalogue {\n      policyId\n      name\n      shortDescription\n      longDescription\n      authType\n      isKeyless\n      policy {\n        id\n        rate\n        per\n        quotaMax\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalDashboard {\n    viewer {\n      id\n      email\n      name\n      usage(resolution: DAY) {\n        start\n        hits\n        success\n        error\n      }\n      usageSummary {\n        hits\n        success\n        error\n      }\n      keys {\n        id\n        dateCreated\n        expires\n        rate\n        per\n        quota {\n          max\n          remaining\n          renews\n        }\n        policies {\n          id\n          name\n        }\n      }\n      keyRequests(approved: false) {\n        id\n        dateCreated\n        policies {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortalDashboard {\n    viewer {\n      id\n      email\n      name\n      usage(resolution: DAY) {\n        start\n        hits\n        success\n        error\n      }\n      usageSummary {\n        hits\n        success\n        error\n      }\n      keys {\n        id\n        dateCreated\n        expires\n        rate\n        per\n        quota {\n          max\n          remaining\n          renews\n        }\n        policies {\n          id\n          name\n        }\n      }\n      keyRequests(approved: false) {\n        id\n        dateCreated\n        policies {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalRequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n      ... on PasswordResetRequested {\n        message\n      }\n      ...PortalProblem\n    }\n  }\n"): (typeof documents)["\n  mutation PortalRequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n      ... on PasswordResetRequested {\n        message\n      }\n      ...PortalProblem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalKeyAnalytics($keyId: ID!, $resolution: UsageResolution!, $from: DateTime!, $to: DateTime!) {\n    key(id: $keyId) {\n      id\n      policies {\n        id\n        name\n      }\n      usage(resolution: $resolution, from: $from, to: $to) {\n        start\n        hits\n        success\n        error\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortalKeyAnalytics($keyId: ID!, $resolution: UsageResolution!, $from: DateTime!, $to: DateTime!) {\n    key(id: $keyId) {\n      id\n      policies {\n        id\n        name\n      }\n      usage(resolution: $resolution, from: $from, to: $to) {\n        start\n        hits\n        success\n        error\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ...PortalSession\n      ...PortalProblem\n    }\n  }\n"): (typeof documents)["\n  mutation PortalLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ...PortalSession\n      ...PortalProblem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalOAuthClients {\n    viewer {\n      id\n      oauthClients {\n        clientId\n        description\n        useCase\n        redirectUri\n        dateCreated\n        policy {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortalOAuthClients {\n    viewer {\n      id\n      oauthClients {\n        clientId\n        description\n        useCase\n        redirectUri\n        dateCreated\n        policy {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalOAuthClientSecrets {\n    viewer {\n      id\n      oauthClients {\n        clientId\n        secret\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortalOAuthClientSecrets {\n    viewer {\n      id\n      oauthClients {\n        clientId\n        secret\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalProfile {\n    viewer {\n      id\n      email\n      name\n      avatar: avatarUrl(size: 96)\n      avatar2x: avatarUrl(size: 192)\n      fields {\n        name\n        value\n      }\n    }\n    portalConfiguration {\n      signupFields\n    }\n  }\n"): (typeof documents)["\n  query PortalProfile {\n    viewer {\n      id\n      email\n      name\n      avatar: avatarUrl(size: 96)\n      avatar2x: avatarUrl(size: 192)\n      fields {\n        name\n        value\n      }\n    }\n    portalConfiguration {\n      signupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalUpdateProfile($id: ID!, $input: UpdateDeveloperInput!) {\n    updateDeveloper(id: $id, input: $input) {\n      __typename\n      ... on DeveloperPayload {\n        developer {\n          id\n          email\n          name\n          fields {\n            name\n            value\n          }\n        }\n      }\n      ...PortalProblem\n    }\n  }\n"): (typeof documents)["\n  mutation PortalUpdateProfile($id: ID!, $input: UpdateDeveloperInput!) {\n    updateDeveloper(id: $id, input: $input) {\n      __typename\n      ... on DeveloperPayload {\n        developer {\n          id\n          email\n          name\n          fields {\n            name\n            value\n          }\n        }\n      }\n      ...PortalProblem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalChangePassword($id: ID!, $currentPassword: String!, $password: String!) {\n    setDeveloperPassword(id: $id, currentPassword: $currentPassword, password: $password) {\n      __typename\n      ... on SetDeveloperPasswordPayload {\n        session {\n          ...PortalSession\n        }\n      }\n      ...PortalProblem\n    }\n  }\n"): (typeof documents)["\n  mutation PortalChangePassword($id: ID!, $currentPassword: String!, $password: String!) {\n    setDeveloperPassword(id: $id, currentPassword: $currentPassword, password: $password) {\n      __typename\n      ... on SetDeveloperPasswordPayload {\n        session {\n          ...PortalSession\n        }\n      }\n      ...PortalProblem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalRequestKeyForm {\n    viewer {\n      id\n    }\n    catalogue {\n      policyId\n      name\n      shortDescription\n      authType\n      isKeyless\n      policy {\n        id\n        rate\n        per\n      }\n    }\n    portalConfiguration {\n      requireKeyApproval\n      keyRequestFields\n      enableMultiSelection\n    }\n  }\n"): (typeof documents)["\n  query PortalRequestKeyForm {\n    viewer {\n      id\n    }\n    catalogue {\n      policyId\n      name\n      shortDescription\n      authType\n      isKeyless\n      policy {\n        id\n        rate\n        per\n      }\n    }\n    portalConfiguration {\n      requireKeyApproval\n      keyRequestFields\n      enableMultiSelection\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalRequestKey($input: RequestKeyInput!) {\n    requestKey(input: $input) {\n      __typename\n      ... on KeyRequestPayload {\n        approved\n        keyRequest {\n          id\n          policies {\n            id\n            name\n          }\n        }\n        issuedKey {\n          rawKey\n          oauthClientId\n          key {\n            id\n          }\n        }\n      }\n      ...PortalProblem\n    }\n  }\n"): (typeof documents)["\n  mutation PortalRequestKey($input: RequestKeyInput!) {\n    requestKey(input: $input) {\n      __typename\n      ... on KeyRequestPayload {\n        approved\n        keyRequest {\n          id\n          policies {\n            id\n            name\n          }\n        }\n        issuedKey {\n          rawKey\n          oauthClientId\n          key {\n            id\n          }\n        }\n      }\n      ...PortalProblem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      __typename\n      ... on PasswordResetPayload {\n        email\n      }\n      ...PortalProblem\n    }\n  }\n"): (typeof documents)["\n  mutation PortalResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      __typename\n      ... on PasswordResetPayload {\n        email\n      }\n      ...PortalProblem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalSignupForm {\n    portalConfiguration {\n      disableSignup\n      signupFields\n    }\n  }\n"): (typeof documents)["\n  query PortalSignupForm {\n    portalConfiguration {\n      disableSignup\n      signupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalSignup($input: SignupInput!) {\n    signup(input: $input) {\n      __typename\n      ...PortalSession\n      ...PortalProblem\n    }\n  }\n"): (typeof documents)["\n  mutation PortalSignup($input: SignupInput!) {\n    signup(input: $input) {\n      __typename\n      ...PortalSession\n      ...PortalProblem\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;