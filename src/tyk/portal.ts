/**
 * The per-org singletons (contract §7): the catalogue and the portal configuration, each with
 * get, create and whole-object update.
 */
import type { z } from 'zod';
import type { TykHttp } from './http.js';
import type { CallOptions } from './types.js';
import { TykCatalogue, TykPortalConfiguration, TykStatusEnvelope } from './wire.js';

/** The three operations on one singleton resource. */
function singleton<S extends z.ZodType>(path: string, schema: S) {
  return {
    get: async (http: TykHttp, options: CallOptions = {}): Promise<z.output<S>> =>
      http.json({ method: 'GET', route: `GET ${path}`, path, signal: options.signal }, schema),
    create: async (http: TykHttp, body: unknown, options: CallOptions = {}): Promise<string> =>
      (await http.json({ method: 'POST', route: `POST ${path}`, path, body, signal: options.signal }, TykStatusEnvelope)).Message,
    update: async (http: TykHttp, body: unknown, options: CallOptions = {}): Promise<void> => {
      await http.send({ method: 'PUT', route: `PUT ${path}`, path, body, signal: options.signal });
    },
  };
}

export const catalogue = singleton('/api/portal/catalogue', TykCatalogue);
export const portalConfiguration = singleton('/api/portal/configuration', TykPortalConfiguration);
