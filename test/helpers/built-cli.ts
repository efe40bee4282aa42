// The real killdate binary for spawned CLI tests, built from the current sources into a
// private temp folder (same esbuild setup as scripts/build.mjs), so a concurrent
// `npm run build` that empties dist/ cannot pull the binary from under a running test.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli as buildInto } from '../../scripts/build-options.mjs';
import { TOKEN_TABLE, writeTokenTable } from '../../scripts/token-table.mjs';

const ROOT = join(import.meta.dirname, '../..');

/** Bundle src/cli/bin.ts to `<tmp>/killdate.js` (the guard and the token table beside it); returns the entry's path. */
export async function buildCli(): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), 'killdate-cli-build-'));
  await buildInto({
    absWorkingDir: ROOT,
    outdir,
    buildId: `test-${Date.now().toString(36)}`,
    logLevel: 'error',
  });
  writeTokenTable(join(outdir, TOKEN_TABLE));
  return join(outdir, 'killdate.js');
}

export function removeBuild(entry: string): void {
  rmSync(join(entry, '..'), { recursive: true, force: true });
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Spawn the built binary in `cwd`, colours off, nothing on stdin. */
export function runBuilt(entry: string, cwd: string, args: string[]): CliRun {
  const r = spawnSync(process.execPath, [entry, ...args], {
    cwd,
    encoding: 'utf8',
    input: '',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', KILLDATE_DEBUG: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};

/** Copy a fixture folder into a fresh temp git repo with one commit; returns the repo path. */
export function repoFromFixture(fixture: string, prefix = 'killdate-repo-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(fixture, dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Kit User');
  git(dir, 'config', 'user.email', 'kit-user@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'fork of the starter kit');
  return dir;
}

export { git as gitIn };
