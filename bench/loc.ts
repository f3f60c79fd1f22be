// Lines of code of the server itself: the .ts files under src/, less the simulator (a test double
// of Confluent Cloud) and the code generated from the schema.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LinesOfCode {
  /** What was counted, relative to the repository. */
  scope: string;
  files: number;
  /** Lines with anything but white space on them (comments count). */
  nonBlankLines: number;
  totalLines: number;
}

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const LEFT_OUT = ['simulator', '__generated__'];

function tsFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return LEFT_OUT.includes(relative(SRC, path).split(sep).join('/')) ? [] : tsFiles(path);
    return entry.isFile() && entry.name.endsWith('.ts') ? [path] : [];
  });
}

export function linesOfCode(): LinesOfCode {
  let nonBlankLines = 0;
  let totalLines = 0;
  const files = tsFiles(SRC);
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    // A file's last newline ends its last line rather than starting another.
    if (lines.at(-1) === '') lines.pop();
    totalLines += lines.length;
    nonBlankLines += lines.filter((line) => line.trim() !== '').length;
  }
  return {
    scope: `src/**/*.ts, less ${LEFT_OUT.map((name) => `src/${name}`).join(' and ')}`,
    files: files.length,
    nonBlankLines,
    totalLines,
  };
}
