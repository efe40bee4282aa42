// Fixtures for the gates benchmarks, built once under bench/.work/ (git-ignored):
// - hook: a repo whose active task (JSON and task ref) has 50 FILES globs, and a hook input on disk;
// - scope: a repo with 10,000 changed files since the base and an active task of 1,000 globs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const work = join(dirname(fileURLToPath(import.meta.url)), '.work');

function repo(dir) {
  mkdirSync(dir, { recursive: true });
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  if (!existsSync(join(dir, '.git'))) {
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'bench');
    git('config', 'user.email', 'bench@example.com');
  }
  return git;
}

function activate(dir, files, base) {
  mkdirSync(join(dir, '.killdate'), { recursive: true });
  writeFileSync(join(dir, '.killdate/.gitignore'), '*\n');
  const task = {
    version: 1,
    feature: 'bench',
    task: '01-bench',
    runbook: 'r.md',
    base,
    branch: 'main',
    startedAt: '',
    files,
    testPairing: {},
  };
  writeFileSync(join(dir, '.killdate/active-task.json'), JSON.stringify(task));
  taskRef(dir, task);
}

/** The task ref `killdate task start` writes beside the JSON: the hook compares the two. */
function taskRef(dir, task) {
  const { version, startedAt, ...record } = task;
  const tag = `object ${task.base}\ntype commit\ntag killdate-task-bench\ntagger killdate <killdate@localhost> 0 +0000\n\n${JSON.stringify(record)}\n`;
  const sha = execFileSync('git', ['mktag'], { cwd: dir, input: tag }).toString().trim();
  execFileSync('git', ['update-ref', `refs/killdate/tasks/${task.feature}/${task.task}`, sha], { cwd: dir });
}

/** A fixture built before the task ref existed gets its ref. */
function withRef(dir) {
  if (!existsSync(join(dir, '.git/refs/killdate/tasks/bench/01-bench')))
    taskRef(dir, JSON.parse(readFileSync(join(dir, '.killdate/active-task.json'), 'utf8')));
}

/** The hook fixture: returns { dir, input, codex }: hook JSON files of an allowed Claude Code Write and Codex apply_patch. */
export function hookFixture() {
  const dir = join(work, 'gates-hook');
  const input = join(dir, 'hook-input.json');
  if (!existsSync(input)) {
    const git = repo(dir);
    writeFileSync(join(dir, 'README.md'), '# bench\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    const files = Array.from({ length: 50 }, (_, i) => `src/mod${i}/**/*.{ts,tsx}`);
    activate(dir, files, git('rev-parse', 'HEAD').toString().trim());
    const target = join(dir, 'src/mod37/deep/form.tsx');
    writeFileSync(
      input,
      JSON.stringify({
        cwd: dir,
        hook_event_name: 'PreToolUse',
        tool_name: 'Write',
        tool_input: { file_path: target, content: 'x' },
      }),
    );
  }
  withRef(dir);
  const codex = join(dir, 'hook-input-codex.json');
  if (!existsSync(codex)) {
    const patch =
      '*** Begin Patch\n*** Add File: src/mod12/deep/view.tsx\n+x\n*** Update File: src/mod37/deep/form.tsx\n+y\n*** End Patch\n';
    writeFileSync(
      codex,
      JSON.stringify({
        cwd: dir,
        hook_event_name: 'PreToolUse',
        tool_name: 'apply_patch',
        tool_input: { command: patch },
      }),
    );
  }
  return { dir, input, codex };
}

/** The scope fixture: 10,000 files modified since the base, FILES of 1,000 globs. */
export function scopeFixture() {
  const dir = join(work, 'gates-scope');
  if (!existsSync(join(dir, '.killdate/active-task.json'))) {
    const git = repo(dir);
    for (let i = 0; i < 10_000; i++) {
      const d = join(dir, `src/mod${i % 1000}/part${i % 7}`);
      mkdirSync(d, { recursive: true });
      writeFileSync(join(d, `file${i}.ts`), `export const v${i} = 1;\n`);
    }
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    const base = git('rev-parse', 'HEAD').toString().trim();
    for (let i = 0; i < 10_000; i++)
      writeFileSync(join(dir, `src/mod${i % 1000}/part${i % 7}/file${i}.ts`), `export const v${i} = 2;\n`);
    activate(
      dir,
      Array.from({ length: 1000 }, (_, i) => `src/mod${i}/**/*.ts`),
      base,
    );
  }
  withRef(dir);
  return { dir };
}
