// runRules runs a feature's rules one feature folder at a time and lets its parses go: it must
// find exactly what every rule finds over the whole workspace at once, on every rule's examples,
// on all of them in one workspace, on the kit fork and on random workspaces of many features;
// and when only one folder's rules run (signoff), the same findings on that folder's documents.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { onlyFolder, runRules } from '../../src/core/check.js';
import { exampleWorkspace } from '../../src/core/example.js';
import { parseLock } from '../../src/core/parse/lock.js';
import type { ExampleFiles } from '../../src/core/rule.js';
import { rules } from '../../src/core/rules/index.js';
import type { DocStore, Snapshot, Workspace } from '../../src/core/workspace.js';
// the digests status reads of every lock, registered as the commands that read them register them
import '../../src/api/evidence.js';
import { dated, day } from '../helpers/dates.js';
import { fillKitForkPerInstructions } from '../helpers/kit-fork-filled.js';
import { fillKitFork, LOCK } from '../helpers/kit-fork-variant.js';

/** Every rule over the whole workspace, one after another: what runRules must equal. */
function allAtOnce(ws: Workspace): string[] {
  const out = new Set<string>();
  for (const rule of rules)
    rule.check(ws, (f) => out.add(`${rule.id}|${f.file}|${f.line ?? ''}|${f.message}`));
  return [...out].sort();
}

function byFeature(ws: Workspace): string[] {
  return runRules(ws, rules, { release: true })
    .map((f) => `${f.rule}|${f.file}|${f.line ?? ''}|${f.message}`)
    .sort();
}

/** The findings on one feature's documents when only its folder's rules run (signoff). */
function oneFeature(ws: Workspace, dir: string): string[] {
  return runRules(ws, rules, { folders: onlyFolder(dir) })
    .filter((f) => f.file.startsWith(`${dir}/`))
    .map((f) => `${f.rule}|${f.file}|${f.line ?? ''}|${f.message}`)
    .sort();
}

function same(files: ExampleFiles): string[] {
  const expected = allAtOnce(exampleWorkspace(files));
  expect(byFeature(exampleWorkspace(files))).toEqual(expected);
  for (const { dir } of exampleWorkspace(files).features()) {
    const mine = expected.filter((f) => f.split('|')[1]!.startsWith(`${dir}/`));
    expect(oneFeature(exampleWorkspace(files), dir)).toEqual(mine);
  }
  return expected;
}

function readTree(dir: string, root = dir, out: ExampleFiles = {}): ExampleFiles {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) readTree(path, root, out);
    else out[relative(root, path)] = dated(readFileSync(path, 'utf8'));
  }
  return out;
}

const fixture = (name: string) => dated(readFileSync(join('test/fixtures', name), 'utf8'));

describe('rules run feature by feature', () => {
  it('find what the rules find at once, on each rule example', () => {
    let found = 0;
    for (const rule of rules) {
      same(rule.examples.ok);
      found += same(rule.examples.bad).length;
    }
    expect(found).toBeGreaterThan(rules.length);
  });

  it('find what the rules find at once, on every bad example in one workspace', () => {
    const all: ExampleFiles = {};
    for (const rule of rules) for (const [p, t] of Object.entries(rule.examples.bad)) all[p] ??= t;
    expect(same(all).length).toBeGreaterThan(20);
  });

  it('find what the rules find at once, on the kit fork as forked, filled in and half done', () => {
    same(readTree('test/fixtures/kit-fork'));
    for (const fill of [fillKitForkPerInstructions, fillKitFork]) {
      const dir = mkdtempSync(join(tmpdir(), 'killdate-by-feature-'));
      try {
        cpSync('test/fixtures/kit-fork', dir, { recursive: true });
        fill(dir);
        const files = readTree(dir);
        expect(Object.keys(files)).toContain(LOCK);
        expect(same(files).length).toBeGreaterThan(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('find what the rules find at once, on random workspaces of many features', () => {
    const lock = fixture('locks/complete.md');
    const draft = fixture('locks/draft.md');
    const runbook = fixture('runbooks/complete.md');
    const feature = fc.record({
      slug: fc.constantFrom('invites', 'export', 'search', 'billing', 'audit', 'import'),
      completed: fc.boolean(),
      lock: fc.constantFrom('complete', 'draft', 'none'),
      // the same temporary code with another date in another feature is killdate/inconsistent
      killIn: fc.integer({ min: -30, max: 200 }),
      runbooks: fc.integer({ min: 0, max: 3 }),
      review: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(feature, { maxLength: 8 }), fc.boolean(), (features, marker) => {
        const files: ExampleFiles = { 'AGENTS.md': '# Acme\n\nRead `feature-builds/`.\n' };
        features.forEach((f, i) => {
          const dir = `feature-builds/${f.completed ? '_completed/' : ''}${f.slug}-${i % 3}`;
          if (f.lock !== 'none')
            files[`${dir}/PRE-BUILD-LOCK.md`] = (f.lock === 'complete' ? lock : draft).replace(
              /(\*\*Kill date:\*\* ).*/,
              `$1${day(f.killIn)}`,
            );
          for (let n = 1; n <= f.runbooks; n++) files[`${dir}/runbook-0${n}-part-${n}.md`] = runbook;
          if (f.review) files[`${dir}/REVIEW.md`] = '# Review\n\n## Task 1\n\n**Decision:** maybe\n';
        });
        if (marker)
          files['src/flag.ts'] = `// KILLDATE ${day(40)} feature flag team_invites: 14 days clean\n`;
        same(files);
      }),
      { numRuns: 150 },
    );
  });

  it('take the lock digests status reads before a folder is let go: no lock is parsed twice', () => {
    const path = 'feature-builds/invites/PRE-BUILD-LOCK.md';
    /** how many times each document's markdown was parsed (the parse cache is told of each) */
    const parses = (digestsOf?: 'lock') => {
      const ws = exampleWorkspace({ [path]: fixture('locks/complete.md') });
      const count = new Map<string, number>();
      const store: DocStore = {
        get: () => undefined,
        set: (p, _text, kind) => {
          if (kind === 'md') count.set(p, (count.get(p) ?? 0) + 1);
        },
      };
      (ws as unknown as { snapshot: Snapshot }).snapshot.docStore = store;
      runRules(ws, rules, { release: true, ...(digestsOf ? { digestsOf } : {}) });
      ws.takeDigests([path], 'lock'); // what status asks of every lock (gates, cover, kill date)
      return count.get(path);
    };
    expect(parses('lock')).toBe(1);
    expect(parses()).toBe(2);
  });

  it('parse a lock again, the same, when asked after its parse was let go', () => {
    const path = 'feature-builds/invites/PRE-BUILD-LOCK.md';
    const ws = exampleWorkspace({ [path]: fixture('locks/complete.md') });
    const before = JSON.stringify(
      exampleWorkspace({ [path]: fixture('locks/complete.md') }).parsed(path, parseLock),
    );
    runRules(ws, rules, { release: true });
    expect(JSON.stringify(ws.parsed(path, parseLock))).toBe(before);
    expect(ws.features().map((f) => f.slug)).toEqual(['invites']);
    expect(ws.files()).toEqual([path]);
  });
});
