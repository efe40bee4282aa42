// The register commands' functions: each write re-reads its file under a lock, refuses text
// with a secret in it or a file with conflict markers, and checks the result against the
// register's parser before it is written.

import type { Config } from '../core/config.js';
import { KilldateError } from '../core/errors.js';
import { parseMarkdown } from '../core/markdown.js';
import { type HeuristicDomain, parseHeuristics } from '../core/parse/heuristics.js';
import { type IssueEntry, parseKnownIssues } from '../core/parse/known-issues.js';
import { parseLearnings } from '../core/parse/learnings.js';
import { parseStack } from '../core/parse/stack.js';
import { addBugEdits, fixBugEdits, type NewBug } from '../core/registers/bugs.js';
import { addHeuristicEdits, heuristicsFor } from '../core/registers/heuristics.js';
import {
  addDecisionEdits,
  addLearningEdits,
  type NewDecision,
  type NewLearning,
} from '../core/registers/learnings.js';
import { loadConfig } from '../workspace/config.js';
import { editRegister } from '../workspace/register-write.js';
import { findRoot } from '../workspace/root.js';
import { resolveToday } from '../workspace/today.js';
import { readOptional, refuseSecrets } from './register-text.js';

export interface RegisterOptions {
  cwd?: string;
  today?: string;
}

export function context(opts: RegisterOptions): { root: string; config: Config; today: string } {
  const root = findRoot(opts.cwd);
  return { root, config: loadConfig(root).config, today: resolveToday(opts.today) };
}

/** The parse after an edit must show exactly what the edit meant, or nothing is written. */
function verify(ok: boolean, file: string, what: string): void {
  if (!ok)
    throw new KilldateError(
      'REFUSED',
      `${file}: after the edit the parser would not find ${what}; nothing written`,
      'the file has hand edits killdate cannot place: add the entry by hand',
    );
}

export async function addBug(opts: RegisterOptions & NewBug) {
  const { root, config, today } = context(opts);
  refuseSecrets([opts.title, opts.symptoms, opts.cause, opts.workaround]);
  const file = config.paths.knownIssues;
  const r = await editRegister(
    root,
    file,
    (text) => addBugEdits(file, text, opts, today),
    (b, a, id) => {
      const after = issues(file, a);
      verify(
        after.filter((e) => e.id === id).length === 1 && after.length === issues(file, b).length + 1,
        file,
        id,
      );
    },
  );
  const after = issues(file, r.after);
  return { version: 1 as const, file, id: r.value, entry: after.find((e) => e.id === r.value) };
}

export function listBugs(opts: RegisterOptions = {}): { version: 1; file: string; issues: IssueEntry[] } {
  const { root, config } = context(opts);
  const file = config.paths.knownIssues;
  const text = readOptional(root, file) ?? '';
  return { version: 1, file, issues: parseKnownIssues(parseMarkdown(file, text)).entries };
}

export async function fixBug(opts: RegisterOptions & { id: string }) {
  const { root, config } = context(opts);
  const file = config.paths.knownIssues;
  const r = await editRegister(
    root,
    file,
    (text) => fixBugEdits(file, text, opts.id),
    (b, a, entry) => {
      const after = issues(file, a);
      verify(
        after.length === issues(file, b).length - 1 && !after.some((e) => e.id === entry.id),
        file,
        `${opts.id} removed`,
      );
    },
  );
  return { version: 1 as const, file, id: r.value.id, title: r.value.title };
}

export async function addLearning(opts: RegisterOptions & NewLearning) {
  const { root, config, today } = context(opts);
  refuseSecrets([opts.title, opts.happened, opts.missed, opts.fix, opts.rule]);
  const file = config.paths.testingLearnings;
  const r = await editRegister(
    root,
    file,
    (text) => addLearningEdits(file, text, opts, today),
    (_b, a, id) =>
      verify(
        parseLearnings(parseMarkdown(file, a)).entries.filter((e) => e.id === id && e.rule).length === 1,
        file,
        id,
      ),
  );
  return { version: 1 as const, file, id: r.value };
}

export async function addDecision(opts: RegisterOptions & NewDecision) {
  const { root, config, today } = context(opts);
  refuseSecrets([opts.name, opts.summary, opts.rationale, opts.alternatives]);
  const file = config.paths.stack;
  const r = await editRegister(
    root,
    file,
    (text) => addDecisionEdits(file, text, opts, today),
    (_b, a, name) => {
      const found = parseStack(parseMarkdown(file, a)).decisions.filter((d) => d.name === name);
      verify(found.length === 1 && !!found[0]?.rationale, file, `decision "${name}"`);
    },
  );
  return { version: 1 as const, file, name: r.value, decided: today };
}

export async function addHeuristic(
  opts: RegisterOptions & { domain: string; text: string; paths?: string[] },
) {
  const { root, config } = context(opts);
  refuseSecrets([opts.domain, opts.text, ...(opts.paths ?? [])]);
  const file = config.paths.devHeuristics;
  const wanted = opts.text.replace(/\s+/g, ' ').trim();
  const find = (text: string, name: string) =>
    parseHeuristics(parseMarkdown(file, text)).domains.find((d) => d.name === name);
  const r = await editRegister(
    root,
    file,
    (text) => addHeuristicEdits(file, text, opts.domain, opts.text, opts.paths),
    (_b, a, name) =>
      verify(!!find(a, name)?.entries.some((e) => e.text.includes(wanted)), file, `the entry under ${name}`),
  );
  const domain = find(r.after, r.value);
  return { version: 1 as const, file, domain: r.value, globs: domain?.globs ?? [] };
}

export function showHeuristics(opts: RegisterOptions & { for?: string }): {
  version: 1;
  file: string;
  domains: HeuristicDomain[];
} {
  const { root, config } = context(opts);
  const file = config.paths.devHeuristics;
  const all = parseHeuristics(parseMarkdown(file, readOptional(root, file) ?? '')).domains;
  return { version: 1, file, domains: opts.for ? heuristicsFor(all, opts.for) : all };
}

function issues(file: string, text: string | undefined): IssueEntry[] {
  return parseKnownIssues(parseMarkdown(file, text ?? '')).entries;
}
