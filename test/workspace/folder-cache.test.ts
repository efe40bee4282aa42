// The folder cache on real temp git repos: after an edit, a feature folder whose documents and
// outside reads are unchanged keeps its findings (shown by a forged finding that survives), and
// any change the folder's rules read (its own documents, the canonical text, a mock file)
// checks it again, with exactly the findings of a check without caches.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { check } from '../../src/api/check.js';
import { status } from '../../src/api/status.js';
import { CANONICAL, LOCK } from '../gates/fixture.js';
import { makeRepo, type Repo } from '../gates/repo.js';
import { TODAY } from '../helpers/dates.js';

const CANON = 'marketing/canonical/MARKETING-TRUTH.md';
const SETTINGS = 'feature-builds/settings-page';
const BILLING = 'feature-builds/billing-page';
const LOG = 'project-management/_log.md';
const FOLDERS = '.killdate/cache/folders.json';
const FORGED = {
  rule: 'lock/blank-field',
  severity: 'error',
  file: `${BILLING}/PRE-BUILD-LOCK.md`,
  line: 1,
  message: 'forged',
};

let repo: Repo;
afterEach(() => repo?.cleanup());

function workspace(): Repo {
  return makeRepo({
    [CANON]: CANONICAL,
    [`${SETTINGS}/PRE-BUILD-LOCK.md`]: LOCK,
    [`${SETTINGS}/mocks/settings.html`]: '<html></html>\n',
    [`${BILLING}/PRE-BUILD-LOCK.md`]: LOCK.replaceAll('settings-page', 'billing-page'),
    [`${BILLING}/mocks/settings.html`]: '<html></html>\n',
    [LOG]: '# Session log\n\n## Session 1\n\nStarted.\n',
  });
}
const cached = () => check({ cwd: repo.dir, today: TODAY });
const afresh = () => check({ cwd: repo.dir, today: TODAY, cache: false }).findings;
const append = (rel: string, text: string) =>
  writeFileSync(join(repo.dir, rel), readFileSync(join(repo.dir, rel), 'utf8') + text);
const ruleIds = (findings: { rule: string; file: string }[], dir: string) =>
  findings.filter((f) => f.file.startsWith(`${dir}/`)).map((f) => f.rule);

/** The agent's move on a display cache: a finding written into one folder's kept findings. */
function forgeBilling() {
  const file = join(repo.dir, FOLDERS);
  const data = JSON.parse(readFileSync(file, 'utf8'));
  data.folders[BILLING].findings.push(FORGED);
  writeFileSync(file, JSON.stringify(data));
}

describe('folder cache', () => {
  it('after an edit elsewhere a folder keeps its findings; an edit of its own checks it again', () => {
    repo = workspace();
    expect(cached().cached).toBe(false);
    forgeBilling();
    append(LOG, '\n## Session 2\n\nGoing on.\n'); // the whole check is stale, the folders are not
    const after = cached();
    expect(after.cached).toBe(false);
    expect(after.findings).toContainEqual(FORGED); // kept, not checked again
    append(`${BILLING}/PRE-BUILD-LOCK.md`, '\n');
    const own = cached();
    expect(own.findings).not.toContainEqual(FORGED);
    expect(own.findings).toEqual(afresh());
  });

  it('a changed canonical text or a removed mock checks the folders that read them', () => {
    repo = workspace();
    cached();
    expect(ruleIds(cached().findings, SETTINGS)).not.toContain('lock/citation-not-found');
    writeFileSync(join(repo.dir, CANON), CANONICAL.replace('one settings page', 'the settings screen'));
    const canon = cached();
    expect(ruleIds(canon.findings, SETTINGS)).toContain('lock/citation-not-found');
    expect(ruleIds(canon.findings, BILLING)).toContain('lock/citation-not-found');
    expect(canon.findings).toEqual(afresh());
    writeFileSync(join(repo.dir, CANON), CANONICAL);
    rmSync(join(repo.dir, `${BILLING}/mocks/settings.html`));
    const mock = cached();
    expect(ruleIds(mock.findings, BILLING)).toContain('lock/mock-missing');
    expect(ruleIds(mock.findings, SETTINGS)).not.toContain('lock/mock-missing');
    expect(mock.findings).toEqual(afresh());
  });

  it('status fills and reads the same folder cache', async () => {
    repo = workspace();
    await status({ cwd: repo.dir, today: TODAY });
    forgeBilling();
    append(LOG, '\n## Session 2\n\nGoing on.\n');
    expect(cached().findings).toContainEqual(FORGED);
  });

  it('a damaged folder file is no cache, and --no-cache reads none', () => {
    repo = workspace();
    cached();
    forgeBilling();
    expect(afresh()).not.toContainEqual(FORGED);
    writeFileSync(join(repo.dir, FOLDERS), '{"format":');
    append(LOG, '\nmore\n');
    expect(cached().findings).toEqual(afresh());
  });
});
