import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoRepo, git, kd, TODAY } from './helpers.js';

const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

describe('context sync', () => {
  it('generates GEMINI.md and the Cursor rule between markers, keeps hand-written text, is idempotent', () => {
    const dir = demoRepo();
    writeFileSync(join(dir, 'CLAUDE.md'), '# Claude notes\n\nUse plan mode for migrations.\n');
    writeFileSync(join(dir, 'GEMINI.md'), '# Gemini notes\n\nPrefer small diffs.\n');
    mkdirSync(join(dir, '.cursor/rules'), { recursive: true });
    expect(kd(dir, ['context', 'sync', '--check']).status).toBe(1);
    expect(kd(dir, ['context', 'sync']).status).toBe(0);
    const claude = read(dir, 'CLAUDE.md');
    expect(claude).toBe('@AGENTS.md\n\n# Claude notes\n\nUse plan mode for migrations.\n');
    const gemini = read(dir, 'GEMINI.md');
    expect(gemini).toContain('<!-- killdate:generated from AGENTS.md -->\n# Quillbill');
    expect(gemini).toContain('<!-- /killdate:generated -->\n\n# Gemini notes\n\nPrefer small diffs.\n');
    const cursor = read(dir, '.cursor/rules/project-context.mdc');
    expect(cursor).toMatch(/^---\ndescription: .*\nalwaysApply: true\n---\n<!-- killdate:generated/);
    expect(kd(dir, ['context', 'sync', '--check']).status).toBe(0);
    expect(kd(dir, ['context', 'sync']).status).toBe(0);
    expect(read(dir, 'GEMINI.md')).toBe(gemini);
    expect(read(dir, 'CLAUDE.md')).toBe(claude);
    // the source changes: only the region follows
    writeFileSync(join(dir, 'AGENTS.md'), `${read(dir, 'AGENTS.md')}\nOne more rule.\n`);
    const c = kd(dir, ['context', 'sync', '--check']);
    expect(c.status).toBe(1);
    expect(c.stdout).toMatch(/GEMINI.md: out of date/);
    kd(dir, ['context', 'sync']);
    const g2 = read(dir, 'GEMINI.md');
    expect(g2).toContain(
      'One more rule.\n<!-- /killdate:generated -->\n\n# Gemini notes\n\nPrefer small diffs.\n',
    );
  });

  it('the deploy-commands table of AGENTS.md and SHIP-TO-PROD.md follows the config; --check catches it stale', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kd-commands-table-'));
    git(dir, 'init', '-q');
    const init = kd(dir, [
      'init',
      '--yes',
      '--product',
      'Acme',
      '--test-command',
      'npm test',
      '--deploy-command',
      'fly deploy',
    ]);
    expect(init.status, init.stderr).toBe(0);
    expect(read(dir, 'AGENTS.md')).toContain('| Tests | `npm test` |\n');
    expect(read(dir, 'AGENTS.md')).toContain('| Production deploy | `fly deploy` |\n');
    expect(read(dir, 'project-management/SHIP-TO-PROD.md')).toContain(
      '| Production deploy | `fly deploy` |\n',
    );
    expect(kd(dir, ['context', 'sync', '--check']).status).toBe(0);
    // the config changes: deploy, staging on demand, health
    const config = read(dir, 'killdate.config.yaml').replace(
      'deploy: "fly deploy"',
      'deploy: "fly deploy --strategy canary"\n  stagingUp: "make staging-up"\n  stagingDown: "make staging-down"\n  health: "curl -fsS https://acme.example/health"',
    );
    writeFileSync(join(dir, 'killdate.config.yaml'), config);
    const stale = kd(dir, ['context', 'sync', '--check', '--json']);
    expect(stale.status).toBe(1);
    const targets = JSON.parse(stale.stdout).targets as { file: string; action: string }[];
    expect(targets.filter((t) => t.action !== 'ok').map((t) => t.file)).toEqual([
      'AGENTS.md',
      'project-management/SHIP-TO-PROD.md',
      'GEMINI.md',
      '.cursor/rules/project-context.mdc',
    ]);
    // text outside the markers is the person's: kept
    writeFileSync(
      join(dir, 'project-management/SHIP-TO-PROD.md'),
      `${read(dir, 'project-management/SHIP-TO-PROD.md')}\nOur own note.\n`,
    );
    expect(kd(dir, ['context', 'sync']).status).toBe(0);
    for (const f of ['AGENTS.md', 'project-management/SHIP-TO-PROD.md', 'GEMINI.md']) {
      const text = read(dir, f);
      expect(text).toContain('| Staging up | `make staging-up` |\n| Staging down | `make staging-down` |\n');
      expect(text).toContain('| Production deploy | `fly deploy --strategy canary` |\n');
      expect(text).toContain('| Health check | `curl -fsS https://acme.example/health` |\n');
      expect(text).not.toContain('| Staging deploy |');
    }
    expect(read(dir, 'project-management/SHIP-TO-PROD.md')).toMatch(/Our own note\.\n$/);
    expect(kd(dir, ['context', 'sync', '--check']).status).toBe(0);
    // an unpaired marker is refused, nothing written
    const agents = read(dir, 'AGENTS.md').replace('<!-- /killdate:commands -->', '');
    writeFileSync(join(dir, 'AGENTS.md'), agents);
    const refused = kd(dir, ['context', 'sync']);
    expect(`${refused.stdout}${refused.stderr}`).toContain('unpaired killdate:commands marker');
    expect(read(dir, 'AGENTS.md')).toBe(agents);
  });

  it('budget lists documents, the Core, the start report and Reference docs', () => {
    const dir = demoRepo();
    const r = JSON.parse(kd(dir, ['context', 'budget', '--json', '--today', TODAY]).stdout);
    expect(r.documents.map((d: { file: string }) => d.file)).toContain('AGENTS.md');
    expect(r.core.lines).toBeGreaterThan(10);
    expect(r.core.tokens).toBeGreaterThan(100);
    expect(r.start.tokens).toBeGreaterThan(100);
    expect(
      r.reference.find((d: { file: string }) => d.file === 'project-management/ROADMAP.md').trigger,
    ).toMatch(/session start/i);
    writeFileSync(
      join(dir, 'killdate.config.yaml'),
      `${read(dir, 'killdate.config.yaml')}\nbudgets:\n  startTokens: 50\n  coreLines: 10\n`,
    );
    const w = JSON.parse(kd(dir, ['context', 'budget', '--json', '--today', TODAY]).stdout).warnings.join(
      '\n',
    );
    expect(w).toMatch(/start report is \d+ tokens: expected at most 50/);
    expect(w).toMatch(/Core of AGENTS.md is \d+ lines: expected at most 10/);
  });
});
