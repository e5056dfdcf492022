/**
 * One error class per upstream failure, each with a stable `code`. Messages never carry Tyk's raw
 * body or the Dashboard credential: only the route group, the HTTP status and, for 400s, Tyk's own
 * short `Message` (which the contract shows to be user-facing text such as a validation failure).
 */
export type TykErrorCode =
  | 'TYK_NOT_FOUND'
  | 'TYK_UNAUTHORISED'
  | 'TYK_FORBIDDEN'
  | 'TYK_BAD_REQUEST'
  | 'TYK_UNAVAILABLE'
  | 'TYK_CONTRACT_MISMATCH'
  | 'TYK_SERVER_ERROR'
  | 'TYK_INVALID_INPUT';

export abstract class TykError extends Error {
  abstract readonly code: TykErrorCode;
  /** HTTP status Tyk answered with; undefined when no answer arrived. */
  readonly status: number | undefined;
  /** `METHOD /route/template` of the call, without ids or credentials. */
  readonly route: string;

  constructor(message: string, route: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.route = route;
    this.status = status;
  }
}

/** 404: the object does not exist (or is not visible to this credential's org). */
export class TykNotFoundError extends TykError {
  readonly code = 'TYK_NOT_FOUND' as const;
}

/** 401: missing or invalid Dashboard credential. */
export class TykUnauthorisedError extends TykError {
  readonly code = 'TYK_UNAUTHORISED' as const;
}

/** 403: the credential's user lacks the permission (Tyk also answers 403 to a malformed JSON body). */
export class TykForbiddenError extends TykError {
  readonly code = 'TYK_FORBIDDEN' as const;
}

/** 400 and other 4xx: Tyk rejected the input; `tykMessage` is Tyk's `Message` text when it sent one. */
export class TykBadRequestError extends TykError {
  readonly code = 'TYK_BAD_REQUEST' as const;
  readonly tykMessage: string;
  constructor(tykMessage: string, route: string, status?: number) {
    super(`Tyk rejected ${route} (${status ?? 'no status'}).`, route, status);
    this.tykMessage = tykMessage;
  }
}

/**
 * Network failure, timeout, abort or 502/503/504. `outcomeUnknown` is true when a write was sent and
 * no answer arrived: the caller must re-read instead of retrying.
 */
export class TykUnavailableError extends TykError {
  readonly code = 'TYK_UNAVAILABLE' as const;
  readonly outcomeUnknown: boolean;
  constructor(message: string, route: string, status?: number, options?: { cause?: unknown; outcomeUnknown?: boolean }) {
    super(message, route, status, options);
    this.outcomeUnknown = options?.outcomeUnknown ?? false;
  }
}

/** 2xx whose body does not match the wire schema. */
export class TykContractMismatchError extends TykError {
  readonly code = 'TYK_CONTRACT_MISMATCH' as const;
}

/** 500 and other 5xx that are not retried. */
export class TykServerError extends TykError {
  readonly code = 'TYK_SERVER_ERROR' as const;
}

/** A path segment or argument was refused locally, before any request (it could steer the route). */
export class TykInvalidInputError extends TykError {
  readonly code = 'TYK_INVALID_INPUT' as const;
}

export function isTykError(error: unknown): error is TykError {
  return error instanceof TykError;
}
