// An in-memory workspace from a map of files: used by rule examples, their tests and the
// generated rule reference. A `killdate.config.yaml` entry is read as the config; a file that
// is not markdown stands for code, scanned for KILLDATE markers as git grep would be.
import { parse } from 'yaml';
import { configSchema, resolveLayout } from './config.js';
import { type KillDateEntry, parseMarkerLine } from './killdates.js';
import type { ExampleFiles } from './rule.js';
import { Workspace } from './workspace.js';

export const EXAMPLE_TODAY = '2026-06-01';

export function exampleWorkspace(files: ExampleFiles, today = EXAMPLE_TODAY): Workspace {
  const { 'killdate.config.yaml': configText, ...all } = files;
  const isCode = (p: string) => !/\.(md|mdc)$/i.test(p);
  const docs = Object.fromEntries(Object.entries(all).filter(([p]) => !isCode(p)));
  const markers: KillDateEntry[] = Object.entries(all)
    .filter(([p]) => isCode(p))
    .flatMap(([file, text]) =>
      text.split('\n').flatMap((l, i) => {
        const m = parseMarkerLine(l);
        return m ? [{ ...m, file, line: i + 1, source: 'marker' as const }] : [];
      }),
    );
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
    markers,
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
