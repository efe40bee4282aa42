#!/usr/bin/env node
// Prints part of a stream-json session, then kills itself with SIGKILL halfway.
import { init, readBrief, text, toolUse } from './stream.mjs';

await readBrief();
init();
text('Starting the task');
toolUse('toolu_1', 'Write', { file_path: 'half.txt', content: 'half' });
setTimeout(() => process.kill(process.pid, 'SIGKILL'), 50);
