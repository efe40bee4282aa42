// init on a fork of the killdate-kit adopts it (the real binary on our kit-shaped fixture):
// CLAUDE.md stays the one context document, the kit's runbook template and Cursor rules are
// not doubled, its .md Cursor rules get a plan; feature new and runbook new draft from the
// kit's FEATURE-LOCK.md and BUILD-RULES.md with one title and no preamble.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoFromFixture, runBuilt } from './helpers/built-cli.js';

const FIXTURE = join(import.meta.dirname, 'fixtures/kit-fork');
// the package build (init writes its templates and skills)
const cli = join(import.meta.dirname, '../dist/killdate.js');

describe('init on a kit fork', () => {
  it('adopts the kit: no AGENTS.md, no second runbook template, no doubled Cursor rules', () => {
    const dir = repoFromFixture(FIXTURE, 'killdate-kit-init-');
    const claude = readFileSync(join(dir, 'CLAUDE.md'), 'utf8');
    const r = runBuilt(cli, dir, ['init', '--yes', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      actions: { path: string; action: string; reason: string }[];
      notes: string[];
    };
    const act = (p: string) => doc.actions.find((a) => a.path === p);
    expect(act('AGENTS.md')).toMatchObject({
      action: 'skip',
      reason: expect.stringContaining('CLAUDE.md is the context document'),
    });
    expect(existsSync(join(dir, 'AGENTS.md'))).toBe(false);
    expect(readFileSync(join(dir, 'CLAUDE.md'), 'utf8')).toBe(claude); // no @AGENTS.md import: one context for Claude
    expect(existsSync(join(dir, 'feature-builds/_playbook/RUNBOOK-TEMPLATE.md'))).toBe(false);
    expect(readdirSync(join(dir, '.cursor/rules')).sort()).toEqual([
      '01-tool-boundary.md',
      '02-scope-guard.md',
      '03-review-loop.md',
      'project-context.mdc',
    ]);
    const plan = doc.notes.find((n) => n.startsWith('.cursor/rules:'));
    expect(plan).toContain('Cursor documents project rules as .mdc files');
    expect(plan).toContain('git mv .cursor/rules/01-tool-boundary.md .cursor/rules/01-tool-boundary.mdc');
    // the generated copies come from CLAUDE.md and are current
    expect(runBuilt(cli, dir, ['context', 'sync', '--check']).status).toBe(0);
    expect(readFileSync(join(dir, 'GEMINI.md'), 'utf8')).toContain(
      '<!-- killdate:generated from CLAUDE.md -->',
    );
  });

  it("feature new and runbook new draft from the kit's templates: one title, no preamble, no worked example", () => {
    const dir = repoFromFixture(FIXTURE, 'killdate-kit-new-');
    expect(runBuilt(cli, dir, ['init', '--yes']).status).toBe(0);
    const f = runBuilt(cli, dir, ['feature', 'new', 'export-csv']);
    expect(f.status, f.stderr).toBe(0);
    expect(f.stdout).toContain('from project-management/FEATURE-LOCK.md');
    const lock = readFileSync(join(dir, 'feature-builds/export-csv/PRE-BUILD-LOCK.md'), 'utf8');
    expect(lock.match(/^# .*$/gm)).toEqual(['# Pre-build lock: export-csv']);
    expect(lock.startsWith('# Pre-build lock: export-csv\n')).toBe(true);
    expect(lock).not.toContain('Copy this file to');
    expect(lock).toMatch(/^## Gate 7/m);
    const rb = runBuilt(cli, dir, ['runbook', 'new', 'export-csv', 'button']);
    expect(rb.status, rb.stderr).toBe(0);
    expect(rb.stdout).toContain('feature-builds/_playbook/BUILD-RULES.md');
    const text = readFileSync(join(dir, 'feature-builds/export-csv/runbook-01-button.md'), 'utf8');
    expect(text.match(/^# .*$/gm)).toEqual(['# Runbook: button']);
    expect(text).not.toContain('Copy this file to');
    expect(text).not.toContain('Worked example');
    expect(text).toMatch(/^## VALIDATE/m);
  });
});
