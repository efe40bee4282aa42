// The command table: name, one-line summary, and the module that registers it. Modules load
// only when their command runs, so an agent hook pays for one command, not all of them.
import type { Command } from 'commander';

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<{ register(program: Command): void }>;
}

export const commands: CommandEntry[] = [
  {
    name: 'init',
    summary: 'Scaffold the method in a repo (never overwrites)',
    load: () => import('./commands/init.js'),
  },
  { name: 'check', summary: 'Validate every method document', load: () => import('./commands/check.js') },
  { name: 'rules', summary: 'List the rules check applies', load: () => import('./commands/rules.js') },
  {
    name: 'demo',
    summary: 'Build the example workspace and check it',
    load: () => import('./commands/demo.js'),
  },
];
