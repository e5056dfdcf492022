/**
 * The reference portal is typed from the gateway's committed schema: its operations must stay valid
 * against schema.graphql, and its generated types and trusted documents manifest (src/gql/) must be
 * what codegen writes today. Run `npm run codegen -w examples/portal` when this fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../examples/portal/codegen.js';

const PORTAL = fileURLToPath(new URL('../../examples/portal/', import.meta.url));

/** The CLI adds this line when it writes a file, not in what `generate` returns. */
const withoutLintHeader = (text: string) => text.replace(/^\/\* eslint-disable \*\/\n/, '');

describe('the reference portal’s generated documents', () => {
  it('match what codegen writes from the committed schema (run `npm run codegen -w examples/portal` when this fails)', async () => {
    const files = (await generate({ ...config, cwd: PORTAL, silent: true }, false)) as { filename: string; content: string }[];
    expect(files.map((f) => f.filename).sort()).toEqual(['src/gql/gql.ts', 'src/gql/graphql.ts', 'src/gql/index.ts', 'src/gql/persisted-documents.json']);
    for (const file of files) expect(withoutLintHeader(readFileSync(join(PORTAL, file.filename), 'utf8')), file.filename).toBe(withoutLintHeader(file.content));
  }, 60_000);
});
