// The killdate entry point, built as CommonJS (scripts/build-options.mjs). Kept tiny:
// `--version` and the tool-call guard hooks answer before anything else loads, and the guard
// starts without Node's ES module loader.
import { VERSION } from '../version.js';

/** A reader that closed early (`killdate rules | head`) ends the output, not the command. */
function endOutputOnEpipe(): void {
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      stream.write = () => true;
    });
}

// every git killdate starts, also through a plain execFile, shows no replace objects
process.env.GIT_NO_REPLACE_OBJECTS = '1';

async function run(argv: string[]): Promise<number | undefined> {
  const guard = argv[0] === 'hook' && /^(before-write|before-shell|pre-tool-use)$/.test(argv[1] ?? '');
  // the guard writes through its file descriptors (cli/hook-io.ts): no streams to make
  if (!guard) endOutputOnEpipe();
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`${VERSION}\n`);
    return undefined;
  }
  if (guard) {
    // require, not import(): import() would start the ES module loader this entry avoids
    const { guardArgs, runGuardHook } = require('./hook-tool.js') as typeof import('./hook-tool.js');
    const g = guardArgs(argv.slice(1));
    if (g) return runGuardHook(g.event, g.agent);
    endOutputOnEpipe();
    return (await import('./main.js')).main(argv);
  }
  const [{ main }, { guardTerminal }] = await Promise.all([import('./main.js'), import('./terminal.js')]);
  guardTerminal(process.stdout);
  guardTerminal(process.stderr);
  return main(argv);
}

run(process.argv.slice(2)).then((code) => {
  if (code !== undefined) process.exitCode = code;
});
