// The template files `init` writes, found next to the package: from the bundle
// (dist/killdate.js or dist/chunks/*.mjs) or from source (src/workspace/), walking up to the
// folder that holds templates/AGENTS.md.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KilldateError } from '../core/errors.js';

export interface TemplateFile {
  /** path of the template inside templates/ */
  source: string;
  /** workspace-relative path it is written to */
  target: string;
  text: string;
}

export function templatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'templates');
    if (existsSync(join(candidate, 'AGENTS.md'))) return candidate;
    dir = dirname(dir);
  }
  throw new KilldateError('INTERNAL', 'the templates folder is missing from the killdate package');
}

/** Every template with its target path; a leading `dot-` folder maps to `.` (npm drops some dotfiles). */
export function readTemplates(dir: string = templatesDir()): TemplateFile[] {
  return listFiles(dir, '')
    .sort()
    .map((source) => ({
      source,
      target: source.replace(/^dot-/, '.'),
      text: readFileSync(join(dir, source), 'utf8'),
    }));
}

function listFiles(root: string, rel: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(root, child));
    else if (e.isFile()) out.push(child);
  }
  return out;
}

/** Replace every `{{name}}`; a name with no value is a bug in the template, so it throws. */
export function renderTemplate(text: string, values: Record<string, string>, source = 'template'): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new KilldateError('INTERNAL', `${source}: no value for {{${name}}}`);
    return value;
  });
}
