/**
 * Read → merge → write of a per-organisation object Tyk can only replace whole (the catalogue, the
 * portal configuration): Tyk has no PATCH and no conditional write, so a change is merged onto a
 * fresh copy and written back with everything else it holds.
 *
 * A concurrent change is never lost silently, as far as the API allows:
 * - gateway writers (this replica and, with a shared store, every replica) hold a lock per object
 *   (src/domain/serial-writes.ts), so none merges onto a copy another is about to replace;
 * - just before the write the object is read again and compared with the copy the change was
 *   merged onto; when something else (Tyk's UI, another client) changed it meanwhile, the change is
 *   merged again onto the new copy (up to 3 times, then ConcurrentChangeError, nothing written).
 * What remains — a writer outside the gateway landing between that last read and the write, one
 * round trip — cannot be closed without a conditional write in Tyk's API.
 */
import type { GatewayContext } from '../context.js';
import { ConcurrentChangeError, UpstreamError } from '../errors.js';
import { fingerprint } from '../principal.js';

export interface WholeObject<T> {
  /** Lock and log name, e.g. `catalogue`. */
  name: string;
  /** Reads the object fresh from the Dashboard (no cache); null when the organisation has none. */
  read(): Promise<T | null>;
  /** Creates the object on an organisation that has none. */
  create(): Promise<void>;
  /** Replaces the object. */
  write(next: T): Promise<void>;
  /** The organisation it belongs to ('' when unknown). */
  orgOf(value: T): string;
  /** Forgets cached copies after a write. */
  forget(): void;
}

const ATTEMPTS = 3;

/** Canonical JSON (keys sorted), so two reads of the same state compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

export interface MergeOptions {
  /** What to do when the organisation has no such object: `create` it first, or throw `missing()`. */
  whenMissing: 'create' | (() => Error);
  /** The organisation, when the caller knows it and the object may not exist yet. */
  orgHint?: string;
}

/**
 * Applies `merge` to the current object and writes the result; returns what was written. `merge`
 * may throw (a ValidationError, a NotFoundError): then nothing is written.
 */
export async function readMergeWrite<T>(ctx: GatewayContext, object: WholeObject<T>, merge: (current: T) => T, options: MergeOptions): Promise<T> {
  let current = await object.read();
  // The lock is per organisation: known from the object, or from a hint, or per credential at worst.
  const org = (current && object.orgOf(current)) || options.orgHint || `credential-${fingerprint(ctx.credential ?? '')}`;
  return ctx.writes.run(`${object.name}:${org}`, async () => {
    // Another writer may have created it while this one waited for the lock: never create twice.
    current ??= await object.read();
    if (!current) {
      if (options.whenMissing !== 'create') throw options.whenMissing();
      await object.create();
      current = await object.read();
      if (!current) throw new UpstreamError('UPSTREAM_BAD_RESPONSE', `The Tyk Dashboard created the ${object.name} but does not show it.`);
    }
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const next = merge(current);
      const check = await object.read();
      if (check && canonical(check) === canonical(current)) {
        await object.write(next);
        object.forget();
        ctx.logger.info({ object: object.name, attempt }, 'read-merge-write done');
        return next;
      }
      ctx.logger.info({ object: object.name, attempt }, 'read-merge-write: changed meanwhile, merging again');
      if (!check) throw new ConcurrentChangeError(`The ${object.name} was deleted while this change was being written; nothing was written.`);
      current = check;
    }
    throw new ConcurrentChangeError();
  });
}
