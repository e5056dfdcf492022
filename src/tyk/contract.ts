/**
 * The contract's inferred behaviour ([infer] in ../shared/tyk-portal-api.md), kept in one place so the
 * client (src/tyk) and the embedded Dashboard (src/dashboard) cannot drift apart.
 */

/** Dashboard `page_size` default (TYK_DB_PAGESIZE). */
export const TYK_PAGE_SIZE = 10;

/** The `p` value that asks for every item (Tyk: any p < 0). The client sends this for portal lists. */
export const TYK_PAGE_ALL = -1;

/**
 * Which slice of a list page `p` means. Ambiguous in Tyk's docs (0 and 1 both appear for the first
 * page): absent/0/1 → first page, p > 1 → later pages, p < 0 → everything.
 */
export function pageWindow(p: number | undefined, total: number, pageSize = TYK_PAGE_SIZE) {
  if (p !== undefined && p < 0) return { start: 0, end: total };
  const page = p === undefined || p <= 1 ? 1 : Math.floor(p);
  const start = (page - 1) * pageSize;
  return { start, end: Math.min(start + pageSize, total) };
}

/**
 * `Pages` = ceil(total / page size) (0 for an empty list); 1 when asked for all (`p < 0`): the one
 * page that holds everything, as tyk-operator's recorded `policy.All` answer to `?p=-2` shows.
 */
export function pageCount(p: number | undefined, total: number, pageSize = TYK_PAGE_SIZE): number {
  if (p !== undefined && p < 0) return 1;
  return total === 0 ? 0 : Math.ceil(total / pageSize);
}

/** Tyk object ids are MongoDB ObjectIds. */
export const OBJECT_ID = /^[0-9a-f]{24}$/;

/** Status messages; those Tyk publishes verbatim, the rest inferred in the same style. */
export const TYK_MESSAGES = {
  notAuthorised: 'Not authorised',
  malformedBody: 'Request body malformed.',
  accessDenied: (path: string) => `access denied: You do not have permission to access  ${path}`,
  dataUpdated: 'Data updated',
  dataDeleted: 'Data deleted',
  passwordChanged: 'Password changed',
  passwordValidationFailed: 'Developer password validation failed.',
  notFound: 'Could not retrieve portal object.',
  notFoundForDeletion: 'Could not retrieve object for deletion',
  keyNotFound: 'Could not retrieve key detail.',
  nonOwnedKey: 'Attempted access to non-owned key.',
  invalidPolicyId: 'Invalid policy ID.',
  invalidId: 'Invalid ID.',
  policyIdNotHex: 'Policy ID is not in hex format.',
  alreadyProcessed: 'Key request has already been processed.',
  keyDeleted: 'Key deleted successfully.',
  oauthClientDeleted: 'OAuth client deleted successfully.',
  tokenRevoked: 'token revoked successfully',
  tokensRevoked: 'tokens revoked successfully',
  analyticsKeyDecode: 'Key could not be decoded.',
  apiReferenceNotFound: 'API Reference not found.',
} as const;

/**
 * Tyk messages the gateway may show its callers. Anything else Tyk says is replaced by a generic
 * text: an error body is upstream data, and could carry what must not leak.
 */
export const TYK_SHOWABLE_MESSAGES: ReadonlySet<string> = new Set<string>([
  ...(Object.values(TYK_MESSAGES).filter((m) => typeof m === 'string') as string[]),
  'This policy name has already been used. Enter a unique policy name.',
  'Email address already exists.',
  'Email address is required.',
]);

/** Minimum developer password length the embedded Dashboard enforces. */
export const MIN_PASSWORD_LENGTH = 6;

/** Analytics resolutions (`res`). */
export const USAGE_RESOLUTIONS = ['hour', 'day', 'month'] as const;
export type UsageResolution = (typeof USAGE_RESOLUTIONS)[number];

/** Date path segments `D/M/YYYY` for analytics routes; the client sends them unpadded (PHP style). */
export function analyticsDateSegments(date: Date): string {
  return `${date.getUTCDate()}/${date.getUTCMonth() + 1}/${date.getUTCFullYear()}`;
}

/** The analytics `{keys}` segment: comma-separated with a trailing comma, as Tyk's own example sends. */
export function analyticsKeyList(keys: readonly string[]): string {
  return keys.map((k) => `${k},`).join('');
}
