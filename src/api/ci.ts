// ci(): what a pull request must pass: check, the kill-date scan (locks, markers, PR body), the
// FILES union of the features it touches against its diff, no secret added by any of its
// commits, no signed checkpoint re-opened, and the sunset lines of the PR body when it
// introduces temporary code. With a base, all of it under the base's config (ci-config.ts).
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { evaluateCheckpoints } from '../core/checkpoints.js';
import { KilldateError } from '../core/errors.js';
import { byFileAndLine, type Finding, summarise } from '../core/finding.js';
import {
  alerts,
  evaluateAll,
  findingsOf,
  type KillDateItem,
  parseMarkerLine,
  parsePrBody,
  prBodyHasSunset,
} from '../core/killdates.js';
import { lockEntries } from '../core/killdates-lock.js';
import { prScope, scopeFindings } from '../core/pr-scope.js';
import type { Workspace } from '../core/workspace.js';
import { configLineOf, loadConfig } from '../workspace/config.js';
import { commitOf, git } from '../workspace/git.js';
import { scanMarkers } from '../workspace/markers.js';
import { openWith } from '../workspace/open.js';
import { findRoot } from '../workspace/root.js';
import { check } from './check.js';
import { baseConfig, prConfig } from './ci-config.js';
import { type FeatureCheckpoints, reopenedBy } from './ci-reopened.js';
import { secretFindings } from './ci-secrets.js';
import { gatherEvidence } from './evidence.js';
import { readPrBody } from './killdates.js';
import { readTrustedReview, trustSettings } from './records.js';

export interface CiOptions {
  cwd?: string;
  /** the PR's base (e.g. origin/main): enables the diff checks */
  base?: string;
  prBody?: string;
  today?: string;
}

export interface CiResult {
  version: 1;
  findings: Finding[];
  summary: ReturnType<typeof summarise>;
  killDates: KillDateItem[];
  pr?: { base: string; changed: number; features: string[]; temporary: string[]; newMarkers: number };
}

export async function ci(opts: CiOptions = {}): Promise<CiResult> {
  const root = findRoot(opts.cwd);
  const { config: head, file } = loadConfig(root);
  const base = opts.base === undefined ? undefined : commitOf(root, opts.base);
  const changed = base ? diffNames(root, base) : undefined;
  const { config, notes } = base ? prConfig(baseConfig(root, base), head) : { config: head, notes: [] };
  const { ws } = openWith({ root, config, file, configLine: (path) => configLineOf(root, path) }, opts);
  // the verify step reads no cache: any agent can write .killdate/cache/
  const checked = check({ cwd: opts.cwd, today: opts.today, cache: false, ...(base ? { config } : {}) });
  const findings: Finding[] = [...checked.findings, ...notes];
  const body = opts.prBody ? readPrBody(opts.cwd ?? process.cwd(), opts.prBody) : undefined;
  const entries = [...lockEntries(ws)];
  if (existsSync(resolve(root, '.git'))) entries.push(...(await scanMarkers(root)));
  if (body !== undefined) entries.push(...parsePrBody(body, 'PR body'));
  const items = evaluateAll(entries, ws.today, ws.config.killDates.dueSoonDays);
  // lock and marker items are already findings of check (the killdate/* rules)
  for (const i of items) if (i.source === 'pr-body') findings.push(...findingsOf(i));
  findings.push(...(await checkedRecords(root, ws, base, changed)));
  let pr: CiResult['pr'];
  if (opts.base && base && changed) {
    const scope = prScope(ws, changed);
    findings.push(...scopeFindings(scope));
    findings.push(...(await secretFindings(root, base)));
    const newMarkers = addedMarkers(root, base);
    pr = {
      base: opts.base,
      changed: changed.length,
      features: scope.features,
      temporary: scope.temporary,
      newMarkers,
    };
    if (scope.temporary.length || newMarkers)
      findings.push(...sunsetFindings(body, scope.temporary, newMarkers));
  }
  findings.sort(byFileAndLine);
  return {
    version: 1,
    findings,
    summary: summarise(findings),
    killDates: alerts(items),
    ...(pr ? { pr } : {}),
  };
}

/**
 * signoff/forged and review/forged for every feature, active and completed. With a base, the
 * allowed signers are read as the base has them: a PR cannot add its own key; and a checkpoint
 * the PR re-opens (it changes a document the sign-off covers) is ci/checkpoint-reopened
 * (ci-reopened.ts).
 */
async function checkedRecords(
  root: string,
  ws: Workspace,
  base?: string,
  changed?: string[],
): Promise<Finding[]> {
  if (!existsSync(resolve(root, '.git'))) return [];
  const config = ws.config; // with a base, the base's: its trust settings and approval policy
  const signers =
    base && config.trust.signedCommits ? signersAt(root, base, config.trust.allowedSigners) : undefined;
  const trust = trustSettings(root, config, signers);
  const out: Finding[] = [];
  const checkpoints: FeatureCheckpoints[] = [];
  for (const f of ws.features()) {
    const evidence = gatherEvidence(root, ws, f, signers, trust);
    out.push(...evidence.forged);
    out.push(...readTrustedReview(root, f.dir, config, signers).forged);
    if (base && changed?.length)
      checkpoints.push({
        feature: f,
        signoffs: evidence.signoffs,
        views: evaluateCheckpoints(evidence.signoffs, evidence.cover, evidence.isMock),
      });
  }
  if (base && changed?.length) out.push(...(await reopenedBy(root, base, new Set(changed), checkpoints)));
  return out;
}

/** The allowed-signers file as it is on `base`, copied to a temporary file (empty when absent). */
function signersAt(root: string, base: string, file: string): string {
  const r = git(root, ['show', `${base}:${file}`]);
  const dir = mkdtempSync(join(tmpdir(), 'killdate-signers-'));
  const path = join(dir, 'allowed-signers');
  writeFileSync(path, r.ok ? r.stdout : '');
  return path;
}

function diffNames(root: string, base: string): string[] {
  const r = git(root, ['diff', '--name-only', '-z', '--no-renames', `${base}...HEAD`]);
  if (!r.ok)
    throw new KilldateError(
      'GIT',
      `cannot diff against ${base}: ${r.stderr.trim()}`,
      'fetch the base branch first (actions/checkout with fetch-depth: 0)',
    );
  return r.stdout.split('\0').filter(Boolean);
}

/** KILLDATE markers the PR adds (added lines of the diff). */
function addedMarkers(root: string, base: string): number {
  const r = git(root, ['diff', '-U0', '--no-color', `${base}...HEAD`]);
  if (!r.ok) return 0;
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith('+') && !l.startsWith('+++') && parseMarkerLine(l.slice(1))).length;
}

function sunsetFindings(body: string | undefined, temporary: string[], newMarkers: number): Finding[] {
  const what = [
    ...temporary,
    ...(newMarkers ? [`${newMarkers} new KILLDATE marker${newMarkers === 1 ? '' : 's'}`] : []),
  ].join(', ');
  const missing: string[] = [];
  if (body === undefined) missing.push('the PR body (pass --pr-body)');
  else {
    const has = prBodyHasSunset(body);
    if (!has.criterion) missing.push('a "Sunset criterion:" line');
    if (!has.killDate) missing.push('a "Kill date: YYYY-MM-DD" line');
  }
  if (!missing.length) return [];
  return [
    {
      rule: 'ci/pr-sunset',
      severity: 'error',
      file: 'PR body',
      message: `the PR introduces temporary code (${what}): expected ${missing.join(' and ')} in the PR body`,
      fix: 'add "Sunset criterion: <measurable condition>" and "Kill date: YYYY-MM-DD" to the PR description',
    },
  ];
}
