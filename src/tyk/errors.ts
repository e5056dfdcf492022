/**
 * One error class per upstream failure, each with a stable `code`. Messages never carry Tyk's raw
 * body or the Dashboard credential: only the route template, the HTTP status and, for a rejected
 * input, Tyk's `Message` when it is one of the texts Tyk publishes (`TYK_SHOWABLE_MESSAGES`). Any
 * other `Message` is kept apart in `TykBadRequestError.tykMessage` (credential removed), for a
 * caller that decides itself what to show.
 */
import { TYK_SHOWABLE_MESSAGES } from './contract.js';

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

/**
 * 400 and other 4xx: Tyk rejected the input. `tykMessage` is Tyk's `Message` text when it sent one
 * ('' otherwise), at most 300 characters, with the credential cut out, and not an enumerable
 * property (JSON/pino serialisation leaves it out); `message` quotes it only when it is a
 * published Tyk text (TYK_SHOWABLE_MESSAGES).
 */
export class TykBadRequestError extends TykError {
  readonly code = 'TYK_BAD_REQUEST' as const;
  // Private and behind a getter: a logger serialising the error's own properties never sees it.
  readonly #tykMessage: string;
  constructor(tykMessage: string, route: string, status?: number) {
    const shown = TYK_SHOWABLE_MESSAGES.has(tykMessage) ? `: ${tykMessage}` : '.';
    super(`Tyk rejected ${route} (${status ?? 'no status'})${shown}`, route, status);
    this.#tykMessage = tykMessage;
  }
  get tykMessage(): string {
    return this.#tykMessage;
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
