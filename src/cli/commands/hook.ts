// `killdate hook <event> --agent <id>`: what the installed hooks call. The tool-call guard
// (before-write, before-shell, and the older pre-tool-use) answers from bin.ts's fast path;
// it is registered here too for help and for calls with extra flags. Each event imports what
// it runs when it runs: the session-end hook answers every turn.
import type { Command } from 'commander';
import { HOOK_AGENTS } from '../../agents/hooks/table.js';
import { shownInline } from '../../core/visible.js';
import { guardState } from '../../workspace/guard-state.js';
import { findRoot } from '../../workspace/root.js';
import { globalCwd } from '../output.js';

const AGENT_HELP = `the agent whose input and answer format to use: ${HOOK_AGENTS.join(', ')}`;

export function register(program: Command): void {
  const hook = program.command('hook').description('Entry points the installed hooks call');
  for (const [event, what] of [
    ['before-write', "refuse a write outside the active task's FILES or to killdate's records"],
    ['before-shell', 'refuse a shell command that runs a human act'],
  ] as const)
    hook
      .command(event)
      .description(what)
      .option('--agent <id>', AGENT_HELP, 'claude')
      .action(async (o: { agent: string }) => {
        const { runGuardHook } = await import('../hook-tool.js');
        process.exitCode = await runGuardHook(event, o.agent);
      });
  hook
    .command('pre-tool-use', { hidden: true })
    .description('before-write for Claude Code (what older installs call)')
    .action(async () => {
      const { runGuardHook } = await import('../hook-tool.js');
      process.exitCode = await runGuardHook('before-write', 'claude');
    });
  for (const [event, what] of [
    ['session-start', "the start report as the agent's context, with a warning when hooks are off"],
    ['session-end', 'send the agent back once when the session cannot end (no log entry for today...)'],
  ] as const)
    hook
      .command(event)
      .description(what)
      .option('--agent <id>', AGENT_HELP, 'claude')
      .action(async (o: { agent: string }) => {
        const { runSessionHook } = await import('../../api/session-hooks.js');
        const a = await runSessionHook(event, o.agent, await readStdin(), process.env);
        if (a.stdout) process.stdout.write(a.stdout);
        if (a.stderr) process.stderr.write(a.stderr);
        process.exitCode = a.code;
      });
  hook
    .command('pre-commit')
    .description(
      'git pre-commit: refuse a commit that adds a secret or a bad KILLDATE marker, and with an active task one whose staged paths are outside FILES',
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const cwd = globalCwd(cmd);
      let active: ReturnType<typeof guardState>;
      try {
        active = guardState(findRoot(cwd));
      } catch (e) {
        process.stderr.write(`killdate pre-commit: ${(e as Error).message}; commit refused\n`);
        process.exitCode = 1;
        return;
      }
      if (await killDatesRefuse(cwd)) process.exitCode = 1;
      if (await secretsRefuse(cwd)) process.exitCode = 1;
      if (!active) return;
      const { scope } = await import('../../api/scope.js');
      const r = await scope({ cwd, stagedOnly: true });
      if (r.ok) return;
      for (const f of r.findings) process.stderr.write(`killdate pre-commit: ${f.rule}: ${f.message}\n`);
      if (r.violations.length)
        process.stderr.write(
          `killdate pre-commit: task ${r.task.task} of ${r.task.feature}: staged paths outside FILES\n`,
        );
      for (const v of r.violations)
        process.stderr.write(`  ${v.kind} ${shownInline(v.path)}: ${v.message}\n`);
      process.stderr.write('  unstage them, or ask the planner to amend the runbook\n');
      process.exitCode = 1;
    });
}

/** The hook's JSON on stdin (nothing on a terminal; 2 s at most for a pipe that never closes). */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  return new Promise<string>((resolve) => {
    let data = '';
    const timer = setTimeout(() => resolve(data), 2000);
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (d: string) => {
      data += d;
    });
    process.stdin.on('end', () => {
      clearTimeout(timer);
      resolve(data);
    });
    process.stdin.on('error', () => resolve(data));
  });
}

/** A staged file that adds a secret refuses the commit, task or no task (never printing the secret). */
async function secretsRefuse(cwd: string | undefined): Promise<boolean> {
  const [{ secrets }, { whereSecret }] = await Promise.all([
    import('../../api/secrets.js'),
    import('../../workspace/introduced-secrets.js'),
  ]);
  const r = await secrets({ cwd, staged: true });
  for (const s of r.secrets)
    process.stderr.write(`killdate pre-commit: a secret in ${shownInline(whereSecret(s))}\n`);
  return !r.ok;
}

/** Staged KILLDATE markers already overdue, or with no criterion or no real date, refuse the commit. */
async function killDatesRefuse(cwd: string | undefined): Promise<boolean> {
  const { stagedKillDateFindings } = await import('../../api/killdates.js');
  const findings = stagedKillDateFindings(findRoot(cwd));
  for (const f of findings) process.stderr.write(`killdate pre-commit: ${f.file}:${f.line}: ${f.message}\n`);
  return findings.length > 0;
}
