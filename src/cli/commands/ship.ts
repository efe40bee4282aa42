import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { ship } from '../../api/ship.js';
import { globalCwd, printJson, red } from '../output.js';

type Opts = { attest: string[]; resume?: boolean; restart?: boolean; feature?: string; json?: boolean };

export function register(program: Command): void {
  program
    .command('ship')
    .description('Run the deploy checklist step by step; resumable; attestations asked on a terminal')
    .option(
      '--attest <step>',
      'attest a human step (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--resume', 'go on with the unfinished ship at its step')
    .option('--restart', 'discard an unfinished ship and start again')
    .option('--feature <slug>', 'start the canary of this feature after the deploy')
    .option('--json', 'print one JSON document (progress still goes to stderr)')
    .action(async (opts: Opts, cmd: Command) => {
      const abort = new AbortController();
      const onInt = () => abort.abort();
      process.on('SIGINT', onInt);
      const tty = process.stdin.isTTY && process.stderr.isTTY;
      try {
        const r = await ship({
          cwd: globalCwd(cmd),
          attest: opts.attest,
          resume: opts.resume,
          restart: opts.restart,
          feature: opts.feature,
          signal: abort.signal,
          echo: process.stderr,
          progress: (line) => process.stderr.write(`${line}\n`),
          ...(tty ? { ask } : {}),
        });
        if (opts.json) printJson(r);
        else process.stdout.write(`${message(r.stop, r.id)}\n`);
        process.exitCode = r.stop.kind === 'done' ? 0 : r.stop.kind === 'interrupted' ? 130 : 1;
      } finally {
        process.off('SIGINT', onInt);
      }
    });
}

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

function message(stop: Awaited<ReturnType<typeof ship>>['stop'], id: string): string {
  switch (stop.kind) {
    case 'done':
      return `shipped: every step of the checklist passed (ship ${id})`;
    case 'failed':
      return red(`stopped at ${stop.step}: ${stop.detail}\nfix it, then run \`killdate ship --resume\``);
    case 'needs-attestation':
      return `stopped at ${stop.step}: a human attestation is needed: ${stop.question}\nrun \`killdate ship --resume --attest ${stop.step}\` once it is true`;
    case 'interrupted':
      return `interrupted at ${stop.step}: state saved; run \`killdate ship --resume\``;
  }
}
