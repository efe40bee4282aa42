#!/usr/bin/env node
// A `command` executor for the loop tests: reads the brief on stdin, finds the task number in
// the runbook path it names, and plays that task's steps from the JSON file in KD_SCRIPT:
// { "1": [{ "write": "src/a.js", "content": "..." }, { "rm": "b.txt" }, { "exit": 3 }, { "kill": true }] }.
// { "writeHex": "<hex of the name's bytes>", "content": "..." } / { "rmHex": ... }: names
// that are not valid UTF-8. { "rmdir": "lib" } removes a folder; { "symlink": "target", "at": "lib" } makes a link.
// { "say": "text" } / { "sayErr": "text" } print a line on stdout / stderr.
// { "background": "<sh command>" } starts a detached child; { "waitFor": "<file>" } waits for it.
// { "env": "<file>" } writes the environment it was given to the file, as JSON.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

if (process.argv.includes('--version')) {
  process.stdout.write('1.0.0 (script agent)\n');
  process.exit(0);
}
let brief = '';
for await (const c of process.stdin) brief += c;
const n = String(Number(/runbook-(\d+)-/.exec(brief)?.[1] ?? 0));
const script = JSON.parse(readFileSync(process.env.KD_SCRIPT, 'utf8'));
for (const step of script[n] ?? []) {
  if (step.write) {
    mkdirSync(dirname(step.write), { recursive: true });
    writeFileSync(step.write, step.content ?? '');
    process.stdout.write(`wrote ${step.write}\n`);
  }
  if (step.rm) {
    rmSync(step.rm, { force: true });
    process.stdout.write(`removed ${step.rm}\n`);
  }
  if (step.writeHex) writeFileSync(Buffer.from(step.writeHex, 'hex'), step.content ?? '');
  if (step.rmHex) rmSync(Buffer.from(step.rmHex, 'hex'), { force: true });
  if (step.rmdir) rmSync(step.rmdir, { recursive: true, force: true });
  if (step.symlink) symlinkSync(step.symlink, step.at);
  if (step.env) writeFileSync(step.env, JSON.stringify(process.env));
  if (step.say) process.stdout.write(`${step.say}\n`);
  if (step.sayErr) process.stderr.write(`${step.sayErr}\n`);
  if (step.background) spawn('sh', ['-c', step.background], { detached: true, stdio: 'ignore' }).unref();
  if (step.waitFor) while (!existsSync(step.waitFor)) await new Promise((r) => setTimeout(r, 100));
  if (step.exit !== undefined) process.exit(step.exit);
  if (step.kill) process.kill(process.pid, 'SIGKILL');
}
process.stdout.write(`task ${n} done\n`);
