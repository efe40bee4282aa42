// The run marker: every process killdate starts for a run (executor, VALIDATE, planner) carries
// KILLDATE_RUN_ID=<run id>, and a human act started from inside the run is refused. Played as
// an executor would: its background child calls `killdate accept` on its own run.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, type Repo } from '../gates/repo.js';
import { humanEnv } from '../helpers/human-env.js';
import { PREFS, readyRepo, script } from '../orchestrator/fixture.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

const REVIEW = 'feature-builds/settings-page/REVIEW.md';
const kd = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: { ...env, NO_COLOR: '1' },
  });

describe('the run marker', () => {
  it("an executor's background child running `killdate accept` on its own run is refused", () => {
    repo = readyRepo();
    const out = join(repo.dir, '.git', 'kd-accept.txt');
    const accept = `${process.execPath} ${CLI} accept settings-page 1 --reason "looks fine to me"`;
    const env = script(repo, {
      1: [
        { write: 'src/prefs.js', content: PREFS },
        { write: 'marker.txt', content: '' },
        {
          background: `echo "run=$KILLDATE_RUN_ID" > ${out}.tmp; ${accept} >> ${out}.tmp 2>&1; echo "exit=$?" >> ${out}.tmp; mv ${out}.tmp ${out}`,
        },
        { waitFor: out },
        { rm: 'marker.txt' },
      ],
    });
    const r = kd(humanEnv({ KD_SCRIPT: env.KD_SCRIPT ?? '' }), 'run', 'settings-page', '--json');
    expect(r.status, r.stderr).toBe(0);
    const run = JSON.parse(r.stdout).runs[0];
    const said = readFileSync(out, 'utf8');
    expect(said).toContain(`run=${run.runId}`);
    expect(said).toContain('accept is a human act: refused inside a killdate run');
    expect(said).toContain('exit=1');
    const review = readFileSync(join(repo.dir, REVIEW), 'utf8');
    expect(review).toContain('**Decision:** pending');
    expect(review).not.toMatch(/— decision|accepted/);
  }, 60_000);

  it('VALIDATE commands and the planner carry the marker too', () => {
    repo = readyRepo();
    const seen = join(repo.dir, '.git', 'kd-validate-env.txt');
    repo.write({
      'check-prefs.mjs': `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(seen)}, process.env.KILLDATE_RUN_ID ?? 'none');\nprocess.exit(3);\n`,
    });
    repo.commit('a VALIDATE command that shows its environment and fails');
    const planSeen = join(repo.dir, '.git', 'kd-planner-env.txt');
    const env = script(repo, { 1: [{ write: 'src/prefs.js', content: PREFS }] });
    const r = kd(
      humanEnv({ KD_SCRIPT: env.KD_SCRIPT ?? '', KD_PLANNER_ENV_OUT: planSeen }),
      'run',
      'settings-page',
      '--json',
    );
    expect(r.status).toBe(1); // a check failed (exit 3): the planner is asked for a diagnosis
    const runId = JSON.parse(r.stdout).runs[0].runId;
    expect(readFileSync(seen, 'utf8')).toBe(runId);
    expect(readFileSync(planSeen, 'utf8')).toBe(runId);
  }, 60_000);
});
