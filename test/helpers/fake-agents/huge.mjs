#!/usr/bin/env node
// Streams a huge amount of valid assistant lines (FAKE_MB megabytes, 400 by default),
// respecting back-pressure, so a runner must stop it rather than store it all.
import { init, readBrief, session } from './stream.mjs';

await readBrief();
init();
const mb = Number(process.env.FAKE_MB ?? 400);
const chunk =
  `${JSON.stringify({ type: 'assistant', message: { role: 'assistant', content: [{ type: 'text', text: 'x'.repeat(900) }] }, session_id: session })}\n`.repeat(
    64,
  );
let written = 0;
const total = mb * 1024 * 1024;
function pump() {
  while (written < total) {
    written += chunk.length;
    if (!process.stdout.write(chunk)) return process.stdout.once('drain', pump);
  }
}
pump();
