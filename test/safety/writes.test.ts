// Every write keeps the bytes it does not own, and killdate ends cleanly on bad input:
// registers refuse a file that is not UTF-8, a writer killed with -9 leaves a lock the next
// write recovers, `end` twice in a day updates today's entry, a closed reader is not a crash,
// and a YAML alias bomb in the config is bad input.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/core/markdown.js';
import { parseLog } from '../../src/core/parse/log.js';
import { CLI, makeRepo } from '../gates/repo.js';
import { TODAY } from '../helpers/dates.js';

const LOG = 'project-management/_log.md';
const ISSUES = 'project-management/KNOWN-ISSUES.md';
const ISSUES_TEXT = '# Known issues\n\n## Open\n\nNothing open.\n';

function kd(cwd: string, args: string[], input = '') {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', KILLDATE_DEBUG: '' },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const waitFor = async (ok: () => boolean) => {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(ok()).toBe(true);
};

describe('register writes', () => {
  it('refuse a file that is not UTF-8, naming the file and line, and leave its bytes as they were', () => {
    const repo = makeRepo({ [ISSUES]: ISSUES_TEXT });
    const bytes = Buffer.concat([
      Buffer.from('# Known issues\n\nCaf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    writeFileSync(join(repo.dir, ISSUES), bytes);
    const r = kd(repo.dir, ['bug', 'add', 'Export drops the last row', '--layer', 'ui']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${ISSUES}:3: invalid UTF-8`);
    expect(readFileSync(join(repo.dir, ISSUES)).equals(bytes)).toBe(true);
    repo.cleanup();
  });

  it('recover at once the lock of a writer killed with -9', async () => {
    const repo = makeRepo({ [ISSUES]: ISSUES_TEXT });
    const file = join(repo.dir, ISSUES);
    // the register is a FIFO: the writer blocks reading it, inside its lock, and is killed there
    rmSync(file);
    expect(spawnSync('mkfifo', [file]).status).toBe(0);
    const child = spawn(process.execPath, [CLI, 'bug', 'add', 'First', '--layer', 'ui'], {
      cwd: repo.dir,
      stdio: 'ignore',
    });
    await waitFor(() => existsSync(`${file}.lock`));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    rmSync(file);
    writeFileSync(file, ISSUES_TEXT);
    // the dead writer's lock looks fresh: only its owner tells that it is dead
    const later = new Date(Date.now() + 3600_000);
    utimesSync(`${file}.lock`, later, later);
    const r = kd(repo.dir, ['bug', 'add', 'Second', '--layer', 'ui']);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('Second');
    expect(existsSync(`${file}.lock`)).toBe(false);
    repo.cleanup();
  }, 60_000);
});

describe('end', () => {
  const today = (dir: string) =>
    parseLog(parseMarkdown(LOG, readFileSync(join(dir, LOG), 'utf8'))).entries.filter(
      (e) => e.date === TODAY,
    );

  it("twice in a day updates today's entry: one heading, both sessions, the newest RESUME HERE", () => {
    const repo = makeRepo({ [LOG]: '# Session log\n\nA note kept by hand.\n', 'src/a.ts': 'x\n' });
    const first = kd(repo.dir, [
      'end',
      '--did',
      'Wrote the parser.',
      '--resume',
      'Test it',
      '--today',
      TODAY,
    ]);
    expect(first.status, first.stdout + first.stderr).toBe(0);
    const second = kd(repo.dir, [
      'end',
      '--did',
      'Tested the parser.',
      '--decided',
      'Keep it pure.',
      '--resume',
      'Ship it',
      '--resume',
      'Write the log',
      '--today',
      TODAY,
    ]);
    expect(second.status, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toContain("log entry updated (today's)");
    const text = readFileSync(join(repo.dir, LOG), 'utf8');
    expect(text.split(`## ${TODAY}`).length).toBe(2);
    expect(text).toContain('A note kept by hand.');
    const [entry] = today(repo.dir);
    expect(entry!.whatHappened?.value).toBe('Wrote the parser. Tested the parser.');
    expect(entry!.fields.find((f) => f.label === 'Decided')?.value).toBe('Keep it pure.');
    expect(entry!.resume?.steps.map((s) => s.text)).toEqual(['Ship it', 'Write the log']);
    repo.cleanup();
  });

  it('twice in a day keeps a note the person wrote between the old RESUME HERE steps', () => {
    const repo = makeRepo({ [LOG]: '# Session log\n', 'src/a.ts': 'x\n' });
    const end = (...resume: string[]) =>
      kd(repo.dir, ['end', '--did', 'Worked.', ...resume.flatMap((s) => ['--resume', s]), '--today', TODAY]);
    expect(end('Test it', 'Ship it').status).toBe(0);
    const file = join(repo.dir, LOG);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '1. Test it\n',
        '1. Test it\n   with the slow flag\n\nNote: the staging key expires on Friday.\nAsk Ada first.\n\n',
      ),
    );
    expect(end('Write the log').status).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(
      '**RESUME HERE:**\n1. Write the log\n\nNote: the staging key expires on Friday.\nAsk Ada first.\n',
    );
    expect(text).not.toContain('Test it');
    expect(today(repo.dir)[0]!.resume?.steps.map((s) => s.text)).toEqual(['Write the log']);
    repo.cleanup();
  });

  it('that writes and then refuses says exactly what to add, and that command ends the session', () => {
    const repo = makeRepo({ [LOG]: '# Session log\n', 'src/a.ts': 'x\n' });
    writeFileSync(join(repo.dir, 'src/a.ts'), 'y\n'); // mid-flight
    const r = kd(repo.dir, ['end', '--did', 'Half of the parser.', '--today', TODAY]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('log entry written');
    expect(r.stdout).toContain('killdate end --resume "<next step>"');
    const fix = kd(repo.dir, ['end', '--resume', 'Finish the parser', '--today', TODAY]);
    expect(fix.status, fix.stdout + fix.stderr).toBe(0);
    expect(today(repo.dir)).toHaveLength(1);
    expect(today(repo.dir)[0]!.resume?.steps.map((s) => s.text)).toEqual(['Finish the parser']);
    expect(kd(repo.dir, ['end', '--check', '--today', TODAY]).status).toBe(0);
    repo.cleanup();
  });
});

describe('the command line', () => {
  it('ends quietly when the reader of its output has gone (killdate rules | head)', async () => {
    const repo = makeRepo({ 'README.md': 'x\n' });
    for (const args of [['rules'], ['check'], ['--help']]) {
      const child = spawn(process.execPath, [CLI, ...args], {
        cwd: repo.dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.destroy(); // the reader is gone before the first line
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      const code = await new Promise<number | null>((r) => child.on('close', r));
      expect(stderr, args.join(' ')).toBe('');
      expect(code, args.join(' ')).not.toBe(3);
    }
    repo.cleanup();
  });

  it('reports a YAML alias bomb in killdate.config.yaml as bad input naming the file (exit 2)', () => {
    const level = (name: string, of: string) => `${name}: &${name} [${Array(9).fill(`*${of}`).join(', ')}]`;
    const bomb = [
      'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
      level('b', 'a'),
      level('c', 'b'),
      level('d', 'c'),
      level('e', 'd'),
      level('f', 'e'),
      level('g', 'f'),
      '',
    ].join('\n');
    const repo = makeRepo({ 'killdate.config.yaml': bomb });
    for (const args of [['check'], ['status'], ['start']]) {
      const r = kd(repo.dir, args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^killdate: killdate\.config\.yaml: .*aliases expand too far/m);
      expect(r.stderr).not.toMatch(/internal error/);
    }
    repo.cleanup();
  });
});
