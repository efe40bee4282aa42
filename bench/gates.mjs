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

function activate(dir, files, base, record = {}) {
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
  taskRef(dir, { ...task, ...record });
}

/** The runbook killdate stores in git at the start (a blob, not a file of the tree): its FILES. */
function runbookBlob(dir, files) {
  const text = `# Runbook: bench\n\n## FILES\n\n\`\`\`\n${files.join('\n')}\n\`\`\`\n`;
  return execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, input: text }).toString().trim();
}

/** The task ref `killdate task start` writes beside the JSON: the hook compares the two. */
function taskRef(dir, task) {
  const { version, startedAt, ...record } = task;
  const tag = `object ${task.base}\ntype commit\ntag killdate-task-bench\ntagger killdate <killdate@localhost> 0 +0000\n\n${JSON.stringify(record)}\n`;
  const sha = execFileSync('git', ['mktag'], { cwd: dir, input: tag }).toString().trim();
  execFileSync('git', ['update-ref', `refs/killdate/tasks/${task.feature}/${task.task}`, sha], { cwd: dir });
}

const REF = '.git/refs/killdate/tasks/bench/01-bench';

/** A fixture built before the task ref existed gets its ref. */
function withRef(dir) {
  if (existsSync(join(dir, REF))) return;
  taskRef(dir, JSON.parse(readFileSync(join(dir, '.killdate/active-task.json'), 'utf8')));
}

/** Whether the fixture's task ref records the git state (one built before it did does not). */
function recordsGitState(dir) {
  if (!existsSync(join(dir, REF))) return false;
  const tag = execFileSync('git', ['cat-file', '-p', readFileSync(join(dir, REF), 'utf8').trim()], {
    cwd: dir,
  });
  return tag.includes('"gitState"');
}

/** The hook fixture: returns { dir, input, codex }: hook JSON files of an allowed Claude Code Write and Codex apply_patch. */
export function hookFixture() {
  const dir = join(work, 'gates-hook');
  const input = join(dir, 'hook-input.json');
  // FILES entries are paths and `*`/`**` globs (braces are literal): the targets are .tsx files
  const files = Array.from({ length: 50 }, (_, i) => `src/mod${i}/**/*.tsx`);
  if (
    existsSync(input) &&
    readFileSync(join(dir, '.killdate/active-task.json'), 'utf8').includes('{ts,tsx}')
  ) {
    const base = repo(dir)('rev-parse', 'HEAD').toString().trim();
    activate(dir, files, base); // a fixture made with brace globs, which match nothing now
  }
  if (!existsSync(input)) {
    const git = repo(dir);
    writeFileSync(join(dir, 'README.md'), '# bench\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
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

/**
 * The scope fixture: 10,000 files modified since the base, FILES of 1,000 globs, and a task ref
 * that records the git state (as `task start` does, so scope also asks for ignored changes).
 */
export async function scopeFixture() {
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
    const files = Array.from({ length: 1000 }, (_, i) => `src/mod${i}/**/*.ts`);
    activate(dir, files, base);
  }
  if (!recordsGitState(dir)) {
    const task = JSON.parse(readFileSync(join(dir, '.killdate/active-task.json'), 'utf8'));
    const { snapshotGitState } = await import('../dist/index.mjs');
    taskRef(dir, { ...task, runbookBlob: runbookBlob(dir, task.files), gitState: snapshotGitState(dir) });
  }
  return { dir };
}

/**
 * The ignored-paths fixture: a node_modules/ of 50,000 files (2,500 packages) git ignores, 10
 * source files changed, an active task whose ref records the git state, and 5 files in
 * node_modules/ written after it (what scope lists).
 */
export async function ignoredFixture() {
  const dir = join(work, 'gates-ignored');
  if (!existsSync(join(dir, '.killdate/active-task.json'))) {
    const git = repo(dir);
    for (let i = 0; i < 100; i++) {
      mkdirSync(join(dir, `src/m${i % 10}`), { recursive: true });
      writeFileSync(join(dir, `src/m${i % 10}/f${i}.ts`), `export const v${i} = 1;\n`);
    }
    writeFileSync(join(dir, '.gitignore'), 'node_modules/\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    const base = git('rev-parse', 'HEAD').toString().trim();
    for (let p = 0; p < 2500; p++) {
      const d = join(dir, `node_modules/pkg${p}/lib`);
      mkdirSync(d, { recursive: true });
      for (let f = 0; f < 20; f++) writeFileSync(join(d, `f${f}.js`), `module.exports = ${f};\n`);
    }
    for (let i = 0; i < 10; i++) writeFileSync(join(dir, `src/m${i}/f${i}.ts`), `export const v${i} = 2;\n`);
    const { snapshotGitState } = await import('../dist/index.mjs');
    const gitState = snapshotGitState(dir);
    const files = ['src/**'];
    activate(dir, files, base, { runbookBlob: runbookBlob(dir, files), gitState });
    await new Promise((r) => setTimeout(r, 50));
    for (let p = 0; p < 5; p++) writeFileSync(join(dir, `node_modules/pkg${p * 400}/lib/f0.js`), 'patched\n');
  }
  return { dir };
}
