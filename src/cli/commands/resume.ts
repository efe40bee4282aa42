import type { Command } from 'commander';
import { resume } from '../../api/run.js';
import { dim, globalCwd, printJson } from '../output.js';
import { exitFor, renderRunResult } from '../render-run.js';

export function register(program: Command): void {
  program
    .command('resume')
    .description(
      'Pick up an interrupted or failed run: re-review if its executor finished, else rerun it from the recorded base',
    )
    .argument('[run-id]', 'the run (default: the newest interrupted or failed one)')
    .option('--executor <agent>', 'executor for this attempt (default: the one the run started with)')
    .option('--planner <agent>', 'planner for the drift diagnosis (overrides config)')
    .option('--review', 'review the tree as an unfinished executor left it, without running it again')
    .option('--json', 'print one JSON document')
    .action(
      async (
        runId: string | undefined,
        o: { executor?: string; planner?: string; review?: boolean; json?: boolean },
        cmd: Command,
      ) => {
        const r = await resume({
          cwd: globalCwd(cmd),
          ...(runId ? { runId } : {}),
          ...(o.executor ? { executor: o.executor } : {}),
          ...(o.planner ? { planner: o.planner } : {}),
          ...(o.review ? { review: true } : {}),
          ...(o.json ? {} : { progress: (line: string) => process.stderr.write(`${dim(line)}\n`) }),
        });
        if (o.json) printJson(r);
        else process.stdout.write(renderRunResult(r));
        process.exitCode = exitFor(r);
      },
    );
}
