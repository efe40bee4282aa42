// classify(): the task type and the disciplines it requires, from a description or a diff.
import { type Classification, classifyDescription, classifyDiff } from '../core/classify.js';
import { KilldateError } from '../core/errors.js';
import { parseNameStatus } from '../workspace/changes.js';
import { loadConfig } from '../workspace/config.js';
import { git } from '../workspace/git.js';
import { findRoot } from '../workspace/root.js';

export interface ClassifyResult extends Classification {
  version: 1;
  source: { description: string } | { diff: string; files: number; layers: string[] };
}

export function classify(opts: { cwd?: string; description?: string; diff?: string }): ClassifyResult {
  if (opts.diff === undefined) {
    const description = (opts.description ?? '').trim();
    if (!description) throw new KilldateError('USAGE', 'describe the change, or pass --diff <range>');
    return { version: 1, source: { description }, ...classifyDescription(description) };
  }
  const root = findRoot(opts.cwd);
  const { config } = loadConfig(root);
  if (opts.diff.startsWith('-')) throw new KilldateError('USAGE', `not a revision range: ${opts.diff}`);
  const r = git(root, ['diff', '--name-status', '-M', '-z', '--no-ext-diff', opts.diff, '--']);
  if (!r.ok)
    throw new KilldateError('GIT', `git diff ${opts.diff} failed: ${r.stderr.trim().split('\n')[0]}`);
  const changes = parseNameStatus(r.stdout);
  const result = classifyDiff(changes, {
    migrations: config.migrations,
    routes: config.classify.routes,
    components: config.classify.components,
    layers: config.classify.layers,
  });
  const { layers, ...rest } = result;
  return { version: 1, source: { diff: opts.diff, files: changes.length, layers }, ...rest };
}
