// The GitHub Actions workflows `init --ci` writes: the pull-request check (killdate.yml) and
// the scale-out run (killdate-run.yml), from the package's workflows/ folder. Each installs
// killdate through its action (action.yml, `install-only`), which builds it from the repository
// named by `--action`: killdate is not installed from the npm registry by name.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { VERSION } from '../version.js';
import type { ScaffoldFile } from './scaffold.js';
import { templatesDir } from './templates.js';

export const WORKFLOWS_DIR = '.github/workflows';

const ACTION = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(?:\/[^@\s]+)?(?:@[^\s@]+)?$/;

/** `owner/name[@ref]` checked, with this version's tag when no ref is given. */
export function actionRef(action: string | undefined): string {
  if (!action)
    throw new KilldateError(
      'USAGE',
      'init --ci needs --action <owner>/<name>[@<ref>]: the repository the workflows build killdate from, as its action does (killdate is not installed from the npm registry)',
    );
  if (!ACTION.test(action))
    throw new KilldateError('USAGE', `--action ${action}: expected <owner>/<name> or <owner>/<name>@<ref>`);
  return action.includes('@') ? action : `${action}@v${VERSION}`;
}

export function ciWorkflowFiles(action: string): ScaffoldFile[] {
  const dir = join(dirname(templatesDir()), 'workflows');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.yml'))
    .sort()
    .map((n) => ({
      path: `${WORKFLOWS_DIR}/${n}`,
      content: readFileSync(join(dir, n), 'utf8').replaceAll('__KILLDATE_ACTION__', action),
    }));
}
