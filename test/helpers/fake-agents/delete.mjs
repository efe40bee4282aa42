#!/usr/bin/env node
// Deletes a file of the working tree (FAKE_DELETE) through a shell tool, then succeeds.
import { rmSync } from 'node:fs';
import { init, readBrief, result, toolResult, toolUse } from './stream.mjs';

await readBrief();
const target = process.env.FAKE_DELETE;
init();
toolUse('toolu_1', 'Bash', { command: `rm ${target}` });
rmSync(target);
toolResult('toolu_1', '');
result('Removed the file');
