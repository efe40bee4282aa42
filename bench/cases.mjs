// The benchmark cases: a flat list a later issue extends by adding an entry. Each case has
// a name, the command (argv) it measures, an optional baseline measured in the same run, an
// optional `before` hook run ahead of every repetition, its targets, and the number of
// items it processes (for a throughput figure).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hookFixture, scopeFixture } from './gates.mjs';
import { killDatesCase } from './killdates.mjs';
import { loopCases } from './loop.mjs';
import { toolTokenReport } from './mcp-tools.mjs';
import { ensureDemo, ensureMedium, tokenReport } from './start-tokens.mjs';

/** @typedef {{ node: string, bin: string, ws: string, floor: string, features: number }} Ctx */

/** @type {Array<(ctx: Ctx) => object>} */
export const cases = [
  ({ node, bin }) => ({
    name: 'killdate --version',
    argv: [node, bin, '--version'],
    baseline: { name: 'node -e 0', argv: [node, '-e', '0'] },
    targets: { ratio: 1.5 },
  }),
  ({ node, bin, ws, floor, features }) => ({
    name: 'check, cold',
    argv: [node, bin, 'check', '--json', '-C', ws],
    before: () => rmSync(join(ws, '.killdate/cache'), { recursive: true, force: true }),
    baseline: { name: 'floor: read the documents', argv: [node, floor, ws] },
    targets: { wall: 1.5, peakMB: 400 },
    items: features,
    unit: 'features',
    reference: 'the leading spec-driven tool validates ~170 items/s here; aim 10x = 1,700/s',
  }),
  ({ node, bin, ws }) => ({
    name: 'check, warm (nothing changed)',
    argv: [node, bin, 'check', '--json', '-C', ws],
    targets: { wall: 0.3 },
  }),
  ({ node, bin }) => {
    const { dir, input } = hookFixture();
    const sh = (cmd) => ['/bin/sh', '-c', `${cmd} < '${input}'`];
    return {
      name: 'hook pre-tool-use (50 FILES globs)',
      argv: sh(`'${node}' '${bin}' hook pre-tool-use`),
      baseline: { name: 'node -e 0 (same stdin)', argv: sh(`'${node}' -e 0`) },
      cwd: dir,
      targets: { ratio: 1.5 },
    };
  },
  ({ node, bin }) => {
    const { dir, codex } = hookFixture();
    const sh = (cmd) => ['/bin/sh', '-c', `${cmd} < '${codex}'`];
    return {
      name: 'hook before-write --agent codex (apply_patch, 2 files, 50 FILES globs)',
      argv: sh(`'${node}' '${bin}' hook before-write --agent codex`),
      baseline: { name: 'node -e 0 (same stdin)', argv: sh(`'${node}' -e 0`) },
      cwd: dir,
      targets: { ratio: 1.5 },
    };
  },
  ({ node, bin }) => {
    const { dir } = scopeFixture();
    return {
      name: 'scope: 10,000 changed files, 1,000 globs',
      argv: [node, bin, 'scope', '--json', '-C', dir],
      targets: { wall: 0.3 },
      items: 10_000,
    };
  },
  killDatesCase,
  ({ node, bin }) => {
    const demo = ensureDemo(node, bin);
    return {
      name: 'start, demo',
      argv: [node, bin, 'start', '-C', demo],
      baseline: { name: 'node -e 0', argv: [node, '-e', '0'] },
      targets: { wall: 0.2 },
      report: () => tokenReport('start tokens, demo', node, bin, demo, 1500),
    };
  },
  ({ node, bin }) => {
    const demo = ensureDemo(node, bin);
    return {
      name: 'start, demo, token cache cold',
      argv: [node, bin, 'start', '-C', demo],
      before: () => rmSync(join(demo, '.killdate/cache/tokens.json'), { force: true }),
      targets: { wall: 0.2 },
    };
  },
  ({ node, bin }) => ({
    name: 'start --hook, demo',
    argv: [node, bin, 'start', '--hook', '-C', ensureDemo(node, bin)],
    targets: { wall: 0.2 },
  }),
  ({ node, bin }) => {
    const medium = ensureMedium(node, bin);
    return {
      name: 'start, medium (200-line log, 30 issues, 20 roadmap items)',
      argv: [node, bin, 'start', '-C', medium],
      report: () => tokenReport('start tokens, medium', node, bin, medium, 1500),
    };
  },
  ({ node, bin, ws }) => ({
    name: 'start, large (20,000-line log, 500 issues)',
    argv: [node, bin, 'start', '-C', ws],
    report: () => tokenReport('start tokens, large', node, bin, ws),
  }),
  ...loopCases,
  ({ node, bin, ws }) => {
    const script = fileURLToPath(new URL('./mcp-tools.mjs', import.meta.url));
    return {
      name: 'mcp: start the server, initialize, tools/list',
      argv: [node, script, node, bin],
      report: () => toolTokenReport(node, script, bin, ws),
    };
  },
];
