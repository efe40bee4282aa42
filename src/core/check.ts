// Run the rules over a workspace and collect findings, with the config's overrides.
import { KilldateError } from './errors.js';
import { byFileAndLine, type Finding } from './finding.js';
import { lockEntries } from './killdates-lock.js';
import type { Rule } from './rule.js';
import { OTHER_RULES } from './rule-catalog.js';
import { rules as allRules } from './rules/index.js';
import { didYouMean } from './suggest.js';
import { type DocKind, FEATURE_KINDS, type Reads, type Workspace } from './workspace.js';

/**
 * Findings of a feature folder's rules kept from an earlier run (workspace/folder-cache.ts):
 * `get` answers while the folder's documents and all its rules read beyond them are the same.
 */
export interface FolderFindings {
  get(paths: string[], ws: Workspace): Finding[] | undefined;
  put(paths: string[], ws: Workspace, findings: Finding[], reads: Reads): void;
}

/**
 * Only `dir`'s own rules run; every other feature folder counts as without findings. A folder's
 * rules report on its own documents only, so the findings on `dir`'s documents are exactly
 * those of a whole run (test/core/check-by-feature.test.ts): what signoff needs of one feature.
 */
export function onlyFolder(dir: string): FolderFindings {
  const prefix = `${dir}/`;
  return { get: (paths) => (paths[0]!.startsWith(prefix) ? undefined : []), put() {} };
}

/**
 * Every rule over the workspace. A feature's rules (lock/, runbook/, review/) and the
 * per-document ones (doc/) run one feature folder at a time; the per-document rules then run
 * over the other documents, and the rest once over the whole workspace. With `release`, each
 * folder's markdown and parses are let go once its rules ran: a caller that needs nothing more
 * of them (check) never holds 10,000 features' parses at once. With `digestsOf` too, the
 * folder's digests of that kind are taken first (Workspace.takeDigests: status reads them). With
 * `folders`, a folder whose findings are kept (or not asked for) is not checked again, and its
 * parses are let go too.
 */
export function runRules(
  ws: Workspace,
  rules: Rule[] = allRules,
  opts: { release?: boolean; digestsOf?: DocKind; folders?: FolderFindings } = {},
): Finding[] {
  const findings: Finding[] = [];
  const overrides = ws.config.rules;
  assertKnownOverrides(ws);
  const on = rules.filter((r) => overrides[r.id] !== 'off');
  const run = (list: Rule[]) => {
    for (const rule of list) {
      const override = overrides[rule.id];
      rule.check(ws, ({ severity, ...rest }) => {
        findings.push({
          rule: rule.id,
          severity: (override !== 'off' && override) || severity || rule.severity,
          ...stripUndefined(rest),
        });
      });
    }
  };
  const perFeature = on.filter((r) => reach(r) !== 'workspace');
  const perDocument = on.filter((r) => reach(r) === 'document');
  const killDates = on.some((r) => r.id.startsWith('killdate/'));
  if (perFeature.length) {
    const { folders, others } = featureFolders(ws);
    try {
      for (const paths of folders) {
        ws.focus(paths);
        const kept = opts.folders?.get(paths, ws);
        if (kept) findings.push(...kept);
        else if (opts.folders) {
          const from = findings.length;
          const reads = ws.watchReads();
          try {
            run(perFeature);
          } finally {
            ws.endReads();
          }
          opts.folders.put(paths, ws, findings.slice(from), reads);
        } else run(perFeature);
        if (!opts.release && !kept) continue; // a folder whose rules did not run is not the caller's
        // the kill-date rules read each lock's gate 7 later: take it while the parse is here
        if (killDates) lockEntries(ws);
        if (opts.digestsOf && !kept) ws.takeDigests(paths, opts.digestsOf);
        ws.release(paths);
      }
      ws.focus(others);
      run(perDocument);
    } finally {
      ws.focus();
    }
  }
  run(on.filter((r) => reach(r) === 'workspace'));
  return dedupe(findings).sort(byFileAndLine);
}

/** What a rule looks at: one feature folder, one document, or the whole workspace. */
function reach(rule: Rule): 'feature' | 'document' | 'workspace' {
  if (/^(lock|runbook|review)\//.test(rule.id)) return 'feature';
  if (rule.id.startsWith('doc/') && rule.id !== 'doc/unreadable') return 'document';
  return 'workspace';
}

/** The documents of each feature folder, and every other document. */
function featureFolders(ws: Workspace): { folders: string[][]; others: string[] } {
  const byDir = new Map<string, string[]>();
  const others: string[] = [];
  for (const path of ws.files()) {
    if (!FEATURE_KINDS.has(ws.kind(path))) {
      others.push(path);
      continue;
    }
    const dir = path.slice(0, path.lastIndexOf('/'));
    const folder = byDir.get(dir);
    if (folder) folder.push(path);
    else byDir.set(dir, [path]);
  }
  return { folders: [...byDir.values()], others };
}

/** A `rules:` override naming no rule of check is a config error, with its line. */
function assertKnownOverrides(ws: Workspace): void {
  const ids = allRules.map((r) => r.id);
  for (const id of Object.keys(ws.config.rules)) {
    if (ids.includes(id)) continue;
    const line = ws.configLine(['rules', id]);
    const other = OTHER_RULES.find((r) => r.id === id);
    const why = other
      ? `${id} is reported by ${other.by.join(' and ')}, not check: rules: cannot change it`
      : `no rule ${id}${didYouMean(id, ids)}`;
    throw new KilldateError(
      'CONFIG_INVALID',
      `killdate.config.yaml${line ? `:${line}` : ''}: rules: ${why}`,
      'killdate rules lists every rule',
    );
  }
}

function stripUndefined<T extends object>(o: T): T {
  const out = {} as T;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}|${f.file}|${f.line}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
