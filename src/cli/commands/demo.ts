import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type DemoResult, demo } from '../../api/demo.js';
import type { Finding } from '../../core/finding.js';
import { bold, dim, globalCwd, printJson, red, yellow } from '../output.js';

export function register(program: Command): void {
  program
    .command('demo')
    .description('Build the example product (Quillbill) as a git repo, check it and show the findings')
    .option('--dir <path>', 'build it here (a new or empty folder) instead of a temporary folder')
    .option('--today <date>', 'evaluate dates as of this day (YYYY-MM-DD)')
    .option('--json', 'print one JSON document: the check result and the repo path')
    .action((opts: { dir?: string; today?: string; json?: boolean }, cmd: Command) => {
      const dir = opts.dir ? resolve(globalCwd(cmd) ?? process.cwd(), opts.dir) : undefined;
      const result = demo({ dir, today: opts.today });
      if (opts.json)
        printJson({
          version: 1,
          root: result.root,
          commit: result.commit,
          findings: result.check.findings,
          summary: result.check.summary,
        });
      else process.stdout.write(renderDemo(result));
    });
}

export function renderDemo(r: DemoResult): string {
  const s = r.check.summary;
  const out = [
    `Built ${bold('Quillbill')}, a small invoicing app run with the killdate method:`,
    `  ${r.root}  ${dim(`(${r.files} files, commit ${r.commit.slice(0, 7)})`)}`,
    '',
    `${bold('killdate check')} found ${plural(s.errors, 'error')} and ${plural(s.warnings, 'warning')} in ${s.documents} documents.`,
  ];
  for (const [file, list] of byFile(r.check.findings)) {
    out.push('', bold(file));
    for (const f of list) {
      const sev = f.severity === 'error' ? red('error  ') : yellow('warning');
      out.push(`  ${sev}  ${f.line ? `${file}:${f.line}` : file}  ${f.message}  ${dim(f.rule)}`);
    }
  }
  out.push(
    '',
    bold('Where to look'),
    `  cd ${r.root}`,
    '  AGENTS.md                                      the context document every session reads',
    '  feature-builds/overdue-badges/                 a locked feature with two runbooks',
    '  feature-builds/recurring-invoices/             a draft lock with gaps (the findings above)',
    '  killdate check                                 run it again after editing a file',
    '  npm test                                       the app tests run for real',
  );
  return `${out.join('\n')}\n`;
}

function byFile(findings: Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) map.set(f.file, [...(map.get(f.file) ?? []), f]);
  return map;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
