import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LineSplitter, Tail } from '../../src/agents/lines.js';
import { findBin } from '../../src/agents/run.js';

function split(chunks: Buffer[], maxLine?: number): Array<[string, boolean]> {
  const lines: Array<[string, boolean]> = [];
  const s = new LineSplitter((l, cut) => lines.push([l, cut]), maxLine);
  for (const c of chunks) s.push(c);
  s.end();
  return lines;
}

describe('LineSplitter', () => {
  test('lines across chunks, CRLF, a last line without newline', () => {
    const chunks = ['{"a":', '1}\r\n{"b"', ':2}\nlast'].map((t) => Buffer.from(t));
    expect(split(chunks)).toEqual([
      ['{"a":1}', false],
      ['{"b":2}', false],
      ['last', false],
    ]);
  });

  test('a multi-byte character split between chunks stays whole', () => {
    const bytes = Buffer.from('café ✓\n');
    expect(split([bytes.subarray(0, 4), bytes.subarray(4, 7), bytes.subarray(7)])).toEqual([
      ['café ✓', false],
    ]);
  });

  test('an overlong line is cut once and the rest skipped', () => {
    const lines = split([Buffer.from('x'.repeat(50)), Buffer.from(`${'y'.repeat(50)}\nnext\n`)], 40);
    expect(lines.map(([l, cut]) => [l.length, cut])).toEqual([
      [50, true],
      [4, false],
    ]);
  });
});

test('Tail keeps the last lines', () => {
  const t = new Tail(20);
  for (let i = 0; i < 50; i++) t.add(`line ${i}\n`);
  expect(t.toString().length).toBeLessThanOrEqual(20);
  expect(t.lastLines(2)).toBe('line 48 | line 49');
});

test('findBin takes the first name on PATH (cursor-agent, then agent)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kd-path-'));
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin', 'agent'), '#!/bin/sh\n', { mode: 0o755 });
  expect(findBin(['cursor-agent', 'agent'], join(dir, 'bin'))).toBe('agent');
  expect(findBin(['cursor-agent', 'agent'], join(dir, 'nothing'))).toBe('cursor-agent');
});
