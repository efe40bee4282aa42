#!/usr/bin/env node
// A well-behaved stream whose Write lands outside the working folder (FAKE_OUTSIDE).
import { writeFileSync } from 'node:fs';
import { init, readBrief, result, toolResult, toolUse } from './stream.mjs';

await readBrief();
const target = process.env.FAKE_OUTSIDE;
init();
toolUse('toolu_1', 'Write', { file_path: target, content: 'escaped\n' });
writeFileSync(target, 'escaped\n');
toolResult('toolu_1', `File created successfully at: ${target}`, {
  tool_use_result: { type: 'create', filePath: target },
});
result('Wrote the file');
