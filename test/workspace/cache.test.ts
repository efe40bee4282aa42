// The check cache on real temp git repos: a hit when nothing changed, a miss on any change
// (document, config, date, a path a rule asked about), and no cache when asked or unable.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { check } from '../../src/api/check.js';
import { featureNew } from '../../src/api/feature.js';
import { status } from '../../src/api/status.js';
import { CACHE_FILE, cacheKey, readCachedCheck, writeCachedCheck } from '../../src/workspace/cache.js';
import { day, TODAY } from '../helpers/dates.js';

const dirs: string[] = [];
function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'kd-cache-'));
  dirs.push(root);
  execFileSync('git', ['init', '-q'], { cwd: root });
  for (const [rel, text] of Object.entries(files)) write(root, rel, text);
  return root;
}
function write(root: string, rel: string, text: string) {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}
afterEach(() => {
  dirs.length = 0;
});

const ROADMAP = 'project-management/ROADMAP.md';
const run = (cwd: string, extra: { today?: string; cache?: boolean } = {}) =>
  check({ cwd, today: TODAY, ...extra });
/** the doc/* rules these tests exercise: other rules come and go with the method */
const docRules = (r: { findings: { rule: string }[] }) =>
  r.findings.map((f) => f.rule).filter((id) => id.startsWith('doc/'));

describe('check cache', () => {
  it('serves the same findings when nothing changed, and stores them under .killdate/cache', () => {
    const root = repo({ [ROADMAP]: '# Roadmap\n\n##\n' });
    const first = run(root);
    expect(first.cached).toBe(false);
    expect(docRules(first)).toContain('doc/empty-heading');
    const second = run(root);
    expect(second.cached).toBe(true);
    expect(second.findings).toEqual(first.findings);
    expect(second.summary).toEqual(first.summary);
    expect(existsSync(join(root, CACHE_FILE))).toBe(true);
    expect(readFileSync(join(root, '.killdate/cache/.gitignore'), 'utf8')).toBe('*\n');
  });

  it('an edited document (nothing else touched) gives new findings', () => {
    const root = repo({ [ROADMAP]: '# Roadmap\n\n## Next\n' });
    expect(docRules(run(root))).toEqual([]);
    write(root, ROADMAP, '# Roadmap\n\n##\n\n- [ ] more\n');
    const after = run(root);
    expect(after.cached).toBe(false);
    expect(docRules(after)).toEqual(['doc/empty-heading']);
  });

  it('a same-size edit within the same mtime tick is still seen (recent documents are hashed)', () => {
    const root = repo({ [ROADMAP]: '# Roadmap\n\n## Next\n' });
    const tick = Math.floor(Date.now() / 1000); // a coarse clock: both writes get this mtime
    utimesSync(join(root, ROADMAP), tick, tick);
    expect(docRules(run(root))).toEqual([]);
    write(root, ROADMAP, '# Roadmap\n\n##\nNext\n');
    utimesSync(join(root, ROADMAP), tick, tick);
    expect(statSync(join(root, ROADMAP)).size).toBe(19);
    expect(docRules(run(root))).toEqual(['doc/empty-heading']);
  });

  it('documents stored as racy are keyed by mtime once they settle: a hit stops reading them', async () => {
    const root = repo({ [ROADMAP]: '# Roadmap\n\n## Next\n' });
    const recent = new Date(Date.now() - 2000); // within the racy window: stored with its hash
    utimesSync(join(root, ROADMAP), recent, recent);
    run(root);
    const stored = () => JSON.parse(readFileSync(join(root, CACHE_FILE), 'utf8')).racy;
    expect(Object.keys(stored())).toEqual([ROADMAP]);
    await new Promise((r) => setTimeout(r, Math.max(0, recent.getTime() + 3100 - Date.now())));
    expect(run(root).cached).toBe(true);
    expect(stored()).toEqual({});
    expect(run(root).cached).toBe(true);
    write(root, ROADMAP, '# Roadmap\n\n##\n'); // a later edit moves the mtime: still seen
    expect(docRules(run(root))).toEqual(['doc/empty-heading']);
  });

  it('a new document, a changed config or another day is a miss', () => {
    const root = repo({ [ROADMAP]: '# Roadmap\n' });
    run(root);
    expect(run(root).cached).toBe(true);
    write(root, 'project-management/STACK.md', '');
    const added = run(root);
    expect(added.cached).toBe(false);
    expect(docRules(added)).toEqual(['doc/empty']);
    write(root, 'killdate.config.yaml', 'rules:\n  doc/empty: "off"\n');
    const configured = run(root);
    expect(configured.cached).toBe(false);
    expect(docRules(configured)).toEqual([]);
    expect(run(root, { today: day(1) }).cached).toBe(false);
  });

  it('re-verifies the paths rules asked about: a file created since is a miss', () => {
    const root = repo({ [ROADMAP]: '# Roadmap\n' });
    const inputs = { root, configText: '', today: TODAY, paths: [ROADMAP] };
    const files = new Map([[ROADMAP, '# Roadmap\n']]);
    const seen = { exists: new Map([['docs/missing.md', false]]), files };
    expect(writeCachedCheck(root, cacheKey(inputs), { documents: 1, findings: [] }, seen)).toBe(true);
    expect(readCachedCheck(root, cacheKey(inputs))).toEqual({ documents: 1, findings: [] });
    write(root, 'docs/missing.md', '# now here\n');
    expect(readCachedCheck(root, cacheKey(inputs))).toBeUndefined();
  });

  it('--no-cache neither reads nor writes the cache', () => {
    const root = repo({ [ROADMAP]: '# Roadmap\n' });
    expect(run(root, { cache: false }).cached).toBe(false);
    expect(existsSync(join(root, '.killdate'))).toBe(false);
    run(root);
    expect(run(root, { cache: false }).cached).toBe(false);
  });

  it('a workspace where .killdate/ cannot be written is checked without a cache', () => {
    const root = repo({ [ROADMAP]: '# Roadmap\n\n##\n', '.killdate': 'a file, not a folder\n' });
    expect(docRules(run(root))).toEqual(['doc/empty-heading']);
    expect(run(root).cached).toBe(false);
    expect(readFileSync(join(root, '.killdate'), 'utf8')).toBe('a file, not a folder\n');
  });

  it('a corrupt cache file is ignored and replaced', () => {
    const root = repo({ [ROADMAP]: '# Roadmap\n' });
    write(root, CACHE_FILE, '{ not json');
    expect(run(root).cached).toBe(false);
    expect(run(root).cached).toBe(true);
  });

  it('a path filter applies to cached findings as to fresh ones', () => {
    const root = repo({ [ROADMAP]: '# Roadmap\n\n##\n', 'project-management/STACK.md': '' });
    const fresh = check({ cwd: root, today: TODAY, paths: ['project-management/STACK.md'] });
    const cached = check({ cwd: root, today: TODAY, paths: ['project-management/STACK.md'] });
    expect(cached.cached).toBe(true);
    expect(cached.findings).toEqual(fresh.findings);
    expect(new Set(cached.findings.map((f) => f.file))).toEqual(new Set(['project-management/STACK.md']));
    expect(run(root).findings.some((f) => f.file === ROADMAP)).toBe(true);
  });

  it('check and status share one cache: neither misses after the other', async () => {
    const root = repo({ 'src/shim.ts': `// KILLDATE ${day(3)} shim x: no calls\n` });
    featureNew({ cwd: root, slug: 'draft-one' }); // a draft: status needs its findings
    execFileSync('git', ['add', '-A'], { cwd: root });
    const first = run(root);
    expect(first.findings.map((f) => f.rule)).toContain('killdate/undeclared');
    const written = statSync(join(root, CACHE_FILE)).ino;
    // whenCached tells the CLI no rule will run (it then lets the heap grow as V8 likes)
    let hits = 0;
    const whenCached = () => hits++;
    const blocked = (await status({ cwd: root, today: TODAY, whenCached })).features[0]!;
    expect(blocked.blockers.length).toBeGreaterThan(0);
    expect(statSync(join(root, CACHE_FILE)).ino).toBe(written); // a hit writes nothing
    expect(hits).toBe(1);
    write(root, ROADMAP, '# Roadmap\n\n## Next\n');
    await status({ cwd: root, today: TODAY, whenCached }); // a miss: status runs the rules and stores them
    expect(statSync(join(root, CACHE_FILE)).ino).not.toBe(written);
    expect(hits).toBe(1);
    const after = run(root);
    expect(after.cached).toBe(true);
    expect(after.findings.map((f) => f.rule)).toContain('killdate/undeclared');
  });
});
