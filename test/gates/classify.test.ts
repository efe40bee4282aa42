// Task types: the classifier names a type, its disciplines, and which of the five signs fired.
import { afterEach, describe, expect, it } from 'vitest';
import { classify } from '../../src/api/classify.js';
import { classifyDescription } from '../../src/core/classify.js';
import { makeRepo, type Repo } from './repo.js';

describe('classify a description', () => {
  const cases: [string, string, string[]][] = [
    [
      'add a new settings page where users store preferences via a new api endpoint and a db column',
      'feature',
      ['new-data', 'new-ui-surface', 'three-layers'],
    ],
    ['add a migration for the orders table', 'migration', ['schema-migration']],
    ['fix the null crash on login', 'bugfix', []],
    ['change the button label copy', 'copy', []],
    ['bump the CI docker image', 'infra', []],
    ['new onboarding flow for invited users', 'feature', ['new-flow']],
    ['update the summariser prompt', 'prompt', []],
    ['make it better', 'feature', []],
  ];
  for (const [text, type, signs] of cases)
    it(`${text} -> ${type}`, () => {
      const c = classifyDescription(text);
      expect(c.type).toBe(type);
      for (const s of signs) expect(c.signs).toContain(s);
      expect(c.reasons.length).toBeGreaterThan(0);
    });
  it('feature work requires every discipline; copy only the deploy checklist', () => {
    expect(classifyDescription('new dashboard page').disciplines).toEqual({
      lock: 'required',
      runbook: 'required',
      tests: 'required',
      deployChecklist: 'required',
    });
    expect(classifyDescription('fix typo in the footer copy').disciplines.lock).toBe('skip');
  });
});

describe('classify a diff', () => {
  let repo: Repo;
  afterEach(() => repo?.cleanup());
  it('sees migrations, new routes and components, and layers', () => {
    repo = makeRepo({ 'src/server/api.ts': '1' });
    repo.write({
      'db/migrations/001_add_prefs.sql': 'ALTER TABLE',
      'app/routes/settings.tsx': 'x',
      'src/components/Toggle.tsx': 'x',
      'src/server/api.ts': '2',
    });
    repo.commit('feature');
    const r = classify({ cwd: repo.dir, diff: 'HEAD~1..HEAD' });
    expect(r.type).toBe('feature');
    expect(r.signs).toEqual(['schema-migration', 'new-ui-surface', 'three-layers']);
    expect(r.source).toMatchObject({ files: 4 });
    expect(r.reasons[0]!.text).toContain('db/migrations/001_add_prefs.sql');
  });
  it('a change to existing code in one layer is a bug fix; a bad range is a clear error', () => {
    repo = makeRepo({ 'src/server/api.ts': '1' });
    repo.write({ 'src/server/api.ts': '2' });
    repo.commit('fix');
    expect(classify({ cwd: repo.dir, diff: 'HEAD~1' }).type).toBe('bugfix');
    expect(() => classify({ cwd: repo.dir, diff: 'nope..HEAD' })).toThrow(/git diff nope..HEAD failed/);
  });
});
