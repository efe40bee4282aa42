#!/usr/bin/env node
// Prints secrets on stdout and stderr (in events and raw output) and succeeds.
import { init, readBrief, result, text } from './stream.mjs';

await readBrief();
init();
text(
  `Using key ${process.env.FAKE_SECRET} and sk-ant-api03-AAAABBBBCCCCDDDDEEEEFFFF with Authorization: Bearer abcdefghijklmnop123`,
);
process.stderr.write(`debug: OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz0123 ghp_${'a'.repeat(36)}\n`);
result('done');
