// The parse cache on real temp git repos: a second open reuses the stored digests and a large
// document's markdown and gets the same answers, small documents' whole parses are not kept, a
// changed document is parsed again (content-addressed), a damaged cache file is no cache, and
// check --no-cache keeps none.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/api/check.js';
import { lockSunset } from '../../src/core/killdates-lock.js';
import { parseLock } from '../../src/core/parse/lock.js';
import { flushDocStores } from '../../src/workspace/doc-store.js';
import { openWorkspace } from '../../src/workspace/load.js';
import { day, TODAY } from '../helpers/dates.js';

const LOCK = 'feature-builds/export/PRE-BUILD-LOCK.md';
const RUNBOOK = 'feature-builds/export/runbook-01-button.md';
const LOG = 'project-management/_log.md';
const MD = '.killdate/cache/md';

function repo(): string {
  const root = mkdtempSync(join(tmpdir(), 'kd-docstore-'));
  execFileSync('git', ['init', '-q'], { cwd: root });
  write(
    root,
    LOCK,
    `# Pre-build lock: export\n\n**Date locked:** ${day(-3)}\n\n## Gate 1 — Canonical alignment\n\n**Canonical reference:** "Every list can be exported"\n\n**Status:** ☑ PASSED ☐ BLOCKED\n\n## Gate 7 — Sunset criterion and kill date\n\n**Kill date:** ${day(90)}\n`,
  );
  write(
    root,
    RUNBOOK,
    '# Runbook: button\n\n**Feature:** export\n**Task:** 1 of 1\n**Branch:** feat/export\n\n## FILES\n- src/export.ts\n\n## VALIDATE\n- [ ] `npm test`\n',
  );
  const entries = Array.from(
    { length: 1500 },
    (_, i) => `## Session ${i + 1}\n\nWorked on export, step ${i + 1}.\n`,
  );
  write(root, LOG, `# Session log\n\n${entries.join('\n')}`); // over 64 KiB: a file of its own
  return root;
}
function write(root: string, rel: string, text: string) {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}
const parses = (cwd: string) => {
  const { ws } = openWorkspace({ cwd, today: TODAY, cache: true });
  return {
    sunset: ws.parsed(LOCK, lockSunset),
    lock: ws.parsed(LOCK, parseLock),
    blocks: ws.doc(LOG)?.blocks,
  };
};

describe('parse cache', () => {
  it('a second open answers from the stored digests, the same as a fresh parse', () => {
    const root = repo();
    const first = parses(root);
    expect(first.sunset?.raw).toBe(day(90));
    flushDocStores();
    const stored = readdirSync(join(root, MD));
    expect(stored.filter((f) => f.startsWith('lock-sunset-'))).toHaveLength(1);
    expect(stored.filter((f) => f.startsWith('md-doc-'))).toHaveLength(1); // the long log's blocks
    // whole parses and markdown of small documents are parsed again: cheaper than reading them back
    expect(stored.filter((f) => /^(lock|runbook|md)-[0-9a-f]+\.json$/.test(f))).toEqual([]);
    expect(readFileSync(join(root, '.killdate/cache/.gitignore'), 'utf8')).toBe('*\n');
    const second = parses(root);
    expect(second).toEqual(first);
  });

  it('a changed document is parsed again, never answered from the old text', () => {
    const root = repo();
    parses(root);
    flushDocStores();
    write(root, LOCK, readFileSync(join(root, LOCK), 'utf8').replace(day(90), day(120)));
    const again = parses(root);
    expect(again.sunset?.raw).toBe(day(120));
    expect(JSON.stringify(again.lock)).not.toContain(day(90));
  });

  it('a damaged cache file is an empty cache', () => {
    const root = repo();
    const first = parses(root);
    flushDocStores();
    for (const f of readdirSync(join(root, MD))) writeFileSync(join(root, MD, f), '{"format":');
    expect(parses(root)).toEqual(first);
  });

  it('check --no-cache keeps no parse', () => {
    const root = repo();
    check({ cwd: root, today: TODAY, cache: false });
    flushDocStores();
    expect(existsSync(join(root, MD))).toBe(false);
  });
});
