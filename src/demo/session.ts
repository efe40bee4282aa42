// The session part of the demo, run last on the built example: `killdate start` as a session
// sees it (the dense report, its first lines and its token count), then `killdate end` writing
// today's log entry with a RESUME HERE, and `end --check` (the Stop hook's check) passing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { end } from '../api/end.js';
import { start } from '../api/start.js';
import { gitOrThrow } from '../workspace/git.js';
import type { DemoSection } from './gates.js';

export const SESSION_DID = 'Walked the Quillbill demo: check, gates, scope guard.';
export const SESSION_RESUME = [
  'Fill the OUT list of recurring-invoices.',
  'Fix its kill date; run killdate check.',
];

const WIDTH = 110;
const clip = (s: string) => (s.length > WIDTH ? `${s.slice(0, WIDTH - 1)}…` : s);
const quote = (s: string) => `"${s.replace(/"/g, '\\"')}"`;

export async function demoSession(root: string, today: string): Promise<DemoSection> {
  const s = await start({ cwd: root, today });
  const report = s.text.trimEnd().split('\n');
  const rest = report.slice(3).map((l) => l.split(/[:(]/)[0]?.trim());
  const e = await end({ cwd: root, today, entry: { did: SESSION_DID, resume: SESSION_RESUME } });
  const entry = e.written
    ? readFileSync(join(root, e.written.file), 'utf8')
        .split('\n')
        .slice(e.written.line - 1)
        .filter(Boolean)
    : [];
  const check = await end({ cwd: root, today });
  const committed = e.written ? commitLog(root, e.written.file) : undefined;
  return {
    title: 'A session: start reads the state in one report, end writes the log entry',
    steps: [
      {
        command: 'killdate start',
        exit: 0,
        lines: [
          ...report.slice(0, 3).map(clip),
          `… ${rest.length} more lines (${rest.join(', ')}); ${s.tokens ?? '?'} tokens in all`,
        ],
      },
      {
        command: `killdate end --did ${quote(SESSION_DID)} \\\n        ${SESSION_RESUME.map((r) => `--resume ${quote(r)}`).join(' ')}`,
        exit: e.ok ? 0 : 1,
        lines: [
          ...(e.written ? [`log entry written: ${e.written.file}:${e.written.line}`] : []),
          ...entry.map(clip),
          ...e.problems,
          ...(e.gitSummary ? [e.gitSummary] : []),
        ],
      },
      {
        command: 'killdate end --check',
        exit: check.ok ? 0 : 1,
        lines: check.ok ? ['today has its log entry: the Stop hook lets the session end'] : check.problems,
      },
      ...(committed ? [committed] : []),
    ],
  };
}

/** The session's last act: commit the log entry, so the demo repo ends clean. */
function commitLog(root: string, file: string) {
  const message = 'Session log';
  gitOrThrow(root, ['-c', 'commit.gpgsign=false', 'commit', '-q', '--no-verify', '-m', message, '--', file]);
  const commit = gitOrThrow(root, ['rev-parse', '--short', 'HEAD']).trim();
  return { command: `git commit -m "${message}" ${file}`, exit: 0, lines: [`committed ${commit}`] };
}
