// demo(): build the example product (Quillbill) as a git repo and check it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildDemo } from '../demo/build.js';
import { type CheckResult, check } from './check.js';

export interface DemoOptions {
  /** build here (must be missing or empty) instead of a new temporary folder */
  dir?: string;
  today?: string;
}

export interface DemoResult {
  version: 1;
  /** the example repo */
  root: string;
  commit: string;
  files: number;
  check: CheckResult;
}

export function demo(opts: DemoOptions = {}): DemoResult {
  const root = opts.dir
    ? resolve(opts.dir)
    : join(mkdtempSync(join(tmpdir(), 'killdate-demo-')), 'quillbill');
  const built = buildDemo(root);
  const result = check({ cwd: built.root, today: opts.today });
  return { version: 1, root: built.root, commit: built.commit, files: built.files, check: result };
}
