/**
 * Extracts, from Tyk's Dashboard OpenAPI file, the response schemas of every route the embedded
 * Dashboard serves that the file describes, as one JSON Schema document ajv can compile.
 *
 *   npx tsx test/compat/openapi/extract.ts [path/to/dashboard-swagger.yml]
 *
 * (default: ../shared/reference/dashboard-swagger.yml beside the repository) rewrites
 * `tyk-dashboard-schemas.json` next to this file. CI has no ../shared, so the extracted copy is
 * committed; test/compat/openapi-conformance.test.ts checks that it still matches the file
 * whenever the file is present.
 *
 * What the conversion does (OpenAPI 3.0 schemas → JSON Schema for ajv): component `$ref`s point
 * into `$defs`; `example` / `examples` / `xml` / `externalDocs` are dropped (annotations ajv does
 * not know); everything else (`nullable`, `format`, `additionalProperties`, …) is kept as written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The committed copy's `$id` (schemas are looked up as `${SCHEMA_ID}#/$defs/<name>`). */
export const SCHEMA_ID = 'tyk-dashboard-openapi';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const COMMITTED_PATH = join(HERE, 'tyk-dashboard-schemas.json');
/** The team's shared copy of Tyk's file, when this repository sits beside ../shared. */
export const SHARED_SWAGGER_PATH = resolve(HERE, '../../../../shared/reference/dashboard-swagger.yml');

export interface ExtractedOperation {
  /** The OpenAPI path it came from, e.g. `/api/portal/policies/{id}`. */
  oasPath: string;
  /** Status code (or `default`) → name of its schema under `$defs`. */
  responses: Record<string, string>;
}

export interface ExtractedSchemas {
  source: { file: string; openapi: string; version: string };
  /** Embedded route (`METHOD /template`) → what the OpenAPI file says it answers. */
  operations: Record<string, ExtractedOperation>;
  schema: { $id: string; $defs: Record<string, unknown> };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const DROPPED = new Set(['example', 'examples', 'xml', 'externalDocs']);

/** An OpenAPI path as a list of segments, parameters as null. */
const oasSegments = (path: string) => path.split('/').filter(Boolean).map((s) => (/^\{.+\}$/.test(s) ? null : s));
const routeSegments = (template: string) => template.split('/').filter(Boolean).map((s) => (s.startsWith(':') ? null : s));

/** Whether an embedded route template and an OpenAPI path name the same route (literals equal, parameters in the same places). */
export function sameRoute(template: string, oasPath: string): boolean {
  const a = routeSegments(template);
  const b = oasSegments(oasPath);
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function convert(node: Json, refs: Set<string>): Json {
  if (Array.isArray(node)) return node.map((n) => convert(n, refs));
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key)) continue;
    if (key === '$ref' && typeof value === 'string') {
      const name = value.replace('#/components/schemas/', '');
      refs.add(name);
      out[key] = `#/$defs/${name}`;
    } else if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
      // Property names are data, not keywords: never drop one called `example`.
      out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, convert(schema, refs)]));
    } else {
      out[key] = convert(value, refs);
    }
  }
  return out;
}

/** `GET /api/portal/policies/:id` + `404` → `GET_api_portal_policies_id_404`. */
const defName = (route: string, status: string) => `${route.replace(/[^A-Za-z0-9]+/g, '_')}_${status}`;

/** The schemas the OpenAPI file gives the responses of `routes` (embedded `METHOD /template` names). */
export function extractSchemas(swaggerText: string, routes: readonly string[]): ExtractedSchemas {
  const doc = parse(swaggerText) as {
    openapi: string;
    info: { version: string };
    paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Json }> }> }>>;
    components: { schemas: Record<string, Json> };
  };
  const defs: Record<string, Json> = {};
  const refs = new Set<string>();
  const operations: Record<string, ExtractedOperation> = {};
  for (const route of [...routes].sort()) {
    const [method, template] = route.split(' ') as [string, string];
    const oasPath = Object.keys(doc.paths).find((p) => sameRoute(template, p));
    const operation = oasPath ? doc.paths[oasPath]?.[method.toLowerCase()] : undefined;
    if (!oasPath || !operation) continue;
    const responses: Record<string, string> = {};
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const schema = response.content?.['application/json']?.schema;
      if (schema === undefined) continue;
      const name = defName(route, status);
      defs[name] = convert(schema, refs);
      responses[status] = name;
    }
    operations[route] = { oasPath, responses };
  }
  // Every component schema referenced, transitively.
  const done = new Set<string>();
  while ([...refs].some((r) => !done.has(r))) {
    for (const name of [...refs]) {
      if (done.has(name)) continue;
      done.add(name);
      const component = doc.components.schemas[name];
      if (component === undefined) throw new Error(`the OpenAPI file references #/components/schemas/${name}, which it does not define`);
      defs[name] = convert(component, refs);
    }
  }
  const sorted = Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b)));
  return {
    source: { file: 'TykTechnologies/tyk-docs swagger/dashboard-swagger.yml (copy: ../shared/reference/dashboard-swagger.yml)', openapi: doc.openapi, version: doc.info.version },
    operations,
    schema: { $id: SCHEMA_ID, $defs: sorted },
  };
}

/** The JSON text committed (stable key order, trailing newline). */
export function serialise(extracted: ExtractedSchemas): string {
  return `${JSON.stringify(extracted, null, 2)}\n`;
}

/** The embedded Dashboard's routes, without starting it. */
export async function embeddedRoutes(): Promise<readonly string[]> {
  const { createEmbeddedDashboard } = await import('../../../src/dashboard/index.js');
  return createEmbeddedDashboard({ demoData: false }).routes;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const source = process.argv[2] ?? SHARED_SWAGGER_PATH;
  const extracted = extractSchemas(readFileSync(source, 'utf8'), await embeddedRoutes());
  writeFileSync(COMMITTED_PATH, serialise(extracted));
  process.stdout.write(`${Object.keys(extracted.operations).length} operations, ${Object.keys(extracted.schema.$defs).length} schemas → ${COMMITTED_PATH}\n`);
}
