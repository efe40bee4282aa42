import type { Command } from 'commander';
import { classify } from '../../api/classify.js';
import { bold, dim, globalCwd, printJson } from '../output.js';

export function register(program: Command): void {
  program
    .command('classify')
    .description('Name the task type of a change and the disciplines it requires (METHOD section 5)')
    .argument('[description...]', 'the change, in words')
    .option('--diff <range>', 'classify a git diff instead, e.g. main..HEAD')
    .option('--json', 'print one JSON document')
    .action((words: string[], opts: { diff?: string; json?: boolean }, cmd: Command) => {
      const r = classify({ cwd: globalCwd(cmd), description: words.join(' '), diff: opts.diff });
      if (opts.json) return printJson(r);
      const d = r.disciplines;
      const out = [
        `${bold(r.type)}  lock: ${d.lock} · runbook: ${d.runbook} · tests (90/10): ${d.tests} · deploy checklist: ${d.deployChecklist}`,
        ...r.reasons.map((x) => `  - ${x.text}${x.sign ? dim(` [${x.sign}]`) : ''}`),
      ];
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
