// Spawned runs of the built killdate binary in a temp git repo: the machine contract
// (one JSON document, exit codes, GitHub annotations), path filters, usage errors, and a
// snapshot of the human output with temp paths sanitised.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../src/core/finding.js';
import { buildCli, gitIn, removeBuild, repoFromFixture, runBuilt } from './helpers/built-cli.js';
import { day, TODAY as TODAY_DATE } from './helpers/dates.js';

const ROOT = join(import.meta.dirname, '..');
const FIXTURE = join(import.meta.dirname, 'fixtures/kit-fork');
const TODAY = ['--today', TODAY_DATE];
const ISSUES = 'project-management/KNOWN-ISSUES.md';

let cli = '';
let repo = '';
const run = (...args: string[]) => runBuilt(cli, repo, args);

beforeAll(async () => {
  cli = await buildCli();
  // the kit fork (its CLAUDE.md's six placeholders are errors), plus one known issue with a
  // prefix the method does not have: one more error
  repo = repoFromFixture(FIXTURE, 'killdate-cli-');
  const path = join(repo, ISSUES);
  const text = readFileSync(path, 'utf8').replace(
    '[No open issues yet.]\n',
    `**Q-1 Export stalls**\n- **Severity:** low\n- **Symptoms:** The CSV export never ends.\n- **Suspected cause:** unknown\n- **Workaround:** none\n- **Opened:** ${day(-23)}\n`,
  );
  writeFileSync(path, text);
  gitIn(repo, 'commit', '-q', '-am', 'first known issue');
});
afterAll(() => removeBuild(cli));

/** Temp folders and the repo path out of output meant for a snapshot. */
function sanitise(text: string): string {
  return text.split(repo).join('<repo>').split(tmpdir()).join('<tmp>');
}

describe('killdate binary', () => {
  it('--version prints the package version and nothing else', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = run(flag);
      expect(r).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('--help lists the commands on stdout', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: killdate \[options\] \[command\]/);
    expect(r.stdout).toMatch(/^ {2}check \[options\] \[paths\.\.\.\]/m);
    expect(r.stdout).toMatch(/^ {2}rules \[options\]/m);
    expect(r.stdout).toMatch(/^ {2}init \[options\] \[dir\]/m);
  });

  it('check --json prints exactly one JSON document on stdout and nothing on stderr', () => {
    const r = run('check', '--json', '--no-cache', ...TODAY);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('{')).toBe(true);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    const out = JSON.parse(r.stdout) as {
      version: number;
      findings: Finding[];
      summary: Record<string, number>;
    };
    expect(Object.keys(out).sort()).toEqual(['findings', 'summary', 'version']);
    expect(out.version).toBe(1);
    const errors = out.findings.filter((f) => f.severity === 'error');
    const others = errors.filter((f) => f.rule !== 'context/placeholder');
    expect(others.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual([`issues/prefix ${ISSUES}:29`]);
    expect(errors.length - others.length).toBe(6);
    expect(out.summary).toMatchObject({ errors: 7, warnings: out.findings.length - 7 });
    expect(r.status).toBe(1);
  });

  it('check --format github prints one workflow annotation per finding', () => {
    const json = JSON.parse(run('check', '--json', ...TODAY).stdout) as { findings: Finding[] };
    const r = run('check', '--format', 'github', ...TODAY);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(json.findings.length);
    for (const l of lines)
      expect(l).toMatch(/^::(error|warning) file=[^,:]+(,line=\d+)?,title=[a-z]+\/[a-z-]+::\S/);
    expect(lines).toContain(
      `::error file=${ISSUES},line=29,title=issues/prefix::Q-1: prefix Q- is not one of B- UI- INT- CFG- INF- SCH- P- SEC-`,
    );
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(7);
  });

  it('check with paths reports only findings in those files or folders; the exit code follows them', () => {
    const only = (...paths: string[]) => {
      const r = run('check', '--json', ...TODAY, ...paths);
      return { status: r.status, findings: (JSON.parse(r.stdout) as { findings: Finding[] }).findings };
    };
    const claude = only('CLAUDE.md');
    expect(claude.findings.length).toBeGreaterThan(0);
    expect(claude.findings.every((f) => f.file === 'CLAUDE.md')).toBe(true);
    expect(claude.status).toBe(1);
    const rules = only('.cursor');
    expect(rules.findings.length).toBeGreaterThan(0);
    expect(rules.findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(rules.status).toBe(0);
    const pm = only('project-management/');
    expect(pm.findings.length).toBeGreaterThan(0);
    expect(pm.findings.every((f) => f.file.startsWith('project-management/'))).toBe(true);
    expect(pm.status).toBe(1);
    expect(only('.cursor', 'CLAUDE.md').findings.map((f) => f.file.split('/')[0])).toEqual(
      expect.arrayContaining(['.cursor', 'CLAUDE.md']),
    );
  });

  it('-C runs in another folder with the same result', () => {
    const here = run('check', '--json', ...TODAY).stdout;
    const r = runBuilt(cli, tmpdir(), ['-C', repo, 'check', '--json', ...TODAY]);
    expect(r.stdout).toBe(here);
  });

  it('rules --json lists every rule once, with id, severity and summary', () => {
    const r = run('rules', '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const { version, rules } = JSON.parse(r.stdout) as {
      version: number;
      rules: { id: string; severity: string; summary: string }[];
    };
    expect(version).toBe(1);
    const ids = rules.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(['context/placeholder', 'lock/status-unset', 'issues/prefix']),
    );
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[a-z]+\/[a-z-]+$/);
      expect(['error', 'warning']).toContain(rule.severity);
      expect(rule.summary.length).toBeGreaterThan(10);
    }
    const human = run('rules').stdout.trimEnd().split('\n');
    expect(human.map((l) => l.split(/\s+/)[0]).filter((w) => w?.includes('/'))).toEqual(ids);
  });

  it('rules lists every rule id a command prints (status, signoff, ci, the records)', () => {
    const listed = new Set(
      (JSON.parse(run('rules', '--json').stdout) as { rules: { id: string }[] }).rules.map((x) => x.id),
    );
    const areas = new Set([...listed].map((id) => id.split('/')[0]));
    const printed = new Set<string>();
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts'))
          for (const m of readFileSync(p, 'utf8').matchAll(/'([a-z]+)\/([a-z-]+)'/g))
            if (areas.has(m[1]!) && !/^(docs|templates)$/.test(m[1]!)) printed.add(`${m[1]}/${m[2]}`);
      }
    };
    walk(join(import.meta.dirname, '../src'));
    expect([...printed].filter((id) => !listed.has(id))).toEqual([]);
  });

  it('an unknown command is a usage error: exit 2, message on stderr, nothing on stdout', () => {
    const r = run('nope');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("unknown command 'nope'");
  });

  it('check --format nope is a usage error: exit 2, message on stderr', () => {
    const r = run('check', '--format', 'nope');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('killdate: unknown --format nope: expected human, json or github\n');
  });

  it('human check output, fresh and then from the cache, matches the snapshot', () => {
    const fresh = run('check', '--no-cache', ...TODAY);
    run('check', ...TODAY);
    const cached = run('check', ...TODAY);
    expect(fresh.status).toBe(1);
    expect(cached).toEqual(fresh);
    expect(fresh.stdout.includes('\u001b[')).toBe(false);
    expect(sanitise(fresh.stdout)).toMatchSnapshot();
  });
});
