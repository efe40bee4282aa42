// Preloaded with `node --import` when /usr/bin/time is missing: on exit, writes this
// process's peak resident set size (KB) to the file named by KD_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.KD_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
