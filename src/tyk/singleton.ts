/**
 * The per-org singleton resources (contract §7): one object per organisation, read with GET,
 * created with POST (Tyk answers the new id) and replaced whole with PUT.
 */
import type { z } from 'zod';
import type { TykHttp } from './http.js';
import { endpoint } from './path.js';
import type { CallOptions } from './types.js';
import { TykCreatedEnvelope, TykStatusEnvelope } from './wire.js';

export interface Singleton<T> {
  get(http: TykHttp, options?: CallOptions): Promise<T>;
  /** Returns Tyk's `Message` (the new id). */
  create(http: TykHttp, body: unknown, options?: CallOptions): Promise<string>;
  update(http: TykHttp, body: unknown, options?: CallOptions): Promise<void>;
}

/**
 * The three operations on the singleton at `path`. `strictCreate`: the create answer must carry an
 * ObjectId (documented for the catalogue; undocumented, so any text, for the configuration).
 */
export function singleton<S extends z.ZodType>(path: `/api/${string}`, schema: S, strictCreate: boolean): Singleton<z.output<S>> {
  return {
    get: async (http, options = {}) => http.json({ ...endpoint(`GET ${path}`), signal: options.signal }, schema),
    create: async (http, body, options = {}) =>
      (await http.json({ ...endpoint(`POST ${path}`), body, signal: options.signal }, strictCreate ? TykCreatedEnvelope : TykStatusEnvelope)).Message,
    update: async (http, body, options = {}) => {
      await http.send({ ...endpoint(`PUT ${path}`), body, signal: options.signal });
    },
  };
}
