// The killdate entry point. Kept tiny: `--version` and the tool-call guard hooks answer before
// anything else loads.
import { VERSION } from '../version.js';

// A reader that closed early (`killdate rules | head`) ends the output, not the command.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stream.write = () => true;
  });

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${VERSION}\n`);
} else if (argv[0] === 'hook' && /^(before-write|before-shell|pre-tool-use)$/.test(argv[1] ?? '')) {
  const { guardArgs, runGuardHook } = await import('./hook-tool.js');
  const g = guardArgs(argv.slice(1));
  if (g) process.exitCode = await runGuardHook(g.event, g.agent);
  else process.exitCode = await (await import('./main.js')).main(argv);
} else {
  // Memory before speed where they trade: after each full collection the heap may grow by half
  // before the next, not V8's up to fourfold (a cold check of 10,000 features peaks near 290 MB,
  // not 440 MB, and runs no slower). Set here, before any work, for every command.
  (await import('node:v8')).setFlagsFromString('--heap-growing-percent=50');
  const { main } = await import('./main.js');
  process.exitCode = await main(argv);
}
