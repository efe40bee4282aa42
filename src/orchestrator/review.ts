// The review after the executor: the FILES scope, new files, dependency manifests, secrets the
// task wrote, the PROHIBITED items a machine can check, then every VALIDATE command. Each check
// is pass, fail or not run, with a detail a person can act on.
import { mkdirSync } from 'node:fs';
import { knownSecrets } from '../agents/redact.js';
import { checkProhibited, readProhibited } from '../core/prohibited.js';
import type { ReviewCheck } from '../core/review-doc.js';
import { type Change, checkScope, type ScopeViolation, scopeGuard, type TestPairing } from '../core/scope.js';
import { headCommitAsync } from '../workspace/changes.js';
import { introducedSecrets, renamesOf, whereSecret } from '../workspace/introduced-secrets.js';
import { runDir } from './run-state.js';
import { runValidate, type ValidateRun, validateLog } from './validate.js';

export interface ReviewInput {
  stateRoot: string;
  tree: string;
  runId: string;
  base: string;
  changes: Change[];
  files: string[];
  testPairing: TestPairing;
  manifests?: string[];
  prohibited: { text: string; line: number }[];
  validate: { command: string; line: number; text: string }[];
  /** VALIDATE steps with no command: a human checks them */
  manualSteps: string[];
  /** false: VALIDATE is not run (the executor failed) */
  runValidate: boolean;
  validateTimeoutMs: number;
  /** the environment of the VALIDATE commands is made from (it carries the run marker) */
  env?: NodeJS.ProcessEnv;
  /** variables that may hold secrets and go to VALIDATE anyway (config run.passEnv) */
  passEnv?: readonly string[];
  /**
   * Told the checks so far as each VALIDATE command starts (it last, `running`), so a person
   * watching sees them come; each is written to the run record, so no more often.
   */
  onProgress?: (checks: ReviewCheck[]) => void;
}

export interface ReviewOutcome {
  checks: ReviewCheck[];
  forHuman: string[];
  validate: ValidateRun[];
  allPassed: boolean;
}

const describe = (vs: ScopeViolation[]): string =>
  vs
    .slice(0, 6)
    .map((v) => `${v.path}: ${v.message}`)
    .join('; ') + (vs.length > 6 ? `; and ${vs.length - 6} more` : '');

export function scopeChecks(i: ReviewInput): { checks: ReviewCheck[]; scopeOk: boolean } {
  const report = checkScope(
    i.changes,
    scopeGuard({ files: i.files, testPairing: i.testPairing, manifests: i.manifests }),
  );
  const of = (...kinds: string[]) => report.violations.filter((v) => kinds.includes(v.kind));
  const outside = of('outside', 'symlink', 'no-files');
  const created = of('new-file');
  const manifests = of('manifest');
  const newInside =
    i.changes.filter((c) => c.status === 'added' || c.status === 'untracked').length - created.length;
  const invalid = report.invalid.map((e) => `${e.entry} (${e.reason})`).join(', ');
  const checks: ReviewCheck[] = [
    {
      name: 'FILES scope',
      ok: outside.length === 0,
      detail: outside.length
        ? describe(outside)
        : `${i.changes.length} change(s), all inside FILES${invalid ? `; FILES entries ignored: ${invalid}` : ''}`,
    },
    {
      name: 'new files',
      ok: created.length === 0,
      detail: created.length
        ? describe(created)
        : `${Math.max(newInside, 0)} new file(s), all listed in FILES`,
    },
    {
      name: 'dependency manifests',
      ok: manifests.length === 0,
      detail: manifests.length ? describe(manifests) : 'no unlisted manifest changed',
    },
  ];
  return { checks, scopeOk: outside.length === 0 && created.length === 0 };
}

/** No secret the base did not hold in a changed file or its name (this run's secret values included). */
async function secretsCheck(i: ReviewInput): Promise<ReviewCheck> {
  const changed = i.changes.filter((c) => c.status !== 'deleted');
  const paths = changed.map((c) => c.path);
  const renamed = renamesOf(changed);
  const known = knownSecrets(i.env ?? process.env, { inFiles: true });
  const removed = i.changes.filter((c) => c.status === 'deleted').map((c) => c.path);
  const { secrets: found } = await introducedSecrets(i.tree, i.base, paths, {
    known,
    renamed,
    removed,
  });
  return {
    name: 'secrets',
    ok: found.length === 0,
    detail: found.length
      ? `${found.slice(0, 6).map(whereSecret).join('; ')}${found.length > 6 ? `; and ${found.length - 6} more` : ''}`
      : `none in the ${paths.length} changed file(s)`,
  };
}

export async function review(i: ReviewInput): Promise<ReviewOutcome> {
  const { checks, scopeOk } = scopeChecks(i);
  checks.push(await secretsCheck(i));
  const forHuman: string[] = [];
  const headAtBase = i.prohibited.length > 0 && (await headCommitAsync(i.tree)) === i.base;
  for (const item of i.prohibited) {
    const v = checkProhibited(readProhibited(item), {
      changes: i.changes,
      manifests: i.manifests,
      headAtBase,
      scopeOk,
    });
    if (v) checks.push({ name: `PROHIBITED: ${item.text}`, ok: v.ok, detail: v.detail });
    else forHuman.push(`PROHIBITED: ${item.text}`);
  }
  const validate: ValidateRun[] = [];
  const rel = `.killdate/runs/${i.runId}`;
  const dir = runDir(i.stateRoot, i.runId);
  mkdirSync(dir, { recursive: true });
  for (const [k, step] of i.validate.entries()) {
    const name = `VALIDATE ${k + 1}: ${step.command}`;
    if (!i.runValidate) {
      checks.push({ name, ok: null, detail: 'not run: the executor failed' });
      continue;
    }
    i.onProgress?.([
      ...checks,
      { name, ok: null, detail: `log ${rel}/${validateLog(k + 1)}`, running: true },
    ]);
    const v = await runValidate(step, k + 1, {
      tree: i.tree,
      dir,
      relDir: rel,
      timeoutMs: i.validateTimeoutMs,
      ...(i.env ? { env: i.env } : {}),
      ...(i.passEnv ? { passEnv: i.passEnv } : {}),
    });
    validate.push(v);
    const how = v.timedOut
      ? 'timed out'
      : v.exitCode === null
        ? `killed by ${v.signal}`
        : `exit ${v.exitCode}`;
    checks.push({
      name,
      ok: v.ok,
      detail: `${how} in ${v.durationMs} ms; log ${v.log}${v.ok ? '' : `; ${v.tail}`}`,
    });
  }
  forHuman.push(...i.manualSteps.map((t) => `VALIDATE: ${t}`));
  return { checks, forHuman, validate, allPassed: checks.every((c) => c.ok === true) };
}
