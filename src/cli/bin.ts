// The killdate entry point. Kept tiny: `--version` and the tool-call guard hooks answer before
// anything else loads.
import { VERSION } from '../version.js';

// A reader that closed early (`killdate rules | head`) ends the output, not the command.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stream.write = () => true;
  });

// every git killdate starts, also through a plain execFile, shows no replace objects
process.env.GIT_NO_REPLACE_OBJECTS = '1';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${VERSION}\n`);
} else if (argv[0] === 'hook' && /^(before-write|before-shell|pre-tool-use)$/.test(argv[1] ?? '')) {
  const { guardArgs, runGuardHook } = await import('./hook-tool.js');
  const g = guardArgs(argv.slice(1));
  if (g) process.exitCode = await runGuardHook(g.event, g.agent);
  else process.exitCode = await (await import('./main.js')).main(argv);
} else {
  const [{ main }, { guardTerminal }] = await Promise.all([import('./main.js'), import('./terminal.js')]);
  guardTerminal(process.stdout);
  guardTerminal(process.stderr);
  process.exitCode = await main(argv);
}
