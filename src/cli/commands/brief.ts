import { resolve } from 'node:path';
import type { Command } from 'commander';
import { brief } from '../../api/brief.js';
import { KilldateError } from '../../core/errors.js';
import { replaceFile } from '../../workspace/replace.js';
import { createFile } from '../../workspace/write.js';
import { globalCwd, printJson } from '../output.js';

export function register(program: Command): void {
  program
    .command('brief')
    .description(
      "Print a task's executor brief: global rules, state model and the whole runbook; token count on stderr",
    )
    .argument('<feature>', 'feature slug')
    .argument('<task>', 'task number, slug or runbook file name')
    .option('--out <file>', 'write the brief to this new file instead of stdout')
    .option('--force', 'with --out: replace the file when it exists')
    .option('--json', 'print one JSON document')
    .action(
      async (
        feature: string,
        task: string,
        opts: { out?: string; force?: boolean; json?: boolean },
        cmd: Command,
      ) => {
        const r = await brief({ cwd: globalCwd(cmd), feature, task });
        if (opts.json) return printJson(r);
        if (opts.out) {
          const abs = resolve(globalCwd(cmd) ?? process.cwd(), opts.out);
          if (opts.force) replaceFile(abs, r.text);
          else if (createFile(abs, r.text) === 'exists')
            throw new KilldateError('REFUSED', `${opts.out} exists: not replaced`);
        } else process.stdout.write(r.text);
        process.stderr.write(
          `brief for ${r.feature} task ${r.task}: ${r.tokens} tokens${opts.out ? `, written to ${opts.out}` : ''}\n`,
        );
      },
    );
}
