// The parse cache on real temp git repos: a second open reuses the stored parses and gets the
// same answers, a changed document is parsed again (content-addressed), a damaged cache file
// is no cache, and check --no-cache keeps none.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/api/check.js';
import { parseLock } from '../../src/core/parse/lock.js';
import { parseRunbook } from '../../src/core/parse/runbook.js';
import { flushDocStores } from '../../src/workspace/doc-store.js';
import { openWorkspace } from '../../src/workspace/load.js';
import { day, TODAY } from '../helpers/dates.js';

const LOCK = 'feature-builds/export/PRE-BUILD-LOCK.md';
const RUNBOOK = 'feature-builds/export/runbook-01-button.md';
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
  return root;
}
function write(root: string, rel: string, text: string) {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}
const parses = (cwd: string) => {
  const { ws } = openWorkspace({ cwd, today: TODAY, cache: true });
  return {
    lock: ws.parsed(LOCK, parseLock),
    runbook: ws.parsed(RUNBOOK, parseRunbook),
    blocks: ws.doc(LOCK)?.blocks,
  };
};

describe('parse cache', () => {
  it('a second open answers from the stored parses, the same as a fresh parse', () => {
    const root = repo();
    const first = parses(root);
    flushDocStores();
    const stored = readdirSync(join(root, MD));
    expect(stored.some((f) => f.startsWith('lock-'))).toBe(true);
    expect(stored.some((f) => f.startsWith('runbook-'))).toBe(true);
    expect(stored.some((f) => f.startsWith('md-'))).toBe(true);
    expect(readFileSync(join(root, '.killdate/cache/.gitignore'), 'utf8')).toBe('*\n');
    const second = parses(root);
    expect(second).toEqual(first);
    expect(second.lock?.sunset).toEqual(first.lock?.sunset);
  });

  it('a changed document is parsed again, never answered from the old text', () => {
    const root = repo();
    parses(root);
    flushDocStores();
    write(root, LOCK, readFileSync(join(root, LOCK), 'utf8').replace(day(90), day(120)));
    const again = parses(root);
    expect(JSON.stringify(again.lock)).toContain(day(120));
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
