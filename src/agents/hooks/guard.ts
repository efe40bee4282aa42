// The tool-call guard every agent's before-write and before-shell hook runs. Task or no task,
// it refuses a shell command that invokes a human act, a write to killdate's records or an
// agent's hook files, and a write whose text or name holds a secret to a file git would commit.
// During a task it refuses a write outside FILES, checking the target against every enclosing
// repo with an active task and against the project's repo (found from the agent's project-dir
// variable, never from the hook's cwd), and fails closed on input it cannot read. The task is re-derived from its git ref (src/workspace/guard-state.ts), never
// taken from .killdate/ alone. node:fs only in the usual case (git only once a secret is found):
// this runs on every tool call.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { protectedWhat } from '../../core/protected-paths.js';
import { scopeGuard, targetVerdict } from '../../core/scope.js';
import { agentWithoutHooksIn, humanActIn, taskCommandIn } from '../../core/shell-acts.js';
import { type ActiveTask, ActiveTaskUnreadable } from '../../workspace/active-task.js';
import { gitEnv } from '../../workspace/git-env.js';
import { guardState } from '../../workspace/guard-state.js';
import { insideRepo, realTarget } from '../../workspace/paths.js';
import { knownSecrets, redact } from '../redact.js';
import { kindShown, secretsInText } from '../secrets-in-files.js';
import { type HookCall, shellCommand, unreadPatchLine, writeTargets, writtenTexts } from './input.js';
import type { AgentHooks } from './table.js';

/** undefined allows; a string is the refusal the model reads. */
export type GuardVerdict = string | undefined;

/** Every folder from `dir` up that holds a `.git` (a repo, a submodule or a worktree), innermost first. */
export function enclosingRepos(dir: string): string[] {
  const out: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(`${d}/.git`)) out.push(d);
    if (dirname(d) === d) return out;
  }
}

/**
 * The active task of `root` (the one place that reads it): the task ref's values when
 * .killdate/active-task.json differs from them; its deletion while the ref exists blocks.
 */
function activeTaskAt(root: string): ActiveTask | undefined {
  const state = guardState(root);
  if (state?.missing)
    throw new ActiveTaskUnreadable(`${state.tampered[0]} (task ${state.task.task} of ${state.task.feature})`);
  return state?.task;
}

/** The project folder: the agent's project-dir variable, else the session folder, else cwd. */
export function projectDir(agent: AgentHooks, call: HookCall | undefined, env: NodeJS.ProcessEnv): string {
  for (const v of agent.projectDirEnv) if (env[v]) return env[v] as string;
  return call?.cwd ?? process.cwd();
}

/** The first active task among `roots` (a damaged one throws ActiveTaskUnreadable). */
function anyTask(roots: string[]): ActiveTask | undefined {
  for (const r of roots) {
    const t = activeTaskAt(r);
    if (t) return t;
  }
  return undefined;
}

export function guardToolCall(
  agent: AgentHooks,
  call: HookCall | undefined,
  env: NodeJS.ProcessEnv,
  shellEvent: boolean,
): GuardVerdict {
  const project = projectDir(agent, call, env);
  try {
    if (!call || (!call.tool && !shellEvent)) {
      const task = anyTask(enclosingRepos(project));
      return task
        ? `killdate guard: the hook input names no tool; blocked while task ${task.task} is active`
        : undefined;
    }
    if (agent.shellTools.includes(call.tool ?? '')) return shellVerdict(agent, call, project, env);
    if (agent.writeTools.includes(call.tool ?? '')) return writeVerdict(agent, call, project, env);
    return undefined;
  } catch (e) {
    const why = e instanceof ActiveTaskUnreadable ? e.message : `internal error: ${(e as Error).message}`;
    return `killdate guard: ${why}; blocked (fail closed while a task may be active)`;
  }
}

function shellVerdict(
  agent: AgentHooks,
  call: HookCall,
  project: string,
  env: NodeJS.ProcessEnv,
): GuardVerdict {
  const command = shellCommand(call.input) ?? '';
  const act = humanActIn(command);
  if (act) return `killdate guard: \`killdate ${act}\` is a human act; an agent may not run it`;
  // Codex applies a patch given to its shell tool (`apply_patch <<'EOF'`) itself: a write
  if (command.includes('*** Begin Patch')) {
    const write = writeVerdict(agent, { ...call, input: { command } }, project, env);
    if (write) return write;
  }
  const taskCommand = taskCommandIn(command);
  const unhooked = agentWithoutHooksIn(command);
  const task =
    taskCommand || unhooked
      ? (anyTask(enclosingRepos(call.cwd ?? project)) ?? anyTask(enclosingRepos(project)))
      : undefined;
  if (!task) return undefined;
  if (taskCommand)
    return `killdate guard: \`killdate ${taskCommand}\` would end the guard of task ${task.task}; an agent may not run it`;
  // the flag's value is the agent's text: a key in it is not repeated
  const shown = redact(unhooked ?? '', knownSecrets(env));
  return `killdate guard: \`${shown}\` starts an agent without killdate's hooks while task ${task.task} is active; an agent may not run it`;
}

function writeVerdict(
  agent: AgentHooks,
  call: HookCall,
  project: string,
  env: NodeJS.ProcessEnv,
): GuardVerdict {
  const unread = unreadPatchLine(call.input);
  if (unread)
    return `killdate guard: the patch has a line killdate cannot read as a header (${unread}); blocked`;
  const targets = writeTargets(call.input).map((t) => asTheAgentReads(agent, t));
  // the agents drop or stop at characters like these (Gemini removes NUL): the guard would check another path
  if (targets.some((t) => CONTROL.test(t)))
    return `killdate guard: ${call.tool} names a path with a control character; blocked`;
  const base = call.cwd ?? project;
  if (targets.length === 0) {
    const task = anyTask(enclosingRepos(project));
    return task
      ? `killdate guard: ${call.tool} gave no file path to check; blocked (task ${task.task})`
      : undefined;
  }
  const projectRepo = enclosingRepos(project)[0];
  const guards = new Map<string, Guarded | undefined>(); // one read per repo, however many targets
  for (const target of targets) {
    const reason = targetReason(realTarget(resolve(base, target)), target, projectRepo, guards);
    if (reason) return reason;
  }
  return secretReason(agent, call, targets, base, env);
}

/**
 * A secret in the text a write adds or in the file's name (a key in its own format, a private
 * key, a secret value of the agent's environment, a labelled value that looks random), unless
 * the file is one git ignores or is outside any repo: what git would never commit.
 */
function secretReason(
  agent: AgentHooks,
  call: HookCall,
  targets: string[],
  base: string,
  env: NodeJS.ProcessEnv,
): GuardVerdict {
  let known: string[] | undefined;
  for (const target of targets) {
    // a name is read for keys in their own formats: a variable's value in a name is far-fetched
    const found = target.length < SHORTEST_SECRET ? undefined : secretsInText(target)[0];
    if (found && committable(realTarget(resolve(base, target))))
      return `killdate guard: the name of the file ${call.tool} writes holds a secret (${kindShown(found.kind)}); blocked`;
  }
  for (const w of writtenTexts(call.input)) {
    if (w.text.length < SHORTEST_SECRET) continue;
    known ??= knownSecrets(env, { inFiles: true });
    const found = secretsInText(w.text, known)[0];
    if (!found) continue;
    const target = w.path ? asTheAgentReads(agent, w.path) : targets[0]!;
    if (committable(realTarget(resolve(base, target))))
      return `killdate guard: the text ${call.tool} writes to ${target} holds a secret (${kindShown(found.kind)}); blocked`;
  }
  return undefined;
}

/** No key format and no secret value is shorter (a variable's value counts from 8 characters). */
const SHORTEST_SECRET = 8;

/** Inside a repo and not ignored by git (a tracked file never is): a file a commit could take. */
function committable(real: string): boolean {
  const repo = enclosingRepos(dirname(real))[0];
  if (!repo) return false;
  const rel = insideRepo(realTarget(repo), real);
  if (rel === null) return false;
  // child_process loads here only, when a write holds a secret: not on every tool call
  const r = process
    .getBuiltinModule('node:child_process')
    .spawnSync('git', ['check-ignore', '-q', '--', rel], { cwd: repo, env: gitEnv() });
  return r.status !== 0;
}

type Guarded = { task: ActiveTask; guard: ReturnType<typeof scopeGuard> };

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;

/** A path as the agent itself reads it: Gemini drops a leading `@`, Codex expands `~/`. */
function asTheAgentReads(agent: AgentHooks, path: string): string {
  if (agent.id === 'gemini' && path.startsWith('@')) return path.slice(1);
  if (path.startsWith('~/')) return join(homedir(), path.slice(2));
  return path;
}

/** One target against killdate's records and every repo with an active task that it is in, or the project's. */
function targetReason(
  real: string,
  display: string,
  projectRepo: string | undefined,
  guards: Map<string, Guarded | undefined>,
): GuardVerdict {
  const repos = enclosingRepos(dirname(real));
  if (projectRepo && !repos.includes(projectRepo)) repos.push(projectRepo);
  for (const root of repos) {
    const rel = insideRepo(realTarget(root), real);
    const what = rel === null ? undefined : protectedWhat(rel);
    if (what) return `killdate guard: ${rel} is ${what}; an agent may not write it`;
  }
  for (const root of repos) {
    if (!guards.has(root)) {
      const task = activeTaskAt(root);
      guards.set(root, task && { task, guard: scopeGuard(task) });
    }
    const g = guards.get(root);
    if (!g) continue;
    const reason = targetVerdict(g.guard, insideRepo(realTarget(root), real), display);
    if (reason) return `${reason} (task ${g.task.task}); ask the planner to amend the runbook first`;
  }
  return undefined;
}
