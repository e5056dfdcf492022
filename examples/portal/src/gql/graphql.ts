/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A custom field to set. */
export type CustomFieldInput = {
  /** Field name (1–100 characters); at most 50 fields per input. */
  name: string;
  /** Field value (at most 1000 characters). */
  value: string;
};

/** A key request on behalf of a developer. */
export type RequestKeyInput = {
  /** Developer requesting the key. */
  developerId: string | number;
  /** Answers to the portal’s key-request form. */
  fields?: Array<CustomFieldInput> | null | undefined;
  /** Policies (catalogue entries) the key is requested for. */
  policyIds: Array<string | number>;
  /** For OAuth policies: redirect URI(s) of the client to create, comma-separated. */
  redirectUri?: string | null | undefined;
};

/** A new developer account, created by the developer itself. */
export type SignupInput = {
  /** Country, when the portal’s sign-up form has a `Country` field. */
  country?: string | null | undefined;
  /** Email address; used to log in. */
  email: string;
  /** Answers to the portal’s sign-up form (only the fields it asks for; the error names them). */
  fields?: Array<CustomFieldInput> | null | undefined;
  /** Display name. */
  name?: string | null | undefined;
  /** Password, at least 6 characters. */
  password: string;
  /** Telephone, when the portal’s sign-up form has a `Telephone` field. */
  telephone?: string | null | undefined;
};

/** Changes to a developer; omitted fields keep their value. Keys, subscriptions and OAuth clients are always kept. */
export type UpdateDeveloperInput = {
  /** New country (the `Country` custom field). A developer may set it only when the portal’s sign-up form has that field. */
  country?: string | null | undefined;
  /** New email address. */
  email?: string | null | undefined;
  /** Custom fields to set (others are kept). A developer may set only the fields the portal’s sign-up form has; the error names them. */
  fields?: Array<CustomFieldInput> | null | undefined;
  /** Activate (false) or deactivate (true) the account. */
  inactive?: boolean | null | undefined;
  /** New display name. */
  name?: string | null | undefined;
  /** Names of custom fields to remove (for a developer: only fields of the portal’s sign-up form). */
  removeFields?: Array<string> | null | undefined;
  /** New telephone (the `Telephone` custom field). A developer may set it only when the portal’s sign-up form has that field. */
  telephone?: string | null | undefined;
};

/** Width of a usage bucket. */
export type UsageResolution =
  /** One bucket per day (UTC). */
  | 'DAY'
  /** One bucket per hour. */
  | 'HOUR'
  /** One bucket per calendar month (UTC). */
  | 'MONTH';

export type PortalRevokeKeyMutationVariables = Exact<{
  developerId: string | number;
  keyId: string | number;
}>;


export type PortalRevokeKeyMutation = { revokeKey:
    | { __typename: 'ForbiddenError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'RevokeKeyPayload', revokedKeyId: string }
    | { __typename: 'UpstreamError', code: string, message: string }
    | { __typename: 'ValidationError', field: string | null, code: string, message: string }
   };

export type PortalLogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type PortalLogoutMutation = { logout:
    | { __typename: 'ForbiddenError', code: string, message: string }
    | { __typename: 'LogoutPayload', loggedOut: boolean }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'UpstreamError', code: string, message: string }
    | { __typename: 'ValidationError', field: string | null, code: string, message: string }
   };

type PortalProblem_ConcurrentChangeError_Fragment = { code: string, message: string };

type PortalProblem_ForbiddenError_Fragment = { code: string, message: string };

type PortalProblem_InvalidCredentialsError_Fragment = { code: string, message: string };

type PortalProblem_InvalidResetTokenError_Fragment = { code: string, message: string };

type PortalProblem_NotFoundError_Fragment = { code: string, message: string };

type PortalProblem_UpstreamError_Fragment = { code: string, message: string };

type PortalProblem_ValidationError_Fragment = { field: string | null, code: string, message: string };

export type PortalProblemFragment =
  | PortalProblem_ConcurrentChangeError_Fragment
  | PortalProblem_ForbiddenError_Fragment
  | PortalProblem_InvalidCredentialsError_Fragment
  | PortalProblem_InvalidResetTokenError_Fragment
  | PortalProblem_NotFoundError_Fragment
  | PortalProblem_UpstreamError_Fragment
  | PortalProblem_ValidationError_Fragment
;

export type PortalSessionFragment = { token: string | null, expiresAt: string | null, developer: { id: string, email: string } };

export type PortalKeyIssuedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type PortalKeyIssuedSubscription = { keyIssued: { id: string, keyId: string | null, occurredAt: string, policies: Array<{ id: string, name: string }> } };

export type PortalCatalogueQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalCatalogueQuery = { catalogue: Array<{ policyId: string | null, name: string, shortDescription: string, longDescription: string, authType: string | null, isKeyless: boolean, policy: { id: string, rate: number | null, per: number | null, quotaMax: number | null } | null }> };

export type PortalDashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalDashboardQuery = { viewer: { id: string, email: string, name: string | null, usage: Array<{ start: string, hits: number, success: number, error: number }> | null, usageSummary: { hits: number, success: number, error: number } | null, keys: Array<{ id: string, dateCreated: string | null, expires: string | null, rate: number | null, per: number | null, quota: { max: number | null, remaining: number, renews: string | null } | null, policies: Array<{ id: string, name: string }> }>, keyRequests: Array<{ id: string, dateCreated: string | null, policies: Array<{ id: string, name: string }> }> } | null };

export type PortalRequestPasswordResetMutationVariables = Exact<{
  email: string;
}>;


export type PortalRequestPasswordResetMutation = { requestPasswordReset:
    | { __typename: 'ForbiddenError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PasswordResetRequested', message: string }
    | { __typename: 'UpstreamError', code: string, message: string }
    | { __typename: 'ValidationError', field: string | null, code: string, message: string }
   };

export type PortalKeyAnalyticsQueryVariables = Exact<{
  keyId: string | number;
  resolution: UsageResolution;
  from: string;
  to: string;
}>;


export type PortalKeyAnalyticsQuery = { key: { id: string, policies: Array<{ id: string, name: string }>, usage: Array<{ start: string, hits: number, success: number, error: number }> | null } | null };

export type PortalLoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type PortalLoginMutation = { login:
    | { __typename: 'ForbiddenError', code: string, message: string }
    | { __typename: 'InvalidCredentialsError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'Session', token: string | null, expiresAt: string | null, developer: { id: string, email: string } }
    | { __typename: 'UpstreamError', code: string, message: string }
    | { __typename: 'ValidationError', field: string | null, code: string, message: string }
   };

export type PortalOAuthClientsQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalOAuthClientsQuery = { viewer: { id: string, oauthClients: Array<{ clientId: string, description: string, useCase: string, redirectUri: string, dateCreated: string | null, policy: { id: string, name: string } | null }> } | null };

export type PortalOAuthClientSecretsQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalOAuthClientSecretsQuery = { viewer: { id: string, oauthClients: Array<{ clientId: string, secret: string | null }> } | null };

export type PortalProfileQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalProfileQuery = { viewer: { id: string, email: string, name: string | null, avatar: string, avatar2x: string, fields: Array<{ name: string, value: string }> } | null, portalConfiguration: { signupFields: Array<string> } | null };

export type PortalUpdateProfileMutationVariables = Exact<{
  id: string | number;
  input: UpdateDeveloperInput;
}>;


export type PortalUpdateProfileMutation = { updateDeveloper:
    | { __typename: 'DeveloperPayload', developer: { id: string, email: string, name: string | null, fields: Array<{ name: string, value: string }> } }
    | { __typename: 'ForbiddenError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'UpstreamError', code: string, message: string }
    | { __typename: 'ValidationError', field: string | null, code: string, message: string }
   };

export type PortalChangePasswordMutationVariables = Exact<{
  id: string | number;
  currentPassword: string;
  password: string;
}>;


export type PortalChangePasswordMutation = { setDeveloperPassword:
    | { __typename: 'ForbiddenError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'SetDeveloperPasswordPayload', session: { token: string | null, expiresAt: string | null, developer: { id: string, email: string } } | null }
    | { __typename: 'UpstreamError', code: string, message: string }
    | { __typename: 'ValidationError', field: string | null, code: string, message: string }
   };

export type PortalRequestKeyFormQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalRequestKeyFormQuery = { viewer: { id: string } | null, catalogue: Array<{ policyId: string | null, name: string, shortDescription: string, authType: string | null, isKeyless: boolean, policy: { id: string, rate: number | null, per: number | null } | null }>, portalConfiguration: { requireKeyApproval: boolean, keyRequestFields: Array<string>, enableMultiSelection: boolean } | null };

export type PortalRequestKeyMutationVariables = Exact<{
  input: RequestKeyInput;
}>;


export type PortalRequestKeyMutation = { requestKey:
    | { __typename: 'ForbiddenError', code: string, message: string }
    | { __typename: 'KeyRequestPayload', approved: boolean, keyRequest: { id: string, policies: Array<{ id: string, name: string }> }, issuedKey: { rawKey: string | null, oauthClientId: string | null, key: { id: string } | null } | null }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'UpstreamError', code: string, message: string }
    | { __typename: 'ValidationError', field: string | null, code: string, message: string }
   };

export type PortalResetPasswordMutationVariables = Exact<{
  token: string;
  newPassword: string;
}>;


export type PortalResetPasswordMutation = { resetPassword:
    | { __typename: 'ForbiddenError', code: string, message: string }
    | { __typename: 'InvalidResetTokenError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PasswordResetPayload', email: string }
    | { __typename: 'UpstreamError', code: string, message: string }
    | { __typename: 'ValidationError', field: string | null, code: string, message: string }
   };

export type PortalSignupFormQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalSignupFormQuery = { portalConfiguration: { disableSignup: boolean, signupFields: Array<string> } | null };

export type PortalSignupMutationVariables = Exact<{
  input: SignupInput;
}>;


export type PortalSignupMutation = { signup:
    | { __typename: 'ForbiddenError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'Session', token: string | null, expiresAt: string | null, developer: { id: string, email: string } }
    | { __typename: 'SignupAccepted' }
    | { __typename: 'UpstreamError', code: string, message: string }
    | { __typename: 'ValidationError', field: string | null, code: string, message: string }
   };

export const PortalProblemFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalProblem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<PortalProblemFragment, unknown>;
export const PortalSessionFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalSession"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"developer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]} as unknown as DocumentNode<PortalSessionFragment, unknown>;
export const PortalRevokeKeyDocument = {"__meta__":{"hash":"sha256:c8614902ceb98b53348a285dc47f40716c27afd89e99bca7f4647aa8fc65a23a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalRevokeKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"developerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"keyId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"developerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"developerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"keyId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"keyId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RevokeKeyPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokedKeyId"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalProblem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalProblem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<PortalRevokeKeyMutation, PortalRevokeKeyMutationVariables>;
export const PortalLogoutDocument = {"__meta__":{"hash":"sha256:b7f591b9ac387187e334dd6a7aadeb10a6c6549d62bc1d7d16e94f669d676d44"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalLogout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LogoutPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loggedOut"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalProblem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalProblem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<PortalLogoutMutation, PortalLogoutMutationVariables>;
export const PortalKeyIssuedDocument = {"__meta__":{"hash":"sha256:025ecc56987009f4493f0764542a1767d81962d8ed5154032e911be8be8cf00c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"PortalKeyIssued"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keyIssued"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"policies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<PortalKeyIssuedSubscription, PortalKeyIssuedSubscriptionVariables>;
export const PortalCatalogueDocument = {"__meta__":{"hash":"sha256:582db08a08b546f62e3911c4d3981abfe5ff8c6179031672361ccbbfb33b8701"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalCatalogue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"catalogue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policyId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"shortDescription"}},{"kind":"Field","name":{"kind":"Name","value":"longDescription"}},{"kind":"Field","name":{"kind":"Name","value":"authType"}},{"kind":"Field","name":{"kind":"Name","value":"isKeyless"}},{"kind":"Field","name":{"kind":"Name","value":"policy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"per"}},{"kind":"Field","name":{"kind":"Name","value":"quotaMax"}}]}}]}}]}}]} as unknown as DocumentNode<PortalCatalogueQuery, PortalCatalogueQueryVariables>;
export const PortalDashboardDocument = {"__meta__":{"hash":"sha256:a7617a213bd2b304c8571a3603f58fd501015ded00cf366317da4836a4d0cd0b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalDashboard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"resolution"},"value":{"kind":"EnumValue","value":"DAY"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"hits"}},{"kind":"Field","name":{"kind":"Name","value":"success"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}},{"kind":"Field","name":{"kind":"Name","value":"usageSummary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hits"}},{"kind":"Field","name":{"kind":"Name","value":"success"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}},{"kind":"Field","name":{"kind":"Name","value":"keys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dateCreated"}},{"kind":"Field","name":{"kind":"Name","value":"expires"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"per"}},{"kind":"Field","name":{"kind":"Name","value":"quota"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"max"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"renews"}}]}},{"kind":"Field","name":{"kind":"Name","value":"policies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"keyRequests"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"approved"},"value":{"kind":"BooleanValue","value":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dateCreated"}},{"kind":"Field","name":{"kind":"Name","value":"policies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PortalDashboardQuery, PortalDashboardQueryVariables>;
export const PortalRequestPasswordResetDocument = {"__meta__":{"hash":"sha256:88eaa9b44cc8c524ff7dc3dc8af396454d01fe453ecca9421af7cde7548ae2f5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalRequestPasswordReset"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestPasswordReset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PasswordResetRequested"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalProblem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalProblem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<PortalRequestPasswordResetMutation, PortalRequestPasswordResetMutationVariables>;
export const PortalKeyAnalyticsDocument = {"__meta__":{"hash":"sha256:31cd972f13556967dcd1ef1daa0b439110c57cf63e8c9e01ba4a430f5d231c25"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalKeyAnalytics"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"keyId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"resolution"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UsageResolution"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"keyId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"policies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"resolution"},"value":{"kind":"Variable","name":{"kind":"Name","value":"resolution"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"hits"}},{"kind":"Field","name":{"kind":"Name","value":"success"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]}}]} as unknown as DocumentNode<PortalKeyAnalyticsQuery, PortalKeyAnalyticsQueryVariables>;
export const PortalLoginDocument = {"__meta__":{"hash":"sha256:4d4e750fbcbe45c075ddadc227c475603d2309341d7b85c5e901e4b1c01d38a5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalLogin"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalSession"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalProblem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalSession"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"developer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalProblem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<PortalLoginMutation, PortalLoginMutationVariables>;
export const PortalOAuthClientsDocument = {"__meta__":{"hash":"sha256:ad79d5831c96a0ce42acaa5089a66d69ff62ca969fedbd265fe599657a02492c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalOAuthClients"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"oauthClients"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"useCase"}},{"kind":"Field","name":{"kind":"Name","value":"redirectUri"}},{"kind":"Field","name":{"kind":"Name","value":"dateCreated"}},{"kind":"Field","name":{"kind":"Name","value":"policy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PortalOAuthClientsQuery, PortalOAuthClientsQueryVariables>;
export const PortalOAuthClientSecretsDocument = {"__meta__":{"hash":"sha256:f1f37674cabac8500e164040a73855dee1dacb5bf97c8a9f7e998f656a553ac8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalOAuthClientSecrets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"oauthClients"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}}]}}]}}]}}]} as unknown as DocumentNode<PortalOAuthClientSecretsQuery, PortalOAuthClientSecretsQueryVariables>;
export const PortalProfileDocument = {"__meta__":{"hash":"sha256:3d988a31acd2de953b7f8ddf3663faf60577f94a1050dfa635c80ae22bc2c0cb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","alias":{"kind":"Name","value":"avatar"},"name":{"kind":"Name","value":"avatarUrl"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"IntValue","value":"96"}}]},{"kind":"Field","alias":{"kind":"Name","value":"avatar2x"},"name":{"kind":"Name","value":"avatarUrl"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"IntValue","value":"192"}}]},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"portalConfiguration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signupFields"}}]}}]}}]} as unknown as DocumentNode<PortalProfileQuery, PortalProfileQueryVariables>;
export const PortalUpdateProfileDocument = {"__meta__":{"hash":"sha256:5c1d6f765c35da3663641b6aae77326118cbe0328d36a037961d62f1dcca97a6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalUpdateProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateDeveloperInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDeveloper"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeveloperPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"developer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalProblem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalProblem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<PortalUpdateProfileMutation, PortalUpdateProfileMutationVariables>;
export const PortalChangePasswordDocument = {"__meta__":{"hash":"sha256:64f1efa6a4a64e87a512137bf7ac49300d1bd834bfc445d36febafad0c4b2959"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalChangePassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"currentPassword"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setDeveloperPassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"currentPassword"},"value":{"kind":"Variable","name":{"kind":"Name","value":"currentPassword"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SetDeveloperPasswordPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalSession"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalProblem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalSession"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"developer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalProblem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<PortalChangePasswordMutation, PortalChangePasswordMutationVariables>;
export const PortalRequestKeyFormDocument = {"__meta__":{"hash":"sha256:73e95afaba586b627231bb02cae988bc3de74eb34d1a811dc1b6beb449b028f1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalRequestKeyForm"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"catalogue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policyId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"shortDescription"}},{"kind":"Field","name":{"kind":"Name","value":"authType"}},{"kind":"Field","name":{"kind":"Name","value":"isKeyless"}},{"kind":"Field","name":{"kind":"Name","value":"policy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"per"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"portalConfiguration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requireKeyApproval"}},{"kind":"Field","name":{"kind":"Name","value":"keyRequestFields"}},{"kind":"Field","name":{"kind":"Name","value":"enableMultiSelection"}}]}}]}}]} as unknown as DocumentNode<PortalRequestKeyFormQuery, PortalRequestKeyFormQueryVariables>;
export const PortalRequestKeyDocument = {"__meta__":{"hash":"sha256:5c8c6a4bf898b064ffa165fe78ec32b2d14eda8ae6970b72dc06fe65aab04710"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalRequestKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RequestKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"KeyRequestPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approved"}},{"kind":"Field","name":{"kind":"Name","value":"keyRequest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"policies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"issuedKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rawKey"}},{"kind":"Field","name":{"kind":"Name","value":"oauthClientId"}},{"kind":"Field","name":{"kind":"Name","value":"key"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalProblem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalProblem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<PortalRequestKeyMutation, PortalRequestKeyMutationVariables>;
export const PortalResetPasswordDocument = {"__meta__":{"hash":"sha256:475b3546c38b59eedb398c7f1e55d3f7c16db7c71a7a151a5a2193b31ec05dbe"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalResetPassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"newPassword"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resetPassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}},{"kind":"Argument","name":{"kind":"Name","value":"newPassword"},"value":{"kind":"Variable","name":{"kind":"Name","value":"newPassword"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PasswordResetPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalProblem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalProblem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<PortalResetPasswordMutation, PortalResetPasswordMutationVariables>;
export const PortalSignupFormDocument = {"__meta__":{"hash":"sha256:d1a9dfc0adaa7cd4b60792ee05dcf8ab4e142ad7e5b0bc448d3c72213f0ffdd3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalSignupForm"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"portalConfiguration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disableSignup"}},{"kind":"Field","name":{"kind":"Name","value":"signupFields"}}]}}]}}]} as unknown as DocumentNode<PortalSignupFormQuery, PortalSignupFormQueryVariables>;
export const PortalSignupDocument = {"__meta__":{"hash":"sha256:0a9587e71e60f7596d8bf099d61b227ed29130ded890f2544edcebd0c40830a2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalSignup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignupInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalSession"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalProblem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalSession"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"developer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalProblem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<PortalSignupMutation, PortalSignupMutationVariables>;