// The cross-language contract check: one golden fixture, validated strictly by the producer's
// schema, at run time by the consumer's schema, and passed through the render smoke test.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../core/finding.js';
import type { ContractConfig } from '../core/ship-config.js';
import { git, LITERAL } from '../workspace/git.js';
import { runPydantic, runZod, type SideIssue, type SideResult } from './contract-sides.js';
import { runCommand } from './run.js';

export type Side = 'producer' | 'consumer' | 'render';

export interface SideReport extends SideResult {
  side: Side;
  how: string;
}

export interface ContractReport {
  name: string;
  fixture: string;
  source: string;
  ok: boolean;
  sides: SideReport[];
  findings: Finding[];
}

const TIMEOUT = 120_000;
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export async function checkContract(root: string, c: ContractConfig): Promise<ContractReport> {
  const report: ContractReport = {
    name: c.name,
    fixture: c.fixture,
    source: c.source,
    ok: false,
    sides: [],
    findings: [],
  };
  const add = (rule: string, message: string, file = c.fixture, severity: Finding['severity'] = 'error') =>
    report.findings.push({ rule, severity, message: `${c.name}: ${message}`, file });
  const fixture = join(root, c.fixture);
  if (!existsSync(fixture)) {
    add(
      'contract/fixture',
      `the golden fixture ${c.fixture} does not exist: expected a recorded output (${c.source})`,
    );
    return report;
  }
  try {
    JSON.parse(readFileSync(fixture, 'utf8'));
  } catch (e) {
    add('contract/fixture', `the golden fixture is not JSON: ${(e as Error).message}`);
    return report;
  }
  for (const side of ['producer', 'consumer'] as const) {
    const r = await runSide(root, side, c[side], fixture);
    report.sides.push(r);
    if (r.error)
      add(`contract/${side}`, `the ${side} schema could not run (${r.how}): ${r.error}`, c.fixture);
    for (const i of r.issues)
      add(`contract/${side}-rejects`, `the ${side} (${r.how}) rejects field ${i.field}: ${i.message}`);
    for (const n of r.notes)
      add(`contract/alias`, `${n} (${r.how}): check the other side uses the same name`, c.fixture, 'warning');
  }
  if (c.render) {
    const run = await runCommand(`${c.render} ${quote(fixture)}`, { cwd: root, timeoutMs: TIMEOUT });
    const r: SideReport = { side: 'render', how: c.render, ok: run.ok, issues: [], notes: [] };
    if (!run.ok)
      add(
        'contract/render',
        `the render smoke test failed (exit ${run.exit}): ${run.tail.trim().split('\n').slice(-3).join(' / ')}`,
      );
    report.sides.push(r);
  }
  staleness(root, c, add);
  report.ok = !report.findings.some((f) => f.severity === 'error');
  return report;
}

async function runSide(
  root: string,
  side: Side,
  cfg: ContractConfig['producer'],
  fixture: string,
): Promise<SideReport> {
  if (cfg.python) return { side, how: cfg.python, ...runPydantic(root, cfg.python, fixture, TIMEOUT) };
  if (cfg.zod) return { side, how: cfg.zod, ...runZod(root, cfg.zod, fixture, TIMEOUT) };
  if (cfg.command) {
    const run = await runCommand(`${cfg.command} ${quote(fixture)}`, { cwd: root, timeoutMs: TIMEOUT });
    const issues: SideIssue[] = run.ok
      ? []
      : [
          {
            field: '(command)',
            message: run.tail.trim().split('\n').slice(-3).join(' / ') || `exit ${run.exit}`,
          },
        ];
    return { side, how: cfg.command, ok: run.ok, issues, notes: [] };
  }
  return {
    side,
    how: '(none)',
    ok: false,
    issues: [],
    notes: [],
    error: `no ${side} configured: expected command, python or zod`,
  };
}

/** Warn when the fixture is older than a schema file it checks. */
function staleness(
  root: string,
  c: ContractConfig,
  add: (rule: string, msg: string, file?: string, sev?: Finding['severity']) => void,
) {
  const fixture = changedAt(root, c.fixture);
  for (const ref of [c.producer.python, c.producer.zod, c.consumer.python, c.consumer.zod]) {
    if (!ref) continue;
    const file = ref.slice(0, ref.lastIndexOf(':') > 0 ? ref.lastIndexOf(':') : undefined);
    const schema = changedAt(root, file);
    if (fixture && schema && newer(schema, fixture))
      add(
        'contract/stale-fixture',
        `the fixture (${day(fixture)}) is older than ${file} (${day(schema)}): record a fresh output`,
        c.fixture,
        'warning',
      );
  }
}

/** When a file last changed: its last commit, or its mtime when it is untracked or edited since. */
interface ChangedAt {
  at: Date;
  edited: boolean;
}

const day = (c: ChangedAt) => c.at.toISOString().slice(0, 10);

/**
 * Commit dates come from git's clock, mtimes from the file system's; only like is compared
 * with like. A file edited since its last commit is newer than any committed one.
 */
function newer(a: ChangedAt, b: ChangedAt): boolean {
  if (a.edited !== b.edited) return a.edited;
  return a.at > b.at;
}

function changedAt(root: string, rel: string): ChangedAt | undefined {
  const abs = join(root, rel);
  if (!existsSync(abs)) return undefined;
  const dirty = git(root, [...LITERAL, 'status', '--porcelain', '--', rel]);
  const log = git(root, [...LITERAL, 'log', '-1', '--format=%cI', '--', rel]);
  if (dirty.ok && dirty.stdout.trim() === '' && log.ok && log.stdout.trim())
    return { at: new Date(log.stdout.trim()), edited: false };
  return { at: statSync(abs).mtime, edited: true };
}
