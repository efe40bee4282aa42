// Every rule's ok example yields none of its findings; its not-ok example yields at least one.
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/core/check.js';
import { exampleWorkspace } from '../../src/core/example.js';
import { rules } from '../../src/core/rules/index.js';

describe('rule examples', () => {
  it('ids are unique and well formed', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
  });
  for (const rule of rules) {
    it(`${rule.id}: ok example passes`, () => {
      const findings = runRules(exampleWorkspace(rule.examples.ok), [rule]);
      expect(findings).toEqual([]);
    });
    it(`${rule.id}: not-ok example is caught`, () => {
      const findings = runRules(exampleWorkspace(rule.examples.bad), [rule]);
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) {
        expect(f.rule).toBe(rule.id);
        expect(f.message.length).toBeGreaterThan(10);
        expect(Object.keys(rule.examples.bad)).toContain(f.file);
      }
    });
  }
});
