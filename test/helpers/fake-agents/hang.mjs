#!/usr/bin/env node
// Starts a session, then hangs for ever (ignoring SIGTERM, so only SIGKILL stops it).
import { init, readBrief } from './stream.mjs';

await readBrief();
init();
process.on('SIGTERM', () => {});
setInterval(() => {}, 1000);
