// The session hooks inside a real Claude Code session: the real binary, driven by the scripted
// local model server, in a demo repo where `killdate hooks install` wired SessionStart
// (`start --hook`) and Stop (`end --check`). The start report must reach the model; the Stop
// hook must send the session back once when today has no log entry (then stop_hook_active lets
// it end), and let it end at once when `killdate end --did` wrote the entry. The hooks run
// without --today, so the test writes its entry for the real date too. Needs `npm run build`.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type AnthropicServer, startAnthropicServer } from '../helpers/anthropic-server.js';
import { HAVE_CLAUDE, offlineEnv, runClaude } from '../helpers/claude-code.js';
import { day } from '../helpers/dates.js';
import { CLI, demoRepo, git, kd } from './helpers.js';

let server: AnthropicServer | undefined;
let home: string | undefined;
afterEach(async () => {
  await server?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

/** A demo repo with the hooks installed and committed (a clean tree: no mid-flight work). */
function hookedDemo(): string {
  const dir = demoRepo();
  const r = kd(dir, ['hooks', 'install', '--bin', `${process.execPath} ${CLI}`]);
  expect(r.status, r.stderr).toBe(0);
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'hooks');
  return dir;
}

/** Runs one session whose model only answers in text; returns the main-conversation bodies. */
async function session(dir: string): Promise<string[]> {
  server = await startAnthropicServer([{ text: 'Read the start report.' }, { text: 'Stopping now.' }]);
  const env = offlineEnv(server.url);
  home = env.HOME;
  const run = await runClaude(dir, env, 'Where are we?');
  const result = run.lines.find((l) => l.type === 'result');
  expect(result, run.stderr).toBeDefined();
  expect(run.code).toBe(0);
  return server.requests
    .filter(
      (q) => q.url.startsWith('/v1/messages') && Array.isArray((q.body as { tools?: unknown[] })?.tools),
    )
    .map((q) => JSON.stringify(q.body));
}

describe.skipIf(!HAVE_CLAUDE)('session hooks in a real Claude Code session', () => {
  it('the start report reaches the model; without a log entry for today Stop sends it back once', async () => {
    const dir = hookedDemo();
    const bodies = await session(dir);
    expect(bodies[0]).toMatch(/killdate start \d{4}-\d{2}-\d{2}: on main/);
    const [y, md] = [day(-1).slice(0, 4), day(-1).slice(5)];
    expect(bodies[0]).toMatch(
      new RegExp(`RESUME HERE \\((${y}-)?${md}\\): 1\\. Decide what recurring invoices leave out`),
    );
    // the Stop hook refused once: a second model call carries its reason, then the session ended
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toMatch(/no log entry for \d{4}-\d{2}-\d{2}/);
  }, 120_000);

  it('with the entry written by killdate end --did, Stop lets the session end at once', async () => {
    const dir = hookedDemo();
    const w = kd(dir, ['end', '--did', 'Read the start report; nothing changed.']);
    expect(w.status, w.stdout + w.stderr).toBe(0);
    const bodies = await session(dir);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).not.toMatch(/no log entry for/);
    // the entry just written is in the report the model got
    expect(bodies[0]).toMatch(/Read the start report; nothing changed\./);
  }, 120_000);
});
