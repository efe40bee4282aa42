// runbookAmend(): the planner replaces a runbook's text through killdate, also while its task
// is active. The write is recorded as killdate's bookkeeping (the scope guard does not report
// it) and re-opens CP-3: the human signs the amended runbook before it binds a run. The active
// task keeps the FILES it started with until then. A replaced text git does not hold (hand edits
// not committed) is kept in .killdate/amended/: the amendment loses nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { parseMarkdown } from '../core/markdown.js';
import { BLOCK_NAMES, filesAllowlist, parseRunbook } from '../core/parse/runbook.js';
import { conflictLines } from '../core/registers/edit.js';
import { git } from '../workspace/git.js';
import { openWorkspace } from '../workspace/load.js';
import { editRegister } from '../workspace/register-write.js';
import { openCheckpoints } from './done.js';
import { findFeature, findRunbook, taskSlug } from './features.js';
import { refuseSecrets } from './register-text.js';
import { activeTask } from './scope.js';

export interface AmendResult {
  version: 1;
  runbook: string;
  task: string;
  changed: boolean;
  files: { before: string[]; after: string[] };
  /** CP-3 after the amendment: re-opened unless the text is unchanged */
  cp3: 'reopened' | 'signed' | 'unsigned';
  /** the active task of this runbook, which keeps its FILES until CP-3 is signed again */
  activeTask?: string;
  /** where the replaced text is kept, when git's HEAD does not hold it */
  replacedKept?: string;
}

export async function runbookAmend(opts: {
  cwd?: string;
  feature: string;
  task: string;
  text: string;
}): Promise<AmendResult> {
  const { root, ws } = openWorkspace(opts);
  const feature = findFeature(ws, opts.feature);
  const path = findRunbook(feature, opts.task);
  refuseSecrets([opts.text]);
  const next = parseRunbook(parseMarkdown(path, opts.text));
  refuseNotARunbook(path, opts.text, next);
  const before = filesAllowlist(ws.parsed(path, parseRunbook)!);
  let replacedKept: string | undefined;
  const r = await editRegister(root, path, (text) => {
    // kept before the write: a copy that cannot be made stops the amendment
    if (text !== undefined && text !== opts.text) replacedKept = keepReplaced(root, path, text);
    return { edits: [{ start: 0, end: text?.length ?? 0, insert: opts.text }], value: text !== opts.text };
  });
  const open = openCheckpoints(root, openWorkspace({ cwd: root }).ws, feature);
  const cp3 = open.find((o) => o.startsWith('CP-3'));
  const active = activeTask(root);
  return {
    version: 1,
    runbook: path,
    task: taskSlug(path),
    changed: r.value,
    files: { before, after: filesAllowlist(next) },
    cp3: !cp3 ? 'signed' : /unsigned/.test(cp3) ? 'unsigned' : 'reopened',
    ...(active?.runbook === path ? { activeTask: active.task } : {}),
    ...(replacedKept ? { replacedKept } : {}),
  };
}

/** The replaced text, copied to .killdate/amended/ unless HEAD holds it as it was. */
function keepReplaced(root: string, path: string, text: string): string | undefined {
  const head = git(root, ['show', `HEAD:${path}`]);
  if (head.ok && head.stdout === text) return undefined;
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '-');
  const name = path.slice(path.lastIndexOf('/') + 1);
  mkdirSync(join(root, '.killdate/amended'), { recursive: true });
  for (let n = 1; ; n++) {
    const kept = `.killdate/amended/${stamp}${n > 1 ? `-${n}` : ''}-${name}`;
    try {
      writeFileSync(join(root, kept), text, { flag: 'wx' });
      return kept;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** The new text must still be a runbook: its five blocks and a FILES entry, no conflict markers. */
function refuseNotARunbook(path: string, text: string, rb: ReturnType<typeof parseRunbook>): void {
  const conflicts = conflictLines(text);
  const missing = BLOCK_NAMES.filter((n) => !rb.blocks.some((b) => b.name === n));
  const problem = conflicts.length
    ? `merge-conflict markers on line ${conflicts.slice(0, 3).join(', ')}`
    : missing.length
      ? `no ${missing.join(', ')} block`
      : filesAllowlist(rb).length === 0
        ? 'FILES lists no path'
        : undefined;
  if (problem)
    throw new KilldateError(
      'USAGE',
      `the amended text of ${path} is not a runbook: ${problem}; nothing written`,
      'send the whole runbook: header and the five blocks FILES, TYPES, SKELETON, PROHIBITED, VALIDATE',
    );
}
