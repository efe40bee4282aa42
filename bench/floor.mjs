// The floor for `killdate check`: read the same method documents as text and do nothing
// else. What check costs above this is parsing, rules and start-up.
// Usage: node bench/floor.mjs <workspace>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2] ?? '.';
const TOP = ['AGENTS.md', 'CLAUDE.md', 'GEMINI.md'];
const FOLDERS = ['project-management', 'marketing/canonical', 'feature-builds', '.cursor/rules', 'docs'];

let files = 0;
let bytes = 0;
const read = (abs) => {
  try {
    bytes += readFileSync(abs, 'utf8').length;
    files++;
  } catch {
    // absent: the same as check
  }
};
const walk = (abs) => {
  let entries;
  try {
    entries = readdirSync(abs, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.isDirectory()) walk(join(abs, e.name));
    else if (/\.mdc?$/.test(e.name)) read(join(abs, e.name));
  }
};
for (const f of TOP) read(join(root, f));
for (const d of FOLDERS) walk(join(root, d));
process.stdout.write(`${files} documents, ${bytes} characters\n`);
