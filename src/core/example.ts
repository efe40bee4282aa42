// An in-memory workspace from a map of files: used by rule examples, their tests and the
// generated rule reference. A `killdate.config.yaml` entry is read as the config.
import { parse } from 'yaml';
import { configSchema, resolveLayout } from './config.js';
import type { ExampleFiles } from './rule.js';
import { Workspace } from './workspace.js';

export const EXAMPLE_TODAY = '2026-06-01';

export function exampleWorkspace(files: ExampleFiles, today = EXAMPLE_TODAY): Workspace {
  const { 'killdate.config.yaml': configText, ...docs } = files;
  const given = (configText ? parse(configText) : {}) ?? {};
  const paths = Object.keys(files);
  const exists = (p: string) => paths.some((f) => f === p || f.startsWith(`${p.replace(/\/$/, '')}/`));
  const config = resolveLayout(configSchema.parse(given), given.paths ?? {}, exists);
  return new Workspace({
    config,
    today,
    files: new Map(Object.entries(docs)),
    exists,
    problems: problemsOf(docs),
  });
}

/** Examples stand for files on disk: a NUL byte makes one unreadable, as the loader would. */
function problemsOf(docs: ExampleFiles) {
  return Object.entries(docs)
    .filter(([, text]) => text.includes('\u0000'))
    .map(([file]) => ({
      rule: 'doc/unreadable',
      severity: 'error' as const,
      file,
      message: 'binary file: expected markdown text',
    }));
}
