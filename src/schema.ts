import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/** The SDL files, one per domain; `schema/` sits beside `src/` in the repo and in the built image. */
const schemaDirectory = fileURLToPath(new URL('../schema/', import.meta.url));

/** Every `schema/*.graphql` file parsed into one document, in a stable (alphabetical) order. */
export function loadTypeDefs(directory: string = schemaDirectory): DocumentNode {
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.graphql'))
    .sort();
  return parse(files.map((name) => readFileSync(join(directory, name), 'utf8')).join('\n'));
}
