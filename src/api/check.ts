// check(): every rule over the workspace, filtered to the given paths.
import { relative, resolve } from 'node:path';
import { runRules } from '../core/check.js';
import { KilldateError } from '../core/errors.js';
import { type Finding, type FindingSummary, summarise } from '../core/finding.js';
import { existsInside, openWorkspace } from '../workspace/load.js';

export interface CheckOptions {
  cwd?: string;
  /** files or folders to report on (relative to cwd); all when empty */
  paths?: string[];
  today?: string;
}

export interface CheckResult {
  version: 1;
  root: string;
  findings: Finding[];
  summary: FindingSummary & { documents: number };
}

export function check(opts: CheckOptions = {}): CheckResult {
  const { root, ws } = openWorkspace(opts);
  const filters = (opts.paths ?? []).map((p) => toWorkspacePath(root, opts.cwd ?? process.cwd(), p));
  let findings = runRules(ws);
  if (filters.length)
    findings = findings.filter((f) =>
      filters.some((p) => p === '' || f.file === p || f.file.startsWith(`${p}/`)),
    );
  return { version: 1, root, findings, summary: { ...summarise(findings), documents: ws.files().length } };
}

function toWorkspacePath(root: string, cwd: string, p: string): string {
  const rel = relative(root, resolve(cwd, p)).split('\\').join('/');
  if (rel.startsWith('..')) throw new KilldateError('USAGE', `${p} is outside the workspace ${root}`);
  if (rel !== '' && !existsInside(root, rel))
    throw new KilldateError('NOT_FOUND', `no such file or folder: ${p}`);
  return rel;
}
