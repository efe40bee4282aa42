import type { Command } from 'commander';

export function register(program: Command): void {
  program.command('init').description('(not built yet)');
}
