import { resolve } from 'node:path';
import type { Command } from 'commander';
import { demo } from '../../api/demo.js';
import { loopJson } from '../demo-loop-render.js';
import { renderDemo } from '../demo-render.js';
import { globalCwd, printJson } from '../output.js';

type Opts = { dir?: string; today?: string; full?: boolean; loop?: boolean; json?: boolean };

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'Build the example product (Quillbill) as a git repo; show its findings, kill dates and CI result',
    )
    .option('--dir <path>', 'build it here (a new or empty folder) instead of a temporary folder')
    .option('--today <date>', 'build and evaluate the kill dates as of this day (YYYY-MM-DD)')
    .option('--full', 'also ship release 1.2.0 with its commands and walk the canary')
    .option('--no-loop', 'skip the handoff loop (task 1 of overdue-badges with the scripted executor)')
    .option('--json', 'print one JSON document: the repo path, the check result, kill dates and ci')
    .action(async (opts: Opts, cmd: Command) => {
      const dir = opts.dir ? resolve(globalCwd(cmd) ?? process.cwd(), opts.dir) : undefined;
      const r = await demo({
        dir,
        today: opts.today,
        full: opts.full,
        loop: opts.loop !== false,
        bin: process.argv[1],
      });
      if (opts.json)
        printJson({
          version: 1,
          root: r.root,
          commit: r.commit,
          tags: r.tags,
          findings: r.check.findings,
          summary: r.check.summary,
          killDates: { items: r.killDates.items, summary: r.killDates.summary },
          ci: { exitCode: r.ci.exitCode, findings: r.ci.findings, summary: r.ci.summary },
          gates: r.gates,
          ...(r.session ? { session: r.session } : {}),
          ...(r.loop ? { loop: loopJson(r.loop) } : {}),
          ...(r.full
            ? {
                ship: { id: r.full.ship.id, stop: r.full.ship.stop, dir: r.full.shipDir },
                canary: { status: r.full.status, expand: r.full.expand },
              }
            : {}),
        });
      else process.stdout.write(renderDemo(r));
      if (r.full && r.full.ship.stop.kind !== 'done') process.exitCode = 1;
    });
}
