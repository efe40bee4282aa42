// `killdate hook <event>`: what installed hooks call. pre-tool-use normally answers from
// bin.ts's fast path; this registration serves it when extra flags are passed.
import type { Command } from 'commander';
import { stagedKillDateFindings } from '../../api/killdates.js';
import { scope } from '../../api/scope.js';
import { readActiveTask } from '../../workspace/active-task.js';
import { findRoot } from '../../workspace/root.js';
import { globalCwd } from '../output.js';

export function register(program: Command): void {
  const hook = program.command('hook').description('Entry points the installed hooks call');
  hook
    .command('pre-tool-use')
    .description('Claude Code PreToolUse: exit 2 when an edit targets a path outside the active task FILES')
    .action(async () => {
      const { preToolUse } = await import('../hook-pre-tool-use.js');
      process.exitCode = await preToolUse();
    });
  hook
    .command('pre-commit')
    .description('git pre-commit: with an active task, refuse a commit whose staged paths are outside FILES')
    .action(async (_opts: unknown, cmd: Command) => {
      const cwd = globalCwd(cmd);
      let active: ReturnType<typeof readActiveTask>;
      try {
        active = readActiveTask(findRoot(cwd));
      } catch (e) {
        process.stderr.write(`killdate pre-commit: ${(e as Error).message}; commit refused\n`);
        process.exitCode = 1;
        return;
      }
      if (killDatesRefuse(cwd)) process.exitCode = 1;
      if (!active) return;
      const r = await scope({ cwd, stagedOnly: true });
      if (r.ok) return;
      process.stderr.write(
        `killdate pre-commit: task ${r.task.task} of ${r.task.feature}: staged paths outside FILES\n`,
      );
      for (const v of r.violations) process.stderr.write(`  ${v.kind} ${v.path}: ${v.message}\n`);
      process.stderr.write('  unstage them, or amend the runbook; git commit --no-verify skips this check\n');
      process.exitCode = 1;
    });
}

/** Staged KILLDATE markers already overdue, or with no criterion or no real date, refuse the commit. */
function killDatesRefuse(cwd: string | undefined): boolean {
  const findings = stagedKillDateFindings(findRoot(cwd));
  for (const f of findings) process.stderr.write(`killdate pre-commit: ${f.file}:${f.line}: ${f.message}\n`);
  return findings.length > 0;
}
