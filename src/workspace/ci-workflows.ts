// The GitHub Actions workflows `init --ci` writes: the pull-request check (killdate.yml) and
// the scale-out run (killdate-run.yml), from the package's workflows/ folder, pinned to this
// killdate version.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VERSION } from '../version.js';
import type { ScaffoldFile } from './scaffold.js';
import { templatesDir } from './templates.js';

export const WORKFLOWS_DIR = '.github/workflows';

export function ciWorkflowFiles(): ScaffoldFile[] {
  const dir = join(dirname(templatesDir()), 'workflows');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.yml'))
    .sort()
    .map((n) => ({
      path: `${WORKFLOWS_DIR}/${n}`,
      content: readFileSync(join(dir, n), 'utf8').replaceAll('__KILLDATE_VERSION__', VERSION),
    }));
}
