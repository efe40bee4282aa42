// The scope guard part of the demo: start task 1 of a ready feature, change one path inside
// its FILES and one outside, let `scope` report the outside one, feed the PreToolUse hook the
// JSON Claude Code sends (outside: refused, inside: allowed), then undo both edits and stop
// the task, so the repo is left clean with no active task.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scope } from '../api/scope.js';
import { taskStart, taskStop } from '../api/task.js';
import { ACTIVE_TASK_FILE } from '../workspace/active-task.js';
import { type DemoSection, type DemoStep, statusStep } from './gates.js';

/** A path the runbooks of overdue-badges keep out of every task (gate 2 OUT). */
const OUTSIDE = 'src/money.js';

export async function scopeGuardDemo(
  root: string,
  opts: { feature: string; task: string; today?: string; bin?: string },
): Promise<{ section: DemoSection; task: string }> {
  const task = taskStart({ cwd: root, feature: opts.feature, task: opts.task, today: opts.today });
  const steps: DemoStep[] = [
    {
      command: `killdate task start ${opts.feature} ${opts.task}`,
      exit: 0,
      lines: [`task ${task.task} active from ${task.base.slice(0, 7)}; FILES ${task.files.join(', ')}`],
    },
  ];
  steps.push(await statusStep(root, opts.today, opts.feature));
  const inside = task.files.find((f) => !/[*?[\]{}!]/.test(f) && !f.endsWith('/')) ?? task.files[0]!;
  const edits = [inside, OUTSIDE].map((path) => ({ path, before: readOrUndefined(join(root, path)) }));
  for (const e of edits) writeFileSync(join(root, e.path), `${e.before ?? ''}// a demo edit\n`);
  steps.push({
    command: `# an agent edits ${inside} (in FILES) and ${OUTSIDE} (not in FILES)`,
    exit: 0,
    lines: [],
  });
  steps.push(await scopeStep(root));
  const bin = opts.bin ?? killdateEntry();
  for (const path of [OUTSIDE, inside]) steps.push(hookStep(root, path, bin));
  for (const e of edits)
    if (e.before === undefined) rmSync(join(root, e.path), { force: true });
    else writeFileSync(join(root, e.path), e.before);
  const created = edits.filter((e) => e.before === undefined).map((e) => e.path);
  const undo = `git checkout -- ${edits
    .map((e) => e.path)
    .filter((p) => !created.includes(p))
    .join(' ')}`;
  steps.push({
    command: created.length ? `${undo} && rm ${created.join(' ')}` : undo,
    exit: 0,
    lines: ['both edits undone'],
  });
  const stopped = taskStop({ cwd: root }).stopped;
  steps.push({
    command: 'killdate task stop',
    exit: 0,
    lines: [`task ${stopped?.task ?? task.task} stopped: ${ACTIVE_TASK_FILE} removed`],
  });
  steps.push(await statusStep(root, opts.today, opts.feature));
  return { section: { title: 'The scope guard', steps }, task: task.task };
}

async function scopeStep(root: string): Promise<DemoStep> {
  const r = await scope({ cwd: root });
  const lines = r.violations.map((v) => `${v.kind}  ${v.path}  ${v.message}`);
  lines.push(
    r.violations.length
      ? `${r.violations.length} path(s) out of scope of ${r.checked} changed`
      : `in scope (${r.checked} changed path(s))`,
  );
  return { command: 'killdate scope', exit: r.ok && r.invalid.length === 0 ? 0 : 1, lines };
}

/** Runs `killdate hook pre-tool-use` with the JSON Claude Code writes on its stdin before an Edit. */
function hookStep(root: string, path: string, bin: string | undefined): DemoStep {
  const command = `killdate hook pre-tool-use  < Claude Code's PreToolUse JSON: Edit ${path}`;
  if (!bin) return { command, exit: 0, lines: ['not run: no built killdate found (npm run build)'] };
  const input = {
    session_id: 'quillbill-demo',
    transcript_path: join(root, '.killdate', 'demo-transcript.jsonl'),
    cwd: root,
    hook_event_name: 'PreToolUse',
    tool_name: 'Edit',
    tool_input: { file_path: join(root, path), old_string: '\n', new_string: '\n// an edit\n' },
  };
  const r = spawnSync(process.execPath, [bin, 'hook', 'pre-tool-use'], {
    cwd: root,
    input: JSON.stringify(input),
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1', CLAUDE_PROJECT_DIR: root },
  });
  const said = (r.stderr ?? '').trim().split('\n').filter(Boolean);
  const exit = r.status ?? 1;
  const verdict =
    exit === 2
      ? 'exit 2: Claude Code blocks the edit and shows the model why'
      : exit === 0
        ? 'exit 0: the edit goes ahead'
        : `exit ${exit}`;
  return { command, exit, lines: [...said, verdict] };
}

/** The killdate entry file next to this module: dist/killdate.js from the bundle or from source. */
function killdateEntry(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    for (const candidate of [join(dir, 'killdate.js'), join(dir, 'dist', 'killdate.js')])
      if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
