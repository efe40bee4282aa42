// FILES means what it says, replayed on real git repos through scope, the built CLI's
// PreToolUse hook and check: Next.js and scoped paths are paths, a literal entry is a file
// (not a folder prefix), `\` escapes, and a pathological glob finishes.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { check } from '../../src/api/check.js';
import { scope } from '../../src/api/scope.js';
import { writeActiveTask } from '../../src/workspace/active-task.js';
import { makeRepo, type Repo, runCli } from '../gates/repo.js';
import { TODAY } from '../helpers/dates.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

function activate(files: string[]) {
  writeActiveTask(repo.dir, {
    version: 1,
    feature: 'site',
    task: '01-pages',
    runbook: 'feature-builds/site/runbook-01-pages.md',
    base: repo.git('rev-parse', 'HEAD').trim(),
    branch: 'main',
    startedAt: `${TODAY}T10:00:00Z`,
    files,
    testPairing: {},
  });
}

const FILES = [
  'app/(marketing)/about/page.tsx',
  'app/posts/[slug]/page.tsx',
  'pages/[...all].vue',
  'src/@scope/x.js',
  'src/flags.js',
  'src/*a*a*a*a*a*a*a*a*a*a*b',
  'docs/\\*.md',
];

const hook = (path: string) =>
  runCli(
    repo.dir,
    ['hook', 'pre-tool-use'],
    JSON.stringify({
      cwd: repo.dir,
      tool_name: 'Write',
      tool_input: { file_path: join(repo.dir, path), content: 'x' },
    }),
  );

describe('FILES means what it says', () => {
  it('scope and the hook: the named files pass, siblings nobody named and paths under a file do not', async () => {
    repo = makeRepo({ 'README.md': 'x\n' });
    activate(FILES);
    const named = [
      'app/(marketing)/about/page.tsx',
      'app/posts/[slug]/page.tsx',
      'pages/[...all].vue',
      'src/@scope/x.js',
      'src/flags.js',
      'docs/*.md',
    ];
    const unnamed = [
      'app/marketing/about/page.tsx',
      'app/posts/s/page.tsx',
      'pages/a.vue',
      `src/${'a'.repeat(45)}`,
      'docs/guide.md',
    ];
    repo.write(Object.fromEntries([...named, ...unnamed].map((p) => [p, 'x\n'])));
    const r = await scope({ cwd: repo.dir });
    expect(r.violations.map((v) => v.path).sort()).toEqual([...unnamed].sort());
    for (const p of named) expect(hook(p).status, p).toBe(0);
    // a file is not a folder: the hook refuses a path under it
    for (const p of ['app/marketing/about/page.tsx', 'src/flags.js/inner.js', `src/${'a'.repeat(45)}`])
      expect(hook(p).status, p).toBe(2);
    expect(hook(`src/${'a'.repeat(44)}b`).status).toBe(0); // what the glob does name
  });

  it('check warns when an entry is both a glob and an existing path, and accepts Next.js paths', () => {
    repo = makeRepo({
      'notes/*.md': 'a file named with a star\n',
      'feature-builds/site/runbook-01-pages.md': `# Runbook: pages

## FILES

\`\`\`
notes/*.md
app/(marketing)/about/page.tsx
app/posts/[slug]/page.tsx
\`\`\`
`,
    });
    const found = check({ cwd: repo.dir, today: TODAY }).findings.filter((f) =>
      f.rule.startsWith('runbook/files-glob'),
    );
    expect(found).toEqual([
      expect.objectContaining({ rule: 'runbook/files-glob-path', severity: 'warning', line: 6 }),
    ]);
    expect(found[0]!.message).toContain('notes/\\*.md');
  });
});
