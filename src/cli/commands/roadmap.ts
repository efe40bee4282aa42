import type { Command } from 'commander';
import { roadmapAdd, roadmapList, roadmapMove } from '../../api/roadmap.js';
import { globalCwd, printJson } from '../output.js';

export function register(program: Command): void {
  const r = program.command('roadmap').description('ROADMAP.md: list, add, start, done');
  const list = (o: { json?: boolean }, cmd: Command) => {
    const v = roadmapList({ cwd: globalCwd(cmd) });
    if (o.json) return printJson(v);
    for (const s of v.sections) {
      process.stdout.write(`${s.title}\n`);
      for (const i of s.items) process.stdout.write(`  [${i.checked ? 'x' : ' '}] ${i.text}\n`);
    }
  };
  r.command('list', { isDefault: true })
    .description('List the sections and their items (the default)')
    .option('--json', 'print one JSON document')
    .action(list);
  r.command('add <text>')
    .description('Add an item (to Next unless --section says otherwise)')
    .option('--section <key>', 'in-progress | next | backlog | completed', 'next')
    .option('--json', 'print one JSON document')
    .action(async (text: string, o: { section: string; json?: boolean }, cmd: Command) => {
      const v = await roadmapAdd({ cwd: globalCwd(cmd), text, section: o.section });
      if (o.json) printJson(v);
      else process.stdout.write(`added to ${v.section}: ${v.text}\n`);
    });
  for (const [name, to, what] of [
    ['start', 'in-progress', 'Move the item matching <text> to In progress'],
    ['done', 'completed', 'Tick the item matching <text> and move it to Completed'],
  ] as const)
    r.command(`${name} <text>`)
      .description(what)
      .option('--json', 'print one JSON document')
      .action(async (query: string, o: { json?: boolean }, cmd: Command) => {
        const v = await roadmapMove({ cwd: globalCwd(cmd), query, to });
        if (o.json) printJson(v);
        else process.stdout.write(`${v.text}: ${v.from ?? 'unsorted'} -> ${v.to}\n`);
      });
}
