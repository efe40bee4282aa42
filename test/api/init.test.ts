import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/api/check.js';
import { contextSync } from '../../src/api/context.js';
import { init } from '../../src/api/init.js';
import { TODAY } from '../helpers/dates.js';

const LAYOUT = [
  'AGENTS.md',
  'CLAUDE.md',
  '.cursor/rules/tool-boundary.mdc',
  '.cursor/rules/scope-guard.mdc',
  '.cursor/rules/review-loop.mdc',
  'marketing/canonical/MARKETING-TRUTH.md',
  'marketing/canonical/BEHAVIOR-SPEC.md',
  ...[
    'ARCHITECTURE',
    'STACK',
    '_log',
    'ROADMAP',
    'KNOWN-ISSUES',
    'TESTING-LEARNINGS',
    'DEV-HEURISTICS',
    'DEBUGGING-TAXONOMY',
    'SHIP-RULES',
    'SHIP-TO-PROD',
    'FEATURE-LOCK',
    'FIRST-BUILD',
  ].map((n) => `project-management/${n}.md`),
  'feature-builds/_playbook/RUNBOOK-TEMPLATE.md',
  'feature-builds/_playbook/BUILD-LEARNINGS.md',
  'feature-builds/_iterations/.gitkeep',
  'feature-builds/_completed/.gitkeep',
  'killdate.config.yaml',
  '.gitignore',
  'GEMINI.md',
  '.cursor/rules/project-context.mdc',
  ...['lock', 'runbook', 'review', 'session-start', 'session-end'].flatMap((n) => [
    `.claude/skills/killdate-${n}/SKILL.md`,
    `.agents/skills/killdate-${n}/SKILL.md`,
    `.gemini/commands/killdate/${n}.toml`,
  ]),
];

const tmp = () => mkdtempSync(join(tmpdir(), 'killdate-init-'));
const answers = { product: 'Tally', testCommand: 'npm test' };
const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');

describe('init', () => {
  it('writes the whole layout into a missing folder, products and commands filled in', () => {
    const dir = join(tmp(), 'new-app');
    const r = init({ dir, answers, today: TODAY });
    for (const p of LAYOUT) expect(existsSync(join(dir, p)), p).toBe(true);
    expect(r.actions.filter((a) => a.action === 'skip')).toEqual([]);
    expect(read(dir, 'AGENTS.md')).toContain('# Tally: agent context');
    expect(read(dir, 'AGENTS.md')).toContain('Run `npm test` after every change');
    expect(read(dir, 'AGENTS.md')).not.toMatch(/\{\{/);
    expect(read(dir, 'CLAUDE.md').startsWith('@AGENTS.md\n')).toBe(true);
    expect(read(dir, 'project-management/_log.md')).toContain(`## ${TODAY}`);
    expect(read(dir, 'killdate.config.yaml')).toContain('test: "npm test"');
    expect(read(dir, '.cursor/rules/scope-guard.mdc')).toMatch(
      /^---\ndescription: .+\nalwaysApply: true\n---/,
    );
    expect(r.notes.join('\n')).toMatch(/does not run `git init`/);
  });

  it('leaves a fresh workspace where check finds nothing outside the docs a person fills in', () => {
    const dir = tmp();
    spawnSync('git', ['init', '-q'], { cwd: dir });
    init({ dir, answers });
    const result = check({ cwd: dir });
    const fillIn = /^(marketing\/canonical\/|project-management\/ARCHITECTURE\.md)/;
    expect(result.findings.filter((f) => !fillIn.test(f.file)).map((f) => `${f.file}: ${f.message}`)).toEqual(
      [],
    );
  });

  it('without a test command leaves only the honest placeholder to fill in', () => {
    const dir = tmp();
    init({ dir, answers: { product: 'Tally' } });
    const inContext = check({ cwd: dir }).findings.filter((f) => f.file === 'AGENTS.md');
    expect(inContext.length).toBeGreaterThan(0);
    for (const f of inContext) expect(f.message).toContain('[YOUR TEST COMMAND]');
  });

  it('is idempotent: a second run writes nothing and says why each file was skipped', () => {
    const dir = tmp();
    init({ dir, answers });
    const before = LAYOUT.map((p) => read(dir, p));
    const again = init({ dir, answers: { product: 'Other name' } });
    expect(again.actions.length).toBe(LAYOUT.length);
    for (const a of again.actions) {
      expect(a.action, a.path).toBe('skip');
      expect(a.reason).toMatch(/exists|already/);
    }
    expect(LAYOUT.map((p) => read(dir, p))).toEqual(before);
  });

  it('leaves the generated context documents in sync: context sync --check passes', () => {
    const dir = tmp();
    init({ dir, answers });
    expect(contextSync({ cwd: dir, check: true })).toMatchObject({ outOfDate: false });
    expect(read(dir, 'GEMINI.md')).toContain(read(dir, 'AGENTS.md').trim());
  });

  it('never overwrites an existing file and reports it as skipped', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'project-management'));
    writeFileSync(join(dir, 'AGENTS.md'), 'my own context\n');
    writeFileSync(join(dir, 'project-management/ROADMAP.md'), '# mine\n');
    const r = init({ dir, answers });
    expect(read(dir, 'AGENTS.md')).toBe('my own context\n');
    expect(read(dir, 'project-management/ROADMAP.md')).toBe('# mine\n');
    const skipped = r.actions.filter((a) => a.action === 'skip').map((a) => a.path);
    expect(skipped.sort()).toEqual(['AGENTS.md', 'project-management/ROADMAP.md']);
    expect(r.actions.find((a) => a.path === 'AGENTS.md')?.reason).toMatch(/never overwrites/);
  });

  it('--dry-run lists the files and writes nothing, not even the folder', () => {
    const dir = join(tmp(), 'not-yet');
    const r = init({ dir, answers, dryRun: true });
    expect(r.dryRun).toBe(true);
    expect(r.actions.map((a) => a.path).sort()).toEqual([...LAYOUT].sort());
    expect(r.actions.every((a) => a.action === 'create')).toBe(true);
    expect(existsSync(dir)).toBe(false);
  });

  it('appends a marked block to an existing .gitignore and keeps its content', () => {
    const dir = tmp();
    writeFileSync(join(dir, '.gitignore'), 'node_modules/\n*.log');
    const r = init({ dir, answers });
    expect(r.actions.find((a) => a.path === '.gitignore')?.action).toBe('append');
    const text = read(dir, '.gitignore');
    expect(text.startsWith('node_modules/\n*.log\n')).toBe(true);
    expect(text).toContain('\n.killdate/\n');
    init({ dir, answers });
    expect(read(dir, '.gitignore')).toBe(text);
  });

  it('takes the defaults from an earlier config and from package.json', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'package.json'), '{"scripts":{"test":"vitest"}}');
    const first = init({ dir, answers: { product: 'Tally' } });
    expect(first.answers.testCommand).toBe('npm test');
    const second = init({ dir, answers: {} });
    expect(second.answers.product).toBe('Tally');
  });
});

describe('killdate init (built CLI)', () => {
  const bin = join(process.cwd(), 'dist/killdate.js');
  beforeAll(() => {
    if (!existsSync(bin)) spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  });

  it('never waits without a terminal: stdin closed, it finishes with the defaults', () => {
    const dir = join(tmp(), 'cli-app');
    const r = spawnSync(process.execPath, [bin, 'init', dir, '--test-command', 'npm test'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.error).toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('created       AGENTS.md');
    expect(r.stdout).toContain('Product: cli-app');
    expect(read(dir, 'AGENTS.md')).toContain('# cli-app: agent context');
    const again = spawnSync(process.execPath, [bin, 'init', dir, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 20_000,
    });
    const json = JSON.parse(again.stdout) as { version: number; actions: { action: string }[] };
    expect(json.version).toBe(1);
    expect(json.actions.every((a) => a.action === 'skip')).toBe(true);
  });
});
