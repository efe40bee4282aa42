// Gemini CLI 0.61 (real binary, offline, scripted model server): killdate's BeforeTool hook in
// .gemini/settings.json, in a folder the user trusted, lets a write inside FILES land and
// blocks one outside; the reason reaches the model in its next request.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ScriptedServer, startGeminiServer } from '../helpers/gemini-server.js';
import {
  BIN,
  cleanEnv,
  type GuardedRepo,
  guardedRepo,
  OUTSIDE_REASON,
  runAgentBinary,
} from './agent-session.js';

const GEMINI = join(BIN, 'gemini');
let g: GuardedRepo | undefined;
let server: ScriptedServer | undefined;
let systemDir: string | undefined;
afterEach(async () => {
  await server?.close();
  g?.cleanup();
  if (systemDir) rmSync(systemDir, { recursive: true, force: true });
  systemDir = undefined;
});

/** What the user's "Trust folder" choice saves, and the API-key auth headless mode needs. */
export function geminiHome(home: string, repo: string): void {
  mkdirSync(join(home, '.gemini'), { recursive: true });
  writeFileSync(
    join(home, '.gemini/settings.json'),
    JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } } }),
  );
  writeFileSync(join(home, '.gemini/trustedFolders.json'), JSON.stringify({ [repo]: 'TRUST_FOLDER' }));
}

/** `gemini -p <prompt>` headless to its end, in the repo. */
async function geminiRun(g: GuardedRepo, env: NodeJS.ProcessEnv, prompt: string) {
  const args = ['-p', prompt, '--output-format', 'stream-json', '--yolo', '-m', 'gemini-2.5-flash'];
  const run = await runAgentBinary(GEMINI, args, { cwd: g.repo.dir, env });
  expect(run.code, run.stderr.slice(-2000)).toBe(0);
  return run;
}

describe.skipIf(!existsSync(GEMINI))('killdate guard in a real Gemini CLI session', () => {
  it('a write inside FILES lands; one outside is blocked and the model is told why', async () => {
    g = guardedRepo('gemini');
    geminiHome(g.home, g.repo.dir);
    server = await startGeminiServer([
      { call: 'write_file', args: { file_path: g.inside, content: 'export const form = 1;\n' } },
      { call: 'write_file', args: { file_path: g.outside, content: 'export const charge = 1;\n' } },
      { text: 'Done.' },
    ]);
    const env = cleanEnv(g.home, { GEMINI_API_KEY: 'test-offline', GOOGLE_GEMINI_BASE_URL: server.url });
    const run = await geminiRun(g, env, 'Write the settings form, then the billing charge.');
    expect(readFileSync(g.inside, 'utf8')).toBe('export const form = 1;\n');
    expect(existsSync(g.outside)).toBe(false);
    const bodies = server.requests.map((q) => JSON.stringify(q.body));
    expect(
      bodies.some((b) => OUTSIDE_REASON.test(b)),
      bodies.join('\n').slice(-3000),
    ).toBe(true);
    const results = run.stdout.split('\n').filter((l) => l.includes('"tool_result"'));
    expect(results.some((l) => l.includes('"status":"error"'))).toBe(true);
  }, 120_000);

  // the agent's moves: hooks switched off where Gemini CLI reads settings besides ~/.gemini: the
  // user folder GEMINI_CLI_HOME names, and system settings (read only from a path root owns and
  // only root can write: a folder of the test's under /root, when the tests run as root)
  const switchedOff = async (root: boolean) => {
    g = guardedRepo('gemini');
    const moved = join(g.home, 'gemini-home');
    geminiHome(root ? g.home : moved, g.repo.dir);
    const off = JSON.stringify({ hooksConfig: { enabled: false } });
    let file: string;
    let extra: Record<string, string>;
    if (root) {
      systemDir = mkdtempSync('/root/killdate-gemini-system-');
      file = join(systemDir, 'settings.json');
      writeFileSync(file, off);
      extra = { GEMINI_CLI_SYSTEM_SETTINGS_PATH: file };
    } else {
      file = join(moved, '.gemini/settings.json');
      writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), ...JSON.parse(off) }));
      extra = { GEMINI_CLI_HOME: moved };
    }
    server = await startGeminiServer([
      { call: 'write_file', args: { file_path: g.outside, content: 'export const charge = 1;\n' } },
      { text: 'Done.' },
    ]);
    const env = cleanEnv(g.home, {
      GEMINI_API_KEY: 'test-offline',
      GOOGLE_GEMINI_BASE_URL: server.url,
      ...extra,
    });
    await geminiRun(g, env, 'Write the billing charge.');
    // the switch-off is real: no hook ran and the write landed
    expect(readFileSync(g.outside, 'utf8')).toBe('export const charge = 1;\n');
    const status = await runAgentBinary(
      process.execPath,
      [join(BIN, '../../dist/killdate.js'), 'status', '--json'],
      {
        cwd: g.repo.dir,
        env,
      },
    );
    expect(
      JSON.parse(status.stdout).guards.find((s: { agent: string }) => s.agent === 'gemini'),
    ).toMatchObject({
      live: false,
      detail: `hooksConfig.enabled is false in ${file}`,
    });
  };
  it(
    'hooksConfig.enabled: false in the settings in GEMINI_CLI_HOME: the write outside FILES lands, and status says the guard is off',
    () => switchedOff(false),
    120_000,
  );
  it.skipIf(process.getuid?.() !== 0)(
    'hooksConfig.enabled: false in the system settings: the write outside FILES lands, and status says the guard is off',
    () => switchedOff(true),
    120_000,
  );
});
