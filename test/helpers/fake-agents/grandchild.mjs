#!/usr/bin/env node
// Spawns a long-lived grandchild in its own process group's reach (not detached), writes its
// pid to FAKE_PIDFILE, then either finishes (FAKE_FINISH=1) or hangs. A naive kill of the
// child alone would leave the grandchild running and holding the output pipes.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { init, readBrief, result } from './stream.mjs';

await readBrief();
const g = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
writeFileSync(process.env.FAKE_PIDFILE, String(g.pid));
init();
if (process.env.FAKE_FINISH === '1') {
  result('Done, with a helper left running');
  process.exit(0);
}
setInterval(() => {}, 1000);
