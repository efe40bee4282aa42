// Fixtures and cases for the handoff-loop benchmarks, built once under bench/.work/ from the
// demo (its overdue-badges feature, signed to CP-3 by the demo's gates part):
// - overhead: one ready feature whose executor appends a blank line to a file in FILES (a task
//   that changes nothing fails) and whose VALIDATE is a no-op (`sh -c :`): the wall time of
//   `killdate run` is the loop's own cost per task;
// - parallel: four ready features whose executor is `sleep 1`, run with --all in four
//   worktrees, against one such feature run the same way alone.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kase } from './case.mjs';

const work = join(dirname(fileURLToPath(import.meta.url)), '.work');
const FEATURE = 'feature-builds/overdue-badges';

const git = (cwd, ...args) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** A demo repo where overdue-badges (and `copies` more features like it) are ready, with a no-op VALIDATE. */
function loopFixture(node, bin, name, { executor, copies = 0 }) {
  const dir = join(work, name);
  if (existsSync(join(dir, '.git'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  execFileSync(node, [bin, 'demo', '--dir', dir, '--no-loop'], { stdio: 'ignore' });
  git(dir, 'config', 'user.name', 'bench');
  git(dir, 'config', 'user.email', 'bench@example.com');
  const slugs = ['overdue-badges'];
  for (let i = 1; i <= copies; i++) {
    const slug = `badges-${i}`;
    cpSync(join(dir, FEATURE), join(dir, 'feature-builds', slug), { recursive: true });
    rmSync(join(dir, 'feature-builds', slug, 'SIGNOFFS.md'), { force: true });
    for (const f of ['PRE-BUILD-LOCK.md', 'runbook-01-days-overdue.md', 'runbook-02-list-badge.md']) {
      const p = join(dir, 'feature-builds', slug, f);
      writeFileSync(p, readFileSync(p, 'utf8').replaceAll('overdue-badges', slug));
    }
    slugs.push(slug);
  }
  for (const slug of slugs)
    for (const rb of ['runbook-01-days-overdue.md', 'runbook-02-list-badge.md']) {
      const p = join(dir, 'feature-builds', slug, rb);
      writeFileSync(p, readFileSync(p, 'utf8').replace(/`(node --test[^`]*|npm test)`/g, '`sh -c :`'));
    }
  for (const slug of slugs)
    for (const cp of slug === 'overdue-badges' ? ['cp3'] : ['cp0', 'cp1', 'cp2', 'cp3'])
      execFileSync(node, [bin, 'signoff', slug, cp, '--yes', '-C', dir], { stdio: 'ignore' });
  writeFileSync(
    join(dir, 'killdate.config.yaml'),
    `${readFileSync(join(dir, 'killdate.config.yaml'), 'utf8')}
agents:
  executor: noop
  planner: noop
  settings:
    noop: ${JSON.stringify(executor)}
run:
  concurrency: 4
`,
  );
  git(dir, 'add', '-A');
  git(
    dir,
    '-c',
    'commit.gpgsign=false',
    'commit',
    '-q',
    '--no-verify',
    '-m',
    'bench: ready features, no-op VALIDATE',
  );
  return dir;
}

/**
 * Back to before any run: no REVIEW.md, no worktrees, no killdate branches, no run state (its
 * copies in git too: the run refs and the ledger's, so no bench run measures the ones before).
 */
function reset(dir) {
  for (const f of git(dir, 'ls-files', '--others', '--exclude-standard', 'feature-builds').split('\n'))
    if (f.endsWith('/REVIEW.md')) rmSync(join(dir, f), { force: true });
  rmSync(join(dir, '.killdate'), { recursive: true, force: true });
  const refs = git(
    dir,
    'for-each-ref',
    '--format=delete %(refname)',
    'refs/killdate/',
    'refs/worktree/killdate/',
  );
  if (refs) execFileSync('git', ['update-ref', '--stdin'], { cwd: dir, input: refs });
  git(dir, 'worktree', 'prune');
  for (const b of git(dir, 'branch', '--list', 'killdate/*', 'feature/*', '--format=%(refname:short)').split(
    '\n',
  ))
    if (b) git(dir, 'branch', '-q', '-D', b);
}

export const loopCases = [
  kase('run: one task, one-line agent edit, no-op VALIDATE (loop overhead)', ({ node, bin }) => {
    // the smallest real edit: a task that changes nothing fails its `changes` check
    const executor = { bin: 'sh', extraArgs: ['-c', 'echo >> test/overdue.test.js'] };
    const dir = loopFixture(node, bin, 'loop-edit', { executor });
    return {
      argv: [node, bin, 'run', 'overdue-badges', '--json', '-C', dir],
      before: () => reset(dir),
      baseline: { name: 'killdate --version (node start)', argv: [node, bin, '--version'] },
      report: () => {
        const script = join(dirname(fileURLToPath(import.meta.url)), 'loop-overhead.mjs');
        const ms = execFileSync(node, [script, dir, '7'], { encoding: 'utf8' }).trim();
        return `loop overhead per task, in process (brief, executor spawn, review, two no-op VALIDATE, REVIEW.md): ${ms} ms median (target < 150 ms)`;
      },
    };
  }),
  kase('run --all: 4 features, sleep 1 agents, 4 worktrees', ({ node, bin }) => {
    const sleep = { bin: 'sleep', extraArgs: ['1'] };
    const one = loopFixture(node, bin, 'loop-sleep-1', { executor: sleep });
    const four = loopFixture(node, bin, 'loop-sleep-4', { executor: sleep, copies: 3 });
    return {
      argv: [node, bin, 'run', '--all', '--json', '-C', four],
      before: () => {
        reset(four);
        reset(one);
      },
      baseline: {
        name: 'run --all: 1 feature alone',
        argv: [node, bin, 'run', '--all', '--json', '-C', one],
      },
      targets: { ratio: 1.3 },
    };
  }),
];
