import type { Command } from 'commander';
import { featureComplete } from '../../api/complete.js';
import { FEATURE_TYPES, featureNew } from '../../api/feature.js';
import { dim, globalCwd, printJson } from '../output.js';

export function register(program: Command): void {
  const feature = program.command('feature').description('Create and complete features');
  feature
    .command('new')
    .description('Create feature-builds/<slug>/ with a draft lock from the template')
    .argument('<slug>', 'lower-case, dashes, e.g. settings-page')
    .option('--type <type>', FEATURE_TYPES.join(' | '), 'feature')
    .option('--json', 'print one JSON document')
    .action((slug: string, opts: { type: string; json?: boolean }, cmd: Command) => {
      const r = featureNew({ cwd: globalCwd(cmd), slug, type: opts.type });
      if (opts.json) return printJson(r);
      process.stdout.write(
        `created ${r.path} ${dim(`from ${r.template}`)}\nnext: fill gate 1, then killdate signoff ${slug} cp0\n`,
      );
    });
  feature
    .command('complete')
    .description('Check the definition of done and move the feature to _completed/')
    .argument('<feature>', 'feature slug')
    .option('--shipped', 'attest it is live in production and verified (deployed without killdate ship)')
    .option('--json', 'print one JSON document')
    .action((slug: string, opts: { json?: boolean; shipped?: boolean }, cmd: Command) => {
      const r = featureComplete({ cwd: globalCwd(cmd), feature: slug, shipped: opts.shipped });
      if (opts.json) return printJson(r);
      process.stdout.write(
        `${r.from} -> ${r.to} (${r.moved})\n${r.checked.map((c) => `  checked: ${c}`).join('\n')}\n`,
      );
    });
}
