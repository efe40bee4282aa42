import type { Command } from 'commander';
import { contractCheck } from '../../api/contract.js';
import { globalCwd, printJson, renderFindings } from '../output.js';

export function register(program: Command): void {
  const contract = program
    .command('contract')
    .description('Cross-language contracts: one golden fixture, both schemas');
  contract
    .command('check')
    .description(
      'Validate each golden fixture by the producer schema, the consumer schema and the render test',
    )
    .argument('[name]', 'only this contract')
    .option('--json', 'print one JSON document')
    .action(async (name: string | undefined, opts: { json?: boolean }, cmd: Command) => {
      const r = await contractCheck({ cwd: globalCwd(cmd), name });
      if (opts.json) printJson(r);
      else {
        for (const c of r.contracts)
          process.stdout.write(
            `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.fixture} (from ${c.source}); ${c.sides.map((s) => `${s.side} ${s.ok ? 'accepts' : 'rejects'}`).join(', ')}\n`,
          );
        if (r.findings.length) process.stdout.write(`\n${renderFindings(r.findings)}\n`);
      }
      process.exitCode = r.summary.errors ? 1 : 0;
    });
}
