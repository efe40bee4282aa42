// The real killdate binary for spawned CLI tests, built from the current sources into a
// private temp folder (same esbuild setup as scripts/build.mjs), so a concurrent
// `npm run build` that empties dist/ cannot pull the binary from under a running test.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = join(import.meta.dirname, '../..');

/** Bundle src/cli/bin.ts to `<tmp>/killdate.js`; returns the path of the entry file. */
export async function buildCli(): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), 'killdate-cli-build-'));
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  await build({
    absWorkingDir: ROOT,
    entryPoints: { killdate: 'src/cli/bin.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    define: {
      __KILLDATE_VERSION__: JSON.stringify(pkg.version),
      __KILLDATE_BUILD__: JSON.stringify(`test-${Date.now().toString(36)}`),
    },
    banner: {
      js: "import { createRequire as __kdRequire } from 'node:module'; const require = __kdRequire(import.meta.url);",
    },
    plugins: [unwrittenModulesExternal],
    legalComments: 'none',
    logLevel: 'error',
  });
  return join(outdir, 'killdate.js');
}

/**
 * Several people share this working tree: a command registered in src/cli/commands.ts whose
 * module is not written yet must not break the build of every other command. Such an import
 * stays external (it fails only if that command is run).
 */
const unwrittenModulesExternal: Plugin = {
  name: 'unwritten-modules-external',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      const base = join(args.resolveDir, args.path);
      const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx')];
      return candidates.some((c) => existsSync(c)) ? undefined : { path: args.path, external: true };
    });
  },
};

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
