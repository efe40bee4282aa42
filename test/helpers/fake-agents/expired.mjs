#!/usr/bin/env node
// What Claude Code prints when its login has expired: an error result, then exit 1.
import { init, readBrief, result } from './stream.mjs';

await readBrief();
init();
result('Invalid API key · Please run /login', true);
process.stderr.write('Error: authentication failed\n');
process.exitCode = 1;
