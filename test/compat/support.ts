/**
 * Real-client flows: raw HTTP exactly as each client sends it (method, path as written, only the
 * headers it sets), against the embedded Dashboard, with every answer of a route Tyk's OpenAPI
 * file describes checked against that file (openapi/conformance.ts). A stack also runs the gateway
 * on the same Dashboard, for reading what the flows wrote.
 */
import { request } from 'node:http';
import { expect } from 'vitest';
import type { DashboardOptions } from '../../src/dashboard/index.js';
import type { ServerOptions } from '../../src/server.js';
import { startStack, type Stack } from '../support/stack.js';
import { createConformance, report, type Conformance } from './openapi/conformance.js';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  // Tests read arbitrary wire fields; their assertions are the type check.
  json: any;
}

export interface RawRequest {
  method?: string;
  /** Sent exactly as given (no encoding added). */
  path: string;
  /** Exactly the headers to send (plus `host` and, with a body, `content-length`). */
  headers?: Record<string, string>;
  /** Sent as is: a string, or an object serialised as JSON. */
  body?: string | object;
}

/** One HTTP/1.1 request over a fresh connection, nothing added beyond host and content-length. */
export function raw(baseUrl: string, init: RawRequest): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  const payload = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: init.method ?? 'GET',
        path: init.path,
        agent: false,
        headers: { ...init.headers, ...(payload === undefined ? {} : { 'content-length': String(Buffer.byteLength(payload)) }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** A client bound to one Dashboard and one way of sending (its own headers on every request). */
export function client(baseUrl: string, headers: Record<string, string>) {
  return (method: string, path: string, body?: string | object, extra: Record<string, string> = {}) =>
    raw(baseUrl, { method, path, headers: { ...headers, ...extra }, ...(body === undefined ? {} : { body }) });
}

export interface CompatStack extends Stack {
  conformance: Conformance;
}

/** The gateway and the embedded Dashboard, every Dashboard answer checked against Tyk's OpenAPI file. */
export async function startCompatStack(dashboard: DashboardOptions = {}, server: Partial<ServerOptions> = {}): Promise<CompatStack> {
  const conformance = createConformance();
  const stack = await startStack({ dashboard: { ...dashboard, onAnswer: (answer) => conformance.observe(answer) }, server });
  return { ...stack, conformance };
}

/** Fails with the report when any checked answer did not match the OpenAPI file. */
export function expectConformance(conformance: Conformance) {
  const violations = conformance.violations();
  expect(violations, report(violations)).toEqual([]);
}

/** `D/M/YYYY` path segments: zero-padded (`%d/%m/%Y`, Ruby) or not (`j/n/Y`, PHP). */
export function dmy(date: Date, padded: boolean): string {
  const pad = (n: number) => (padded ? String(n).padStart(2, '0') : String(n));
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}

const DAY = 86_400_000;
export const daysAgo = (days: number, from = new Date()) => new Date(from.getTime() - days * DAY);

/** Ruby's `Time.now.iso8601` / PHP's `date('c')`: seconds and a numeric offset. */
export function iso8601WithOffset(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}
