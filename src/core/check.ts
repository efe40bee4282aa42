// Run the rules over a workspace and collect findings, with the config's overrides.
import { byFileAndLine, type Finding } from './finding.js';
import type { Rule } from './rule.js';
import { rules as allRules } from './rules/index.js';
import type { Workspace } from './workspace.js';

export function runRules(ws: Workspace, rules: Rule[] = allRules): Finding[] {
  const findings: Finding[] = [];
  const overrides = ws.config.rules;
  for (const rule of rules) {
    const override = overrides[rule.id];
    if (override === 'off') continue;
    rule.check(ws, ({ severity, ...rest }) => {
      findings.push({
        rule: rule.id,
        severity: override ?? severity ?? rule.severity,
        ...stripUndefined(rest),
      });
    });
  }
  return dedupe(findings).sort(byFileAndLine);
}

function stripUndefined<T extends object>(o: T): T {
  const out = {} as T;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}|${f.file}|${f.line}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
