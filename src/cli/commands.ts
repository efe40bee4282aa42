// The command table: name, one-line summary, and the module that registers it. Modules load
// only when their command runs, so an agent hook pays for one command, not all of them.
import type { Command } from 'commander';

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<{ register(program: Command): void }>;
}

/** The four decisions share one module; each entry registers only its own command. */
const decision = (name: string) => () =>
  import('./commands/decide.js').then((m) => ({ register: (p: Command) => m.registerDecision(p, name) }));

export const commands: CommandEntry[] = [
  {
    name: 'init',
    summary: 'Scaffold the method in a repo (never overwrites)',
    load: () => import('./commands/init.js'),
  },
  { name: 'check', summary: 'Validate every method document', load: () => import('./commands/check.js') },
  { name: 'rules', summary: 'List the rules check applies', load: () => import('./commands/rules.js') },
  {
    name: 'demo',
    summary: 'Build the example workspace and check it',
    load: () => import('./commands/demo.js'),
  },
  { name: 'task', summary: 'Start or stop the active task', load: () => import('./commands/task.js') },
  {
    name: 'run',
    summary: 'Run the next task of a ready feature through the review',
    load: () => import('./commands/run.js'),
  },
  {
    name: 'runs',
    summary: 'List task runs: status, duration, tokens, cost',
    load: () => import('./commands/runs.js'),
  },
  {
    name: 'resume',
    summary: 'Pick up an interrupted or failed task run',
    load: () => import('./commands/resume.js'),
  },
  {
    name: 'approve',
    summary: 'Approve a task (recorded in REVIEW.md)',
    load: decision('approve'),
  },
  { name: 'reject', summary: 'Reject a task with a reason', load: decision('reject') },
  { name: 'revert', summary: "Undo exactly a task's changes", load: decision('revert') },
  {
    name: 'accept',
    summary: "Accept a task's failed checks with a reason",
    load: decision('accept'),
  },
  {
    name: 'scope',
    summary: 'Check changes against the active task FILES',
    load: () => import('./commands/scope.js'),
  },
  {
    name: 'secrets',
    summary: 'List the secrets the working tree adds since a commit',
    load: () => import('./commands/secrets.js'),
  },
  {
    name: 'hooks',
    summary: 'Install the git and Claude Code hooks',
    load: () => import('./commands/hooks.js'),
  },
  {
    name: 'skills',
    summary: 'Write the killdate skills for Claude Code, Codex and Gemini CLI',
    load: () => import('./commands/skills.js'),
  },
  {
    name: 'mcp',
    summary: 'Serve the killdate api to agents over MCP (stdio)',
    load: () => import('./commands/mcp.js'),
  },
  {
    name: 'hook',
    summary: 'Entry points the installed hooks call',
    load: () => import('./commands/hook.js'),
  },
  {
    name: 'killdates',
    summary: 'List every kill date and its status',
    load: () => import('./commands/killdates.js'),
  },
  {
    name: 'versions',
    summary: 'List releases as N, N-1 and older',
    load: () => import('./commands/versions.js'),
  },
  {
    name: 'boot',
    summary: 'Boot a release tag in a temporary worktree',
    load: () => import('./commands/boot.js'),
  },
  {
    name: 'ship',
    summary: 'Run the deploy checklist step by step',
    load: () => import('./commands/ship.js'),
  },
  {
    name: 'canary',
    summary: 'Start, expand or roll back the canary ladder',
    load: () => import('./commands/canary.js'),
  },
  {
    name: 'contract',
    summary: 'Check golden fixtures against both schemas',
    load: () => import('./commands/contract.js'),
  },
  {
    name: 'ci',
    summary: 'The pull-request check (annotations with --format github)',
    load: () => import('./commands/ci.js'),
  },
  {
    name: 'classify',
    summary: 'Name the task type and its disciplines',
    load: () => import('./commands/classify.js'),
  },
  { name: 'feature', summary: 'Create or complete a feature', load: () => import('./commands/feature.js') },
  {
    name: 'status',
    summary: 'Feature states, next checkpoint, blockers',
    load: () => import('./commands/status.js'),
  },
  { name: 'signoff', summary: 'Record a checkpoint sign-off', load: () => import('./commands/signoff.js') },
  {
    name: 'runbook',
    summary: 'Write the next runbook of a feature',
    load: () => import('./commands/runbook.js'),
  },
  { name: 'brief', summary: 'Print the executor brief of a task', load: () => import('./commands/brief.js') },
  { name: 'start', summary: 'Print the session start report', load: () => import('./commands/start.js') },
  {
    name: 'end',
    summary: 'Write the session log entry and check the session can end',
    load: () => import('./commands/end.js'),
  },
  { name: 'bug', summary: 'Known issues: add, list, fix', load: () => import('./commands/bug.js') },
  { name: 'learn', summary: 'Add a testing learning', load: () => import('./commands/learn.js') },
  {
    name: 'heuristic',
    summary: 'Dev heuristics: add, show --for PATH',
    load: () => import('./commands/heuristic.js'),
  },
  { name: 'decision', summary: 'Record a stack decision', load: () => import('./commands/decision.js') },
  { name: 'iteration', summary: 'Create an iteration note', load: () => import('./commands/iteration.js') },
  {
    name: 'roadmap',
    summary: 'Roadmap: list, add, start, done',
    load: () => import('./commands/roadmap.js'),
  },
  {
    name: 'metrics',
    summary: 'Review iterations, scope violations, tokens, cost, kill dates met',
    load: () => import('./commands/metrics.js'),
  },
  {
    name: 'ui',
    summary: 'Open the board: a local dashboard over the same api',
    load: () => import('./commands/ui.js'),
  },
  {
    name: 'context',
    summary: 'Context documents: sync, budget',
    load: () => import('./commands/context.js'),
  },
];
