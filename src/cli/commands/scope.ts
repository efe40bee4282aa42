import type { Command } from 'commander';
import { scope } from '../../api/scope.js';
import type { ScopeViolation } from '../../core/scope.js';
import { shownInline } from '../../core/visible.js';
import { bold, cutLines, cutList, dim, globalCwd, printJson, red } from '../output.js';

export function register(program: Command): void {
  program
    .command('scope')
    .description(
      "Check every change since the active task's base against its FILES; exit 1 when out of scope",
    )
    .option('--json', 'print one JSON document')
    .option('--staged', 'only the staged changes (what a commit would record)')
    .option('--overlap', 'instead, report FILES shared between ready features')
    .action(async (opts: { json?: boolean; staged?: boolean; overlap?: boolean }, cmd: Command) => {
      if (opts.overlap) return await printOverlap(globalCwd(cmd), opts.json);
      const r = await scope({ cwd: globalCwd(cmd), stagedOnly: opts.staged });
      process.exitCode = r.ok && r.invalid.length === 0 ? 0 : 1;
      if (opts.json) {
        const { changes, ...rest } = r;
        return printJson({ ...rest, ok: process.exitCode === 0, changes });
      }
      const head = `task ${r.task.task} of ${r.task.feature}, base ${r.task.base.slice(0, 12)}`;
      const lines = [bold(head)];
      lines.push(...cutLines(r.findings.map((f) => `  ${red(f.rule)} ${shownInline(f.message)}`)));
      lines.push(
        ...cutLines(r.invalid.map((e) => `  ${red('invalid FILES entry')} ${e.entry}: ${e.reason}`)),
      );
      lines.push(...cutLines(r.violations.map(renderViolation)));
      if (r.ignored.length)
        lines.push(
          `  ${dim(`git-ignored, outside FILES, created or changed since the start: ${cutList(r.ignored)}`)}`,
        );
      if (r.bookkeeping.length)
        lines.push(`  ${dim(`written by killdate, not checked: ${cutList(r.bookkeeping)}`)}`);
      lines.push(
        r.findings.length && !r.violations.length
          ? `${r.findings.length} finding(s) on the guard state ${dim(`(${r.checked} changed path(s) in scope)`)}`
          : r.violations.length
            ? `${r.violations.length} path(s) out of scope ${dim(`of ${r.checked} changed path(s)`)}`
            : `in scope ${dim(`(${r.checked} changed path(s) checked against ${r.allowlist.length} FILES entries)`)}`,
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

function renderViolation(v: ScopeViolation): string {
  return `  ${red(v.kind.padEnd(8))} ${shownInline(v.path)}  ${dim(v.message)}`;
}

/** Loaded on demand: overlap parses runbooks, which plain scope never needs. */
async function printOverlap(cwd: string | undefined, json?: boolean): Promise<void> {
  const { overlap } = await import('../../api/overlap.js');
  const r = await overlap({ cwd });
  process.exitCode = r.overlaps.length ? 1 : 0;
  if (json) {
    printJson(r);
    return;
  }
  if (!r.overlaps.length) {
    process.stdout.write(`no overlapping FILES between ${r.features.length} ready feature(s)\n`);
    return;
  }
  for (const o of r.overlaps)
    process.stdout.write(`${red('overlap')} ${o.features.join(' and ')}: ${cutList(o.entries)}\n`);
}
