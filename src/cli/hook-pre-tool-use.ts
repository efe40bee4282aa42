// `killdate hook pre-tool-use`: the Claude Code PreToolUse scope guard. Runs on every agent
// edit, so bin.ts loads it before commander, zod or markdown-it: it reads the hook JSON on
// stdin and active-task.json, and matches with picomatch. Exit 0 allows, 2 blocks (stderr is
// fed back to the model), 1 is a non-blocking error shown to the user.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { scopeGuard, targetVerdict } from '../core/scope.js';
import { ActiveTaskUnreadable, readActiveTask } from '../workspace/active-task.js';
import { insideRepo, realTarget } from '../workspace/paths.js';

const EDIT_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);

interface HookInput {
  cwd?: string;
  tool_name?: string;
  tool_input?: { file_path?: unknown; notebook_path?: unknown; edits?: unknown };
}

export async function preToolUse(stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const text = await readAll(stdin);
  let input: HookInput | undefined;
  try {
    input = JSON.parse(text);
  } catch {
    input = undefined;
  }
  const cwd = typeof input?.cwd === 'string' ? input.cwd : process.env.CLAUDE_PROJECT_DIR || process.cwd();
  const root = gitRoot(cwd);
  try {
    const task = root ? readActiveTask(root) : undefined;
    if (!input || typeof input !== 'object') {
      const msg = 'killdate hook pre-tool-use: stdin is not the JSON a PreToolUse hook receives';
      return fail(task ? `${msg}; blocked because a task is active` : msg, task ? 2 : 1);
    }
    if (!task || !root) return 0;
    return verdict(input, root, cwd, task.files, task);
  } catch (e) {
    const why = e instanceof ActiveTaskUnreadable ? e.message : `internal error: ${(e as Error).message}`;
    return fail(`killdate scope guard: ${why}; blocked (fail closed while a task may be active)`, 2);
  }
}

function verdict(
  input: HookInput,
  root: string,
  cwd: string,
  files: string[],
  task: { testPairing: Record<string, string | string[]>; manifests?: string[]; task: string },
): number {
  const targets = targetsOf(input.tool_input);
  if (targets.length === 0)
    return EDIT_TOOLS.has(input.tool_name ?? '')
      ? fail(`killdate scope guard: ${input.tool_name} gave no file path to check; blocked`, 2)
      : 0;
  const guard = scopeGuard({
    files,
    testPairing: task.testPairing,
    manifests: task.manifests,
  });
  const realRoot = realTarget(root);
  for (const target of targets) {
    const rel = insideRepo(realRoot, realTarget(resolve(cwd, target)));
    const reason = targetVerdict(guard, rel, target);
    if (reason) return fail(`${reason} (task ${task.task}); ask the planner to amend the runbook first`, 2);
  }
  return 0;
}

function targetsOf(toolInput: HookInput['tool_input']): string[] {
  if (!toolInput || typeof toolInput !== 'object') return [];
  const out: string[] = [];
  for (const p of [toolInput.file_path, toolInput.notebook_path]) if (typeof p === 'string' && p) out.push(p);
  if (Array.isArray(toolInput.edits))
    for (const e of toolInput.edits)
      if (e && typeof e.file_path === 'string' && e.file_path) out.push(e.file_path);
  return out;
}

function gitRoot(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(`${dir}/.git`)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function fail(message: string, code: number): number {
  process.stderr.write(`${message.replace(/\s+/g, ' ')}\n`);
  return code;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
