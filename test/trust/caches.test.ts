// The caches under .killdate/cache/ are files any agent can write. Played the agent's way: the
// check cache's findings emptied, a lock's parse rewritten to say every gate PASSED, and a
// folder's kept findings emptied. The
// display commands then show the forgery (they read the caches, for speed); the acts that
// record or gate something (signoff, task start, ci) read no cache and still refuse.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CANONICAL, LOCK, RUNBOOK } from '../gates/fixture.js';
import { makeRepo, type Repo, runCli } from '../gates/repo.js';
import { TODAY } from '../helpers/dates.js';

const DIR = 'feature-builds/settings-page';
const LOCK_PATH = `${DIR}/PRE-BUILD-LOCK.md`;
const RUNBOOK_PATH = `${DIR}/runbook-01-settings-form.md`;
let repo: Repo;
afterEach(() => repo?.cleanup());

const kd = (...args: string[]) => runCli(repo.dir, [...args, '--today', TODAY]);
const CACHE = '.killdate/cache';

/** Gate 7 BLOCKED: CP-1 cannot be signed. */
const blockedLock = () => {
  const at = LOCK.indexOf('## Gate 7');
  const rest = LOCK.slice(at).replace(
    '**Status:** ☑ PASSED ☐ BLOCKED ☐ N/A',
    '**Status:** ☐ PASSED ☑ BLOCKED ☐ N/A',
  );
  return LOCK.slice(0, at) + rest;
};

/** The agent's move: rewrite every cached parse of `path` with `edit`, and empty any cached findings. */
function forgeCaches(path: string, edit: (kind: string, parse: Record<string, unknown>) => void) {
  const md = join(repo.dir, CACHE, 'md');
  let forged = 0;
  for (const name of readdirSync(md)) {
    const file = join(md, name);
    const shard = JSON.parse(readFileSync(file, 'utf8'));
    const entry = shard.docs?.[path];
    if (!entry) continue;
    edit(name.replace(/-[0-9a-f]+\.json$/, ''), entry[1]);
    writeFileSync(file, JSON.stringify(shard));
    forged++;
  }
  expect(forged).toBeGreaterThan(0);
  const findings = join(repo.dir, CACHE, 'check.json');
  if (!existsSync(findings)) return;
  const check = JSON.parse(readFileSync(findings, 'utf8'));
  check.findings = [];
  writeFileSync(findings, JSON.stringify(check));
}

const allPassed = (kind: string, parse: Record<string, unknown>) => {
  const gates = parse.gates as { status: { state: string } }[] | undefined;
  if (kind.startsWith('lock')) for (const g of gates ?? []) g.status.state = 'PASSED';
};

describe('caches an agent rewrote', () => {
  it('status shows the forgery; signoff and ci read no cache and still refuse CP-1', () => {
    repo = makeRepo({ 'marketing/canonical/MARKETING-TRUTH.md': CANONICAL, [LOCK_PATH]: blockedLock() });
    expect(kd('signoff', 'settings-page', 'cp0', '--yes').status).toBe(0);
    const before = JSON.parse(kd('status', 'settings-page', '--json').stdout).features[0];
    expect(before.next).toBe('CP-1');
    expect(before.blockers.map((b: { message: string }) => b.message)).toContain(
      'gate 7 status is BLOCKED: expected PASSED',
    );

    forgeCaches(LOCK_PATH, allPassed);
    const shown = JSON.parse(kd('status', 'settings-page', '--json').stdout).features[0];
    expect(shown.blockers).toEqual([]); // the display believed the cache

    const sign = kd('signoff', 'settings-page', 'cp1', '--yes');
    expect(sign.status).toBe(1);
    expect(sign.stderr + sign.stdout).toMatch(/gate 7 status is BLOCKED: expected PASSED/);
    expect(readFileSync(join(repo.dir, DIR, 'SIGNOFFS.md'), 'utf8')).not.toMatch(/CP-1/);
    const ci = kd('ci', '--format', 'json');
    expect(ci.status).toBe(1);
    expect(JSON.parse(ci.stdout).findings.some((f: { file: string }) => f.file === LOCK_PATH)).toBe(true);
  });

  it("a folder's kept findings emptied: status shows it after an edit; signoff and ci still refuse", () => {
    const blankScope = LOCK.replace(/\*\*Scope statement:\*\* .*/, '**Scope statement:**');
    repo = makeRepo({ 'marketing/canonical/MARKETING-TRUTH.md': CANONICAL, [LOCK_PATH]: blankScope });
    expect(kd('signoff', 'settings-page', 'cp0', '--yes').status).toBe(0);
    const blank = /gate 2 "Scope statement" is blank/;
    const before = JSON.parse(kd('status', 'settings-page', '--json').stdout).features[0];
    expect(before.blockers.map((b: { message: string }) => b.message).join('\n')).toMatch(blank);

    const file = join(repo.dir, CACHE, 'folders.json');
    const kept = JSON.parse(readFileSync(file, 'utf8'));
    for (const folder of Object.values(kept.folders)) (folder as { findings: unknown[] }).findings = [];
    writeFileSync(file, JSON.stringify(kept));
    repo.write({ 'project-management/ROADMAP.md': '# Roadmap\n\n## Next\n\n- [ ] settings page\n' });
    const shown = JSON.parse(kd('status', 'settings-page', '--json').stdout).features[0];
    expect(shown.blockers).toEqual([]); // the display believed the folder cache

    const sign = kd('signoff', 'settings-page', 'cp1', '--yes');
    expect(sign.status).toBe(1);
    expect(sign.stderr + sign.stdout).toMatch(blank);
    expect(readFileSync(join(repo.dir, DIR, 'SIGNOFFS.md'), 'utf8')).not.toMatch(/CP-1/);
    const ci = kd('ci', '--format', 'json');
    expect(ci.status).toBe(1);
    expect(JSON.parse(ci.stdout).findings.some((f: { file: string }) => f.file === LOCK_PATH)).toBe(true);
  });

  it("task start takes FILES from the runbook's text, not from a cached parse that says `**`", () => {
    repo = makeRepo({ 'marketing/canonical/MARKETING-TRUTH.md': CANONICAL, [LOCK_PATH]: LOCK });
    for (const cp of ['cp0', 'cp1']) expect(kd('signoff', 'settings-page', cp, '--yes').status).toBe(0);
    repo.write({ [`${DIR}/mocks/settings.html`]: '<html><body>settings</body></html>\n' });
    expect(kd('signoff', 'settings-page', 'cp2', '--yes').status).toBe(0);
    repo.write({ [RUNBOOK_PATH]: RUNBOOK });
    expect(kd('signoff', 'settings-page', 'cp3', '--yes').status).toBe(0);
    repo.commit('ready');
    kd('status', '--json');
    forgeCaches(RUNBOOK_PATH, (kind, parse) => {
      if (kind === 'runbook-conditions')
        parse.files = [{ pattern: '**', raw: '**', line: 1, isNew: false, placeholder: false }];
    });
    const started = runCli(repo.dir, ['task', 'start', 'settings-page', '1', '--json']);
    expect(started.status, started.stderr).toBe(0);
    expect(JSON.parse(started.stdout).active.files).toEqual([
      'app/routes/settings.tsx',
      'app/lib/email-prefs.ts',
    ]);
  });
});
