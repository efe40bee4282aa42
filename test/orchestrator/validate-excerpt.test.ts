// A failed VALIDATE step's excerpt shows the failing assertion (run for real with node --test
// and a plain assert script), not the runner's closing summary.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runValidate } from '../../src/orchestrator/validate.js';

const validate = async (command: string, files: Record<string, string>) => {
  const tree = mkdtempSync(join(tmpdir(), 'kd-validate-'));
  for (const [f, text] of Object.entries(files)) writeFileSync(join(tree, f), text);
  return runValidate({ command, line: 12 }, 1, { tree, dir: tree, relDir: 'runs/x', timeoutMs: 30_000 });
};

describe('VALIDATE failure excerpt', () => {
  it('node --test: the failing test and its assertion, not "# todo 0"', async () => {
    const r = await validate('node --test totals.test.mjs', {
      'totals.test.mjs':
        "import test from 'node:test';\nimport assert from 'node:assert/strict';\ntest('totals', () => { assert.equal(1 + 1, 3); });\ntest('other', () => {});\n",
    });
    expect(r.ok).toBe(false);
    expect(r.tail).toBe('not ok 1 - totals / Expected values to be strictly equal: / 2 !== 3');
  });

  it('a thrown assertion in a plain script', async () => {
    const r = await validate('node check.mjs', {
      'check.mjs':
        "import assert from 'node:assert/strict';\nconsole.log('checking totals');\nassert.deepEqual({ total: 10 }, { total: 12 });\n",
    });
    expect(r.ok).toBe(false);
    expect(r.tail).toMatch(/^AssertionError \[ERR_ASSERTION\]: Expected values to be strictly deep-equal:/);
  });

  it('no line names a failure: the last lines, as before', async () => {
    const r = await validate('echo one; echo two; echo three; exit 3', {});
    expect(r.tail).toBe('one / two / three');
  });
});
