// The benchmark cases: a flat list a later issue extends by adding an entry. Each entry is a
// name and a `make(ctx)` that builds the case's fixture and returns the command (argv) it
// measures, an optional baseline measured in the same run, an optional `before` hook run
// ahead of every repetition (and `after`, once the case is measured), its targets, and the
// number of items it processes (for a throughput figure). `make` runs only for the selected
// cases (`--only`), so a skipped case builds nothing; `ctx.ws` generates the large workspace the
// first time it is read.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kase } from './case.mjs';
import { filesCases } from './files100k.mjs';
import { hookFixture, ignoredFixture, scopeFixture } from './gates.mjs';
import { killDatesCase } from './killdates.mjs';
import { loopCases } from './loop.mjs';
import { toolTokenReport } from './mcp-tools.mjs';
import { openSpecCases } from './openspec.mjs';
import { scalingCases } from './scaling.mjs';
import { ensureDemo, ensureMedium, tokenReport } from './start-tokens.mjs';

/** @typedef {{ node: string, bin: string, ws: string, floor: string, features: number }} Ctx */
/** @typedef {{ name: string, make: (ctx: Ctx) => object }} Case */

/**
 * Claude Code's Stop hook as installed (`killdate hook session-end`), or node -e 0, on the same
 * stdin. With `cwd`, the hook runs once first: a session with no log entry for today is sent
 * back once (exit 2), so each measured run checks the session's end in full and lets it end.
 */
function stopHook(node, bin, cwd) {
  const argv = [
    '/bin/sh',
    '-c',
    `echo '{"session_id":"bench","hook_event_name":"Stop"}' | '${node}' ${bin ? `'${bin}' hook session-end --agent claude` : '-e 0'}`,
  ];
  if (cwd) spawnSync(argv[0], argv.slice(1), { cwd, stdio: 'ignore' });
  return argv;
}

/** @type {Case[]} */
export const cases = [
  kase('killdate --version', ({ node, bin }) => ({
    argv: [node, bin, '--version'],
    baseline: { name: 'node -e 0', argv: [node, '-e', '0'] },
    targets: { ratio: 1.5 },
  })),
  kase('check, cold', ({ node, bin, ws, floor, features }) => ({
    argv: [node, bin, 'check', '--json', '-C', ws],
    before: () => rmSync(join(ws, '.killdate/cache'), { recursive: true, force: true }),
    baseline: { name: 'floor: read the documents', argv: [node, floor, ws] },
    targets: { wall: 1.5, peakMB: 400 },
    items: features,
    unit: 'features',
    reference: 'OpenSpec side by side: see the "openspec" cases',
  })),
  kase('check, warm (nothing changed)', ({ node, bin, ws }) => ({
    argv: [node, bin, 'check', '--json', '-C', ws],
    targets: { wall: 0.3 },
  })),
  kase('hook pre-tool-use (50 FILES globs)', ({ node, bin }) => {
    const { dir, input } = hookFixture();
    const sh = (cmd) => ['/bin/sh', '-c', `${cmd} < '${input}'`];
    return {
      argv: sh(`'${node}' '${bin}' hook pre-tool-use`),
      baseline: { name: 'node -e 0 (same stdin)', argv: sh(`'${node}' -e 0`) },
      cwd: dir,
      targets: { ratio: 1.5 },
    };
  }),
  kase('hook before-write --agent codex (apply_patch, 2 files, 50 FILES globs)', ({ node, bin }) => {
    const { dir, codex } = hookFixture();
    const sh = (cmd) => ['/bin/sh', '-c', `${cmd} < '${codex}'`];
    return {
      argv: sh(`'${node}' '${bin}' hook before-write --agent codex`),
      baseline: { name: 'node -e 0 (same stdin)', argv: sh(`'${node}' -e 0`) },
      cwd: dir,
      targets: { ratio: 1.5 },
    };
  }),
  kase('scope: 10,000 changed files, 1,000 globs', async ({ node, bin }) => {
    const { dir } = await scopeFixture();
    const { base } = JSON.parse(readFileSync(join(dir, '.killdate/active-task.json'), 'utf8'));
    return {
      argv: [node, bin, 'scope', '--json', '-C', dir],
      // git's own answer to the same question (scope asks git diff-index, then hashes only
      // the files whose stat changed, as git diff does)
      baseline: {
        name: 'git diff --raw -M (the same changes)',
        argv: ['git', '-C', dir, 'diff', '--raw', '-M', '-z', base, '--'],
      },
      targets: { wall: 0.3 },
      items: 10_000,
    };
  }),
  kase(
    'scope: 10 changed files, 50,000 ignored in node_modules/ (5 written since the start)',
    async ({ node, bin }) => {
      const { dir } = await ignoredFixture();
      return {
        argv: [node, bin, 'scope', '--json', '-C', dir],
        targets: { wall: 0.3 },
        items: 50_000,
      };
    },
  ),
  killDatesCase,
  kase('start, demo', ({ node, bin }) => {
    const demo = ensureDemo(node, bin);
    return {
      argv: [node, bin, 'start', '-C', demo],
      baseline: { name: 'node -e 0', argv: [node, '-e', '0'] },
      targets: { wall: 0.2 },
      report: () => tokenReport('start tokens, demo', node, bin, demo, 1500),
    };
  }),
  kase('start, demo, a new log entry since the last start', ({ node, bin }) => {
    const demo = ensureDemo(node, bin);
    const log = join(demo, 'project-management/_log.md');
    const text = readFileSync(log, 'utf8');
    let n = 0;
    return {
      argv: [node, bin, 'start', '-C', demo],
      // a session's new entry: report lines never counted before
      before: () =>
        writeFileSync(
          log,
          `${text}\n## ${new Date().toISOString().slice(0, 10)}\n\n**What happened:** bench entry ${++n}.\n`,
        ),
      after: () => writeFileSync(log, text),
      targets: { wall: 0.2 },
    };
  }),
  kase('start, demo, no cache (the first start after a build)', ({ node, bin }) => {
    const demo = ensureDemo(node, bin);
    return {
      argv: [node, bin, 'start', '-C', demo],
      before: () => rmSync(join(demo, '.killdate/cache'), { recursive: true, force: true }),
    };
  }),
  kase('start --hook, demo', ({ node, bin }) => ({
    argv: [node, bin, 'start', '--hook', '-C', ensureDemo(node, bin)],
    targets: { wall: 0.2 },
  })),
  kase('hook session-end (Stop), demo', ({ node, bin }) => {
    const demo = ensureDemo(node, bin);
    return {
      argv: stopHook(node, bin, demo),
      baseline: { name: 'node -e 0 (same stdin)', argv: stopHook(node) },
      cwd: demo,
      targets: { wall: 0.2 },
    };
  }),
  kase('hook session-end (Stop), large (20,000-line log)', ({ node, bin, ws }) => ({
    argv: stopHook(node, bin, ws),
    cwd: ws,
  })),
  kase('start, medium (200-line log, 30 issues, 20 roadmap items)', ({ node, bin }) => {
    const medium = ensureMedium(node, bin);
    return {
      argv: [node, bin, 'start', '-C', medium],
      report: () => tokenReport('start tokens, medium', node, bin, medium, 1500),
    };
  }),
  kase('start, large (20,000-line log, 500 issues)', ({ node, bin, ws }) => ({
    argv: [node, bin, 'start', '-C', ws],
    report: () => tokenReport('start tokens, large', node, bin, ws),
  })),
  ...loopCases,
  kase('mcp: start the server, initialize, tools/list', ({ node, bin, ws }) => {
    const script = fileURLToPath(new URL('./mcp-tools.mjs', import.meta.url));
    return {
      argv: [node, script, node, bin],
      report: () => toolTokenReport(node, script, bin, ws),
    };
  }),
  ...filesCases,
  ...scalingCases,
  ...openSpecCases,
];
