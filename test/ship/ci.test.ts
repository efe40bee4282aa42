import { describe, expect, it } from 'vitest';
import { ci } from '../../src/api/ci.js';
import { day, TODAY } from '../helpers/dates.js';
import { cli, commitAll, gate7, git, makeRepo, write } from './repo.js';

const RUNBOOK = `# Runbook: export button

**Feature:** export
**Task:** 1 of 1
**Branch:** feat/export
**Maps to:** Gate 2 IN item 1

## FILES
- src/export/**
- test/export/button.test.ts

## TYPES
N/A — no data contracts in this task

## SKELETON
\`\`\`ts
export function button() {}
\`\`\`

## PROHIBITED
- do not modify files outside FILES
- do not add a progress banner

## VALIDATE
- [ ] \`npm test\`
`;

function prRepo() {
  const repo = makeRepo({
    'feature-builds/export/runbook-01-button.md': RUNBOOK,
    'src/export/button.ts': 'export {};\n',
    'src/other.ts': 'export {};\n',
  });
  git(repo, 'checkout', '-q', '-b', 'feat/export');
  write(repo, {
    'src/export/button.ts': `export const on = true; // KILLDATE ${day(126)} flag export_v2: 100% for 14 days\n`,
    'src/other.ts': 'export const drift = 1;\n',
    'feature-builds/export/PRE-BUILD-LOCK.md': gate7(
      'flag `export_v2`',
      '100% of users for 14 days',
      day(126),
    ),
  });
  commitAll(repo, 'export button');
  return repo;
}

describe('ci', () => {
  it('checks the FILES union of touched features against the diff, and the PR body sunset lines', async () => {
    const repo = prRepo();
    const r = await ci({ cwd: repo, base: 'main', today: TODAY });
    expect(r.pr).toMatchObject({
      base: 'main',
      changed: 3,
      features: ['export'],
      temporary: ['flag export_v2'],
      newMarkers: 1,
    });
    const rules = r.findings.map((f) => `${f.rule} ${f.file}`);
    expect(rules).toContain('ci/outside-files src/other.ts');
    expect(rules).not.toContain('ci/outside-files src/export/button.ts');
    expect(rules).toContain('ci/pr-sunset PR body');
    write(repo, {
      'pr.md': `Adds the export button.\n\nSunset criterion: 100% of users for 14 days\nKill date: ${day(126)}\n`,
    });
    const withBody = await ci({ cwd: repo, base: 'main', prBody: 'pr.md', today: TODAY });
    expect(withBody.findings.map((f) => f.rule)).not.toContain('ci/pr-sunset');
  });

  it('an overdue marker fails the built CLI with GitHub annotations', () => {
    const repo = prRepo();
    const r = cli(repo, ['ci', '--format', 'github', '--today', day(128)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `::error file=src/export/button.ts,line=1,title=killdate/overdue::kill date ${day(126)} of flag export_v2 passed 2 days ago`,
    );
    expect(r.stdout).toContain(
      `title=killdate/overdue::kill date ${day(126)} of flag export_v2 passed 2 days ago: delete it now`,
    );
  });

  it('a base that does not exist is a clear error', () => {
    const repo = prRepo();
    const r = cli(repo, ['ci', '--base', 'origin/nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot diff against origin/nope');
  });
});
