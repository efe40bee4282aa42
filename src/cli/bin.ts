// The killdate entry point. Kept tiny: `--version` and the PreToolUse hook answer before
// anything else loads.
import { VERSION } from '../version.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${VERSION}\n`);
} else if (argv.length === 2 && argv[0] === 'hook' && argv[1] === 'pre-tool-use') {
  const { preToolUse } = await import('./hook-pre-tool-use.js');
  process.exitCode = await preToolUse();
} else {
  const { main } = await import('./main.js');
  process.exitCode = await main(argv);
}
