/**
 * Checks embedded-Dashboard answers against Tyk's OpenAPI file: every answer of a route the file
 * describes must have a status the file lists for it and a body its response schema accepts (ajv,
 * with ajv-formats for `date-time`, `int64`, `double`…). Uses the committed extraction
 * (tyk-dashboard-schemas.json), so it works without ../shared.
 *
 * Plug `observe` into `createEmbeddedDashboard({ onAnswer })`; `violations()` lists what failed,
 * `covered()` which route/status pairs were checked.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { AnsweredRequest } from '../../../src/dashboard/index.js';
import { SAME_SCHEMA_AS, UNLISTED_STATUSES, WRONG_IN_THE_FILE } from './exceptions.js';
import { COMMITTED_PATH, SCHEMA_ID, type ExtractedSchemas } from './extract.js';

// ajv-formats is CommonJS; its default export arrives wrapped under tsx/vitest.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

export interface Violation {
  route: string;
  path: string;
  status: number;
  problem: string;
}

export const EXTRACTED: ExtractedSchemas = JSON.parse(readFileSync(COMMITTED_PATH, 'utf8')) as ExtractedSchemas;

let compiled: { ajv: Ajv; validators: Map<string, ValidateFunction> } | undefined;

function validator(defName: string): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
    addFormats(ajv);
    ajv.addSchema(EXTRACTED.schema);
    compiled = { ajv, validators: new Map() };
  }
  let found = compiled.validators.get(defName);
  if (!found) {
    found = compiled.ajv.getSchema(`${SCHEMA_ID}#/$defs/${defName}`);
    if (!found) throw new Error(`no schema ${defName} in the extracted OpenAPI schemas`);
    compiled.validators.set(defName, found);
  }
  return found;
}

/** The route whose OpenAPI description applies to `route` (itself, or its stand-in), if any. */
export function describedAs(route: string): string | undefined {
  if (EXTRACTED.operations[route]) return route;
  const alias = SAME_SCHEMA_AS[route];
  return alias && EXTRACTED.operations[alias.as] ? alias.as : undefined;
}

/** Checks one answer; [] when it conforms or its route is not described. */
export function check(answer: AnsweredRequest): Violation[] {
  const described = describedAs(answer.route);
  if (!described) return [];
  const status = String(answer.status);
  const responses = EXTRACTED.operations[described]!.responses;
  const unlisted = UNLISTED_STATUSES.find((u) => u.route === answer.route && u.status === status);
  const defName = responses[status] ?? responses['default'] ?? (unlisted ? 'ApiResponse' : undefined);
  const at = { route: answer.route, path: answer.path, status: answer.status };
  if (!defName) return [{ ...at, problem: `status ${status} is not one the OpenAPI file lists for ${described} (${Object.keys(responses).join(', ')})` }];
  const validate = validator(defName);
  if (validate(answer.body)) return [];
  return (validate.errors ?? [])
    .filter((e) => !WRONG_IN_THE_FILE.some((w) => w.route === described && w.status === status && w.instancePath.test(e.instancePath)))
    .map((e) => ({ ...at, problem: `${e.instancePath || '(body)'} ${e.message ?? 'is invalid'} (schema ${e.schemaPath})` }));
}

/** Collects violations and coverage over many answers. */
export function createConformance() {
  const violations: Violation[] = [];
  const covered = new Set<string>();
  return {
    observe(answer: AnsweredRequest) {
      const described = describedAs(answer.route);
      if (!described) return;
      covered.add(`${answer.route} ${answer.status}`);
      violations.push(...check(answer));
    },
    violations: () => [...violations],
    /** `METHOD /template STATUS` of every checked answer. */
    covered: () => new Set(covered),
  };
}

export type Conformance = ReturnType<typeof createConformance>;

/** A readable report of violations (at most 20). */
export function report(violations: readonly Violation[]): string {
  const shown = violations.slice(0, 20).map((v) => `  ${v.route} → ${v.status} (${v.path}): ${v.problem}`);
  return [`${violations.length} answer(s) do not match Tyk's OpenAPI file:`, ...shown].join('\n');
}
