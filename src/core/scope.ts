// The scope guard, pure: a task's FILES allowlist against the paths a change touched.
// Imports picomatch only (via allowlist.ts), because the PreToolUse hook loads this on every agent edit.
import { compileAllowlist, isGlob, manifestMatcher } from './allowlist.js';

/** How a path changed since the task's base commit. */
export type ChangeStatus =
  | 'added'
  | 'modified'
  | 'deleted'
  | 'renamed'
  | 'copied'
  | 'untracked'
  | 'type-changed';

export interface Change {
  /** repo-relative, forward slashes */
  path: string;
  status: ChangeStatus;
  /** the old path of a rename or copy */
  from?: string;
  /** set when the path is a symlink: its repo-relative target, or null when it leaves the repo */
  linkTarget?: string | null;
}

/** `{ "src/**\/*.ts": "test/**\/*.test.ts" }`: a source glob -> where its tests live. */
export type TestPairing = Record<string, string | string[]>;

export interface Allowlist {
  files: string[];
  testPairing?: TestPairing;
  /** globs (matched on the base name too) of dependency manifests */
  manifests?: string[];
}

export type ViolationKind = 'outside' | 'new-file' | 'manifest' | 'symlink' | 'no-files';

export interface ScopeViolation {
  path: string;
  kind: ViolationKind;
  status: ChangeStatus;
  message: string;
}

export interface InvalidEntry {
  entry: string;
  reason: string;
}

export interface ScopeReport {
  ok: boolean;
  /** the FILES entries used, normalised */
  allowlist: string[];
  invalid: InvalidEntry[];
  /** changed paths checked: each change's path, and a rename's old path too */
  checked: number;
  violations: ScopeViolation[];
}

export const DEFAULT_MANIFESTS = [
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  'yarn.lock',
  'bun.lockb',
  'bun.lock',
  'requirements*.txt',
  'pyproject.toml',
  'poetry.lock',
  'uv.lock',
  'setup.py',
  'setup.cfg',
  'Pipfile',
  'Pipfile.lock',
  'go.mod',
  'go.sum',
  'Cargo.toml',
  'Cargo.lock',
  'Gemfile',
  'Gemfile.lock',
  'composer.json',
  'composer.lock',
  'mix.exs',
  'mix.lock',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'Package.swift',
  'Package.resolved',
  'pubspec.yaml',
  'pubspec.lock',
];

/**
 * A FILES entry as a repo-relative path or glob, or the reason it cannot be one: absolute
 * paths, `~`, drive letters and any `..` segment are refused, never resolved.
 */
export function normaliseEntry(raw: string): { path: string } | { reason: string } {
  // the usual entry, a plain relative path, is already normal
  if (raw !== '**' && !NOT_PLAIN.test(raw)) return { path: raw };
  // `\` escapes the next character (files-glob.ts); it is never a folder separator
  let e = raw.trim().replace(/^`|`$/g, '').trim();
  if (e === '') return { reason: 'empty entry' };
  if (e.startsWith('/') || e.startsWith('~') || /^[a-zA-Z]:/.test(e))
    return { reason: 'absolute path: FILES entries are relative to the repo root' };
  const parts = e.split('/').filter((p, i, all) => p !== '.' && (p !== '' || i === all.length - 1));
  if (parts.includes('..'))
    return { reason: '".." leaves the allowed folder: FILES entries stay inside the repo' };
  e = parts.join('/');
  if (e.endsWith('/')) e = `${e}**`;
  return e === '' || e === '**' ? { reason: 'the whole repo is not a scope' } : { path: e };
}

/** What normaliseEntry may change or refuse: backticks, spaces at the ends, an absolute start, `.`, `..` or empty folders, a trailing /. */
const NOT_PLAIN = /^$|[`]|^\s|\s$|^[/~]|^[a-zA-Z]:|(^|\/)\.{1,2}(\/|$)|\/\/|\/$/;

export { compileAllowlist, isGlob } from './allowlist.js';

/** Whether `path` is the test file of a path allowed by `allowed`, per the pairing. */
export function pairedTest(path: string, pairing: TestPairing, allowed: (p: string) => boolean): boolean {
  for (const [source, targets] of Object.entries(pairing)) {
    for (const target of Array.isArray(targets) ? targets : [targets]) {
      const m = templateRegex(target).exec(path);
      if (!m) continue;
      const sub = m.groups?.sub ?? '';
      const name = m.groups?.name ?? '';
      const candidate = source
        .replace('/**/', sub ? `/${sub}/` : '/')
        .replace(/^\*\*\//, sub ? `${sub}/` : '')
        .replace('*', name);
      if (!isGlob(candidate) && allowed(candidate)) return true;
    }
  }
  return false;
}

const templates = new Map<string, RegExp>();

/** `test/{sub}/{name}.test.ts`, or the glob shorthand `test/**\/*.test.ts`, as a regex. */
function templateRegex(template: string): RegExp {
  let re = templates.get(template);
  if (re) return re;
  const t = template.includes('{') ? template : template.replace('**', '{sub}').replace('*', '{name}');
  const esc = t.replace(/[.+^$()|[\]\\?*]/g, '\\$&');
  const src = esc
    .replace('/{sub}/', '(?:/(?<sub>.+))?/')
    .replace(/^\{sub\}\//, '(?:(?<sub>.+)/)?')
    .replace('{name}', '(?<name>[^/]+)');
  re = new RegExp(`^${src}$`);
  templates.set(template, re);
  return re;
}

export interface ScopeGuard {
  allowlist: string[];
  invalid: InvalidEntry[];
  /** whether a repo-relative path may be touched: FILES or a paired test */
  allows(path: string): boolean;
  /** whether a path is a dependency manifest not listed by name in FILES */
  isUnlistedManifest(path: string): boolean;
}

export function scopeGuard(list: Allowlist): ScopeGuard {
  const allowlist: string[] = [];
  const invalid: InvalidEntry[] = [];
  for (const raw of list.files) {
    const n = normaliseEntry(raw);
    if ('path' in n) allowlist.push(n.path);
    else invalid.push({ entry: raw, reason: n.reason });
  }
  const inFiles = compileAllowlist(allowlist);
  const pairing = list.testPairing ?? {};
  const manifest = manifestMatcher(list.manifests ?? DEFAULT_MANIFESTS);
  const named = compileAllowlist(allowlist.filter((e) => !isGlob(e.slice(e.lastIndexOf('/') + 1))));
  // scope asks about a path twice (before reading it, then for its verdict)
  const asked = new Map<string, boolean>();
  return {
    allowlist,
    invalid,
    allows: (p) => {
      const known = asked.get(p);
      if (known !== undefined) return known;
      const yes = inFiles(p) || pairedTest(p, pairing, inFiles);
      asked.set(p, yes);
      return yes;
    },
    isUnlistedManifest: (p) => manifest(p) && !named(p),
  };
}

/** Every change against the allowlist. No FILES at all fails closed: every path is outside. */
export function checkScope(changes: Change[], guard: ScopeGuard): ScopeReport {
  const violations: ScopeViolation[] = [];
  const empty = guard.allowlist.length === 0;
  for (const c of changes) {
    if (c.from !== undefined && c.status === 'renamed') {
      const v = violationOf(guard, c, c.from, empty, true);
      if (v) violations.push(v);
    }
    const v = violationOf(guard, c, c.path, empty, c.path === c.from);
    if (v) violations.push(v);
  }
  return {
    ok: violations.length === 0,
    allowlist: guard.allowlist,
    invalid: guard.invalid,
    // paths, not changes: a rename is two paths (its old side is checked too)
    checked: changes.length + changes.filter((c) => c.status === 'renamed' && c.from !== undefined).length,
    violations,
  };
}

/** The violation of one side of a change (`path`: the change's path or, on the old side, its `from`). */
function violationOf(
  guard: ScopeGuard,
  c: Change,
  path: string,
  empty: boolean,
  oldSide: boolean,
): ScopeViolation | undefined {
  if (editAllowed(guard, path) && c.linkTarget === undefined) return undefined;
  const at = (kind: ViolationKind, message: string) => ({ path, kind, status: c.status, message });
  const what = oldSide
    ? 'renamed away from'
    : c.status === 'deleted'
      ? 'deleted'
      : c.status === 'added' || c.status === 'untracked'
        ? 'created'
        : 'changed';
  if (empty)
    return at(
      'no-files',
      `${what} with no FILES allowlist: the task fails closed until its runbook lists FILES`,
    );
  if (guard.isUnlistedManifest(path))
    return at(
      'manifest',
      `dependency manifest ${what}: list ${path} in FILES if the task may change dependencies`,
    );
  if (!guard.allows(path)) {
    const isNew =
      !oldSide &&
      (c.status === 'added' || c.status === 'untracked' || c.status === 'renamed' || c.status === 'copied');
    return at(isNew ? 'new-file' : 'outside', `${what} outside FILES: expected only paths the runbook lists`);
  }
  if (c.linkTarget === null)
    return at('symlink', 'symlink pointing outside the repo: expected a file inside FILES');
  if (c.linkTarget !== undefined && !guard.allows(c.linkTarget))
    return at('symlink', `symlink to ${c.linkTarget}, which is outside FILES`);
  return undefined;
}

/**
 * Whether FILES allows changing the file at `path` (a task with no FILES allows nothing; a
 * dependency manifest only when FILES names it). A symlink is checked by its target too.
 */
export function editAllowed(guard: ScopeGuard, path: string): boolean {
  return guard.allowlist.length > 0 && !guard.isUnlistedManifest(path) && guard.allows(path);
}

/** The one-line verdict the PreToolUse hook gives for an edit target. */
export function targetVerdict(guard: ScopeGuard, rel: string | null, display: string): string | undefined {
  if (guard.allowlist.length === 0)
    return `killdate scope guard: the active task has no FILES, so ${display} is blocked (fail closed)`;
  if (rel === null)
    return `killdate scope guard: ${display} is outside the repo, so outside the active task's FILES`;
  if (guard.isUnlistedManifest(rel))
    return `killdate scope guard: ${rel} is a dependency manifest not listed in FILES`;
  if (!guard.allows(rel)) return `killdate scope guard: ${rel} is outside the active task's FILES`;
  return undefined;
}
