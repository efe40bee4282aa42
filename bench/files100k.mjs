// A feature whose first runbook's FILES block has 100,000 entries, signed through CP-3, with
// that task active: `status`, `signoff` (the plan) and the PreToolUse hook on it, each under
// 1 s. Built once under bench/.work/files-100k (git-ignored) from a 10-feature workspace.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kase } from './case.mjs';
import { generate, SHAPE } from './generate.mjs';

const work = join(dirname(fileURLToPath(import.meta.url)), '.work');
const ENTRIES = 100_000;

function fixture(node, bin) {
  const dir = join(work, 'files-100k');
  const input = join(dir, '.killdate/hook-input.json');
  if (existsSync(input)) return { dir, input };
  generate(dir, { ...SHAPE, features: 10, logLines: 200, issues: 10 });
  const rb = join(dir, 'feature-builds/feature-0001/runbook-01-part-1.md');
  const files = Array.from({ length: ENTRIES }, (_, i) => `- src/g/f${i}.ts`).join('\n');
  writeFileSync(rb, readFileSync(rb, 'utf8').replace('- src/features/f0001/part-1.ts', files));
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('config', 'user.name', 'bench');
  git('config', 'user.email', 'bench@example.invalid');
  git('commit', '-qam', `${ENTRIES} FILES entries`);
  const kd = (...args) => execFileSync(node, [bin, ...args, '-C', dir], { stdio: 'ignore' });
  for (const cp of ['cp0', 'cp1', 'cp2', 'cp3']) kd('signoff', 'feature-0001', cp, '--yes');
  kd('task', 'start', 'feature-0001', '1');
  writeFileSync(
    input,
    JSON.stringify({
      cwd: dir,
      hook_event_name: 'PreToolUse',
      tool_name: 'Write',
      tool_input: { file_path: join(dir, `src/g/f${ENTRIES - 1}.ts`), content: 'x' },
    }),
  );
  return { dir, input };
}

const WHAT = `FILES ${ENTRIES.toLocaleString('en')}`;
export const filesCases = [
  kase(`${WHAT}: status`, ({ node, bin }) => {
    const { dir } = fixture(node, bin);
    return { argv: [node, bin, 'status', '-C', dir], targets: { wall: 1 } };
  }),
  kase(`${WHAT}: signoff cp3 (the plan)`, ({ node, bin }) => {
    const { dir } = fixture(node, bin);
    return { argv: [node, bin, 'signoff', 'feature-0001', 'cp3', '--json', '-C', dir], targets: { wall: 1 } };
  }),
  kase(`${WHAT}: hook pre-tool-use`, ({ node, bin }) => {
    const { dir, input } = fixture(node, bin);
    return {
      argv: ['/bin/sh', '-c', `'${node}' '${bin}' hook pre-tool-use < '${input}'`],
      baseline: { name: 'node -e 0 (same stdin)', argv: ['/bin/sh', '-c', `'${node}' -e 0 < '${input}'`] },
      cwd: dir,
      targets: { wall: 1 },
    };
  }),
];
