// Which PROHIBITED items of a runbook a machine can check against the task's changes, and
// the check for each. Only reliable readings: an item is checked when its words leave no
// doubt (no dependency, no new file, no deletion, no commit, a named path left alone);
// everything else goes to the human reviewer, by name.
import type { Change } from './scope.js';
import { compileAllowlist, DEFAULT_MANIFESTS, isGlob, scopeGuard } from './scope.js';
import { plain } from './sections.js';

export type ProhibitedKind = 'outside-files' | 'dependency' | 'new-file' | 'delete' | 'commit' | 'paths';

export interface ProhibitedReading {
  text: string;
  line: number;
  /** undefined: a human has to check it */
  kind?: ProhibitedKind;
  /** for `paths` and `delete`: the paths (or globs) the item names */
  paths?: string[];
}

export interface ProhibitedVerdict extends ProhibitedReading {
  ok: boolean;
  detail: string;
}

/** The default PROHIBITED items: what the brief prints, and the words that recognise each in a runbook. */
export const PROHIBITED_DEFAULTS: { name: string; text: string; match: RegExp }[] = [
  {
    name: 'do not modify files outside FILES',
    text: 'Do not modify files outside the FILES block',
    match: /outside (of )?(the )?files|not (listed )?in (the )?files/i,
  },
  {
    name: 'do not install packages not listed',
    text: 'Do not install packages this runbook does not name',
    match:
      /\b(install|add)\b.*\b(packages?|dependenc(y|ies)|librar(y|ies))\b|\bnew (npm )?(packages?|dependenc)/i,
  },
  {
    name: 'do not refactor adjacent code',
    text: 'Do not refactor code next to the task',
    match: /\brefactor/i,
  },
  {
    name: 'do not add abstractions beyond the task',
    text: 'Do not add abstractions the task does not need',
    match: /\babstraction/i,
  },
  {
    name: 'do not add error handling for impossible cases',
    text: 'Do not add error handling for cases that cannot happen here',
    match: /\berror[- ]handling\b/i,
  },
];
const NEG = /^(?:do not|don't|never|no)\b/i;
const DEPENDENCY =
  /\b(?:install|add|introduce)\b.*\b(?:dependenc(?:y|ies)|packages?|librar(?:y|ies)|modules? from npm)\b|^no new dependenc/i;
const OUTSIDE = /\boutside (?:of )?(?:the )?FILES\b/i;
const NEW_FILE = /\b(?:create|add)\b.*\bnew files?\b|^no new files?\b|\bcreate (?:any )?files?\b/i;
const DELETE = /\b(?:delete|remove)\b.*\bfiles?\b|^no deleted files/i;
const COMMIT = /\b(?:commit|git commit)\b/i;
const TOUCH = /\b(?:touch|modify|change|edit|alter|rewrite|write to|delete|remove)\b/i;

/** Backticked spans that look like repo paths or globs (a slash or a dotted name). */
function namedPaths(text: string): string[] {
  const spans = [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.trim());
  return spans.filter(
    (s) =>
      !/\s/.test(s) &&
      !s.includes('(') &&
      (s.includes('/') || /\.[a-z0-9]{1,6}$/i.test(s)) &&
      !s.startsWith('..'),
  );
}

export function readProhibited(item: { text: string; line: number }): ProhibitedReading {
  const text = plain(item.text);
  const base = { text: item.text, line: item.line };
  if (!NEG.test(text)) return base;
  const paths = namedPaths(item.text);
  if (OUTSIDE.test(text)) return { ...base, kind: 'outside-files' };
  if (DEPENDENCY.test(text)) return { ...base, kind: 'dependency' };
  if (paths.length && TOUCH.test(text)) return { ...base, kind: 'paths', paths };
  if (NEW_FILE.test(text)) return { ...base, kind: 'new-file' };
  if (DELETE.test(text) && !paths.length) return { ...base, kind: 'delete' };
  if (COMMIT.test(text) && /^(?:do not|don't|never) (?:git )?commit\b/i.test(text))
    return { ...base, kind: 'commit' };
  return base;
}

export interface ProhibitedInput {
  changes: Change[];
  /** the manifests config (absent: the defaults) */
  manifests?: string[];
  /** whether HEAD still points at the base commit */
  headAtBase: boolean;
  /** the FILES scope verdict, reused for "do not change any path outside FILES" */
  scopeOk: boolean;
}

const list = (paths: string[]): string =>
  paths.slice(0, 5).join(', ') + (paths.length > 5 ? ` and ${paths.length - 5} more` : '');

export function checkProhibited(r: ProhibitedReading, o: ProhibitedInput): ProhibitedVerdict | undefined {
  if (!r.kind) return undefined;
  const touched = o.changes.flatMap((c) => (c.from ? [c.from, c.path] : [c.path]));
  const verdict = (bad: string[], what: string, okText: string): ProhibitedVerdict => ({
    ...r,
    ok: bad.length === 0,
    detail: bad.length ? `${what}: ${list(bad)}` : okText,
  });
  switch (r.kind) {
    case 'outside-files':
      return {
        ...r,
        ok: o.scopeOk,
        detail: o.scopeOk ? 'every change is inside FILES' : 'see the FILES scope check',
      };
    case 'dependency': {
      const isManifest = scopeGuard({
        files: [],
        manifests: o.manifests ?? DEFAULT_MANIFESTS,
      }).isUnlistedManifest;
      return verdict(
        touched.filter(isManifest),
        'dependency manifest changed',
        'no dependency manifest changed',
      );
    }
    case 'new-file':
      return verdict(
        o.changes.filter((c) => c.status === 'added' || c.status === 'untracked').map((c) => c.path),
        'new file',
        'no new file',
      );
    case 'delete':
      return verdict(
        o.changes
          .filter((c) => c.status === 'deleted' || c.status === 'renamed')
          .map((c) => c.from ?? c.path),
        'deleted',
        'no file deleted',
      );
    case 'commit':
      return {
        ...r,
        ok: o.headAtBase,
        detail: o.headAtBase ? 'HEAD is still the base commit' : 'HEAD moved: the task committed',
      };
    case 'paths': {
      // a prohibition on a literal path covers what is under it too
      const match = compileAllowlist(
        (r.paths ?? []).flatMap((p) => (isGlob(p) ? [p] : p.endsWith('/') ? [`${p}**`] : [p, `${p}/**`])),
      );
      const exact = new Set(r.paths);
      return verdict(
        touched.filter((p) => exact.has(p) || match(p)),
        'changed',
        `unchanged: ${list(r.paths ?? [])}`,
      );
    }
  }
}
