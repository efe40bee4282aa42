// The transcript of one agent run under `<root>/.killdate/runs/<id>/`: events.jsonl
// (normalised events), stdout.log and stderr.log (raw lines, capped), meta.json. Callers pass
// text already redacted.
import { createWriteStream, existsSync, mkdirSync, type WriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertWritable } from '../workspace/paths.js';
import { replaceFile } from '../workspace/replace.js';
import type { AgentEvent } from './events.js';

export const runsDir = (root: string): string => join(root, '.killdate', 'runs');

class CappedLog {
  private written = 0;
  private full = false;
  private readonly stream: WriteStream;
  constructor(
    path: string,
    private readonly max: number,
  ) {
    assertWritable(path);
    this.stream = createWriteStream(path, { flags: 'w' });
  }
  write(text: string): void {
    if (this.full) return;
    const bytes = Buffer.byteLength(text);
    if (this.written + bytes > this.max) {
      this.full = true;
      this.stream.write(`\n[killdate: log cut at ${this.max} bytes]\n`);
      return;
    }
    this.written += bytes;
    this.stream.write(text);
  }
  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(() => resolve()));
  }
}

export class Transcript {
  readonly dir: string;
  private readonly events: CappedLog;
  private readonly stdout: CappedLog;
  private readonly stderr: CappedLog;

  constructor(root: string, runId: string, maxLogBytes: number) {
    this.dir = join(runsDir(root), runId);
    assertWritable(this.dir);
    mkdirSync(this.dir, { recursive: true });
    // transcripts never show up as changes of the working tree
    const ignore = join(runsDir(root), '.gitignore');
    if (!existsSync(ignore)) {
      assertWritable(ignore);
      writeFileSync(ignore, '*\n');
    }
    this.events = new CappedLog(join(this.dir, 'events.jsonl'), maxLogBytes);
    this.stdout = new CappedLog(join(this.dir, 'stdout.log'), maxLogBytes);
    this.stderr = new CappedLog(join(this.dir, 'stderr.log'), maxLogBytes);
  }

  event(e: AgentEvent): void {
    this.events.write(`${JSON.stringify(e)}\n`);
  }
  stdoutLine(line: string): void {
    this.stdout.write(`${line}\n`);
  }
  stderrLine(line: string): void {
    this.stderr.write(`${line}\n`);
  }
  meta(meta: Record<string, unknown>): void {
    replaceFile(join(this.dir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  }
  close(): Promise<void> {
    return Promise.all([this.events.close(), this.stdout.close(), this.stderr.close()]).then(() => {});
  }
}
