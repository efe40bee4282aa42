// `feature complete` checks the kit's definition of done (every task approved in REVIEW.md,
// shipped and verified, kill dates recorded in the session log, checkpoints holding), and the
// move to _completed/ re-opens no checkpoint in `status`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canaryExpand, canaryStart } from '../../src/api/canary.js';
import { featureComplete } from '../../src/api/complete.js';
import { status } from '../../src/api/status.js';
import { day, TODAY } from '../helpers/dates.js';
import { approvals, builtRepo, FEATURE } from './built.js';
import { cli } from './repo.js';

const CANARY = `canary:
  stages:
    - { name: you, window: 15m }
    - { name: 100%, window: 0s }
`;
const LOG = 'project-management/_log.md';
const t0 = new Date(`${TODAY}T10:00:00Z`);
const later = new Date(t0.getTime() + 20 * 60_000);

describe('feature complete', () => {
  it('refuses until every task is approved, the feature shipped and its kill date is in the log', async () => {
    const repo = builtRepo(CANARY);
    const refused = cli(repo.dir, ['feature', 'complete', FEATURE]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${FEATURE} is not done:`);
    expect(refused.stderr).toContain(`task 02-form has no approval in feature-builds/${FEATURE}/REVIEW.md`);
    expect(refused.stderr).toContain(
      `not shipped: no finished ship or canary of ${FEATURE} is recorded in .killdate/`,
    );
    expect(refused.stderr).toContain(`kill date ${day(68)} of flag settings_page is not recorded in ${LOG}`);
    expect(refused.stderr).not.toContain('task 01-prefs');

    repo.write({
      [`feature-builds/${FEATURE}/REVIEW.md`]: approvals(['01-prefs', '02-form']),
      [LOG]: `# Session log\n\n## ${TODAY}\n\n**Branch:** main\n**What happened:** Shipped settings. Kill date ${day(68)} for flag settings_page.\n`,
    });
    repo.commit('approved, logged');
    await canaryStart({ cwd: repo.dir, feature: FEATURE, now: t0 });
    expect(() => featureComplete({ cwd: repo.dir, feature: FEATURE, now: t0 })).toThrow(
      `not shipped: the canary of ${FEATURE} is at stage "you", not complete at the last stage`,
    );
    await canaryExpand({ cwd: repo.dir, feature: FEATURE, now: later });
    const done = featureComplete({ cwd: repo.dir, feature: FEATURE, now: later });
    expect(done.checked).toContain('shipped: canary complete at stage "100%"');
    expect(done.to).toBe(`feature-builds/_completed/${FEATURE}`);
    repo.commit('completed');

    const s = (await status({ cwd: repo.dir, feature: FEATURE })).features[0]!;
    expect(s.state).toBe('completed');
    expect(s.checkpoints.map((c) => `${c.checkpoint} ${c.status}`)).toEqual([
      'CP-0 signed',
      'CP-1 signed',
      'CP-2 signed',
      'CP-3 signed',
    ]);
    const shown = cli(repo.dir, ['status']);
    expect(shown.stdout).not.toMatch(/reopened|re-opened/);
  });

  it('a deploy made without killdate ship is attested with --shipped', () => {
    const repo = builtRepo(CANARY, {
      [LOG]: `# Session log\n\n## ${TODAY}\n\n**Branch:** main\n**What happened:** Deployed by hand. Kill date ${day(68)}.\n`,
    });
    repo.write({ [`feature-builds/${FEATURE}/REVIEW.md`]: approvals(['01-prefs', '02-form']) });
    repo.commit('approved');
    const r = cli(repo.dir, ['feature', 'complete', FEATURE, '--shipped', '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).checked).toContain('shipped: attested live in production and verified');
    expect(readFileSync(join(repo.dir, `feature-builds/_completed/${FEATURE}/REVIEW.md`), 'utf8')).toContain(
      'approved',
    );
  });
});
