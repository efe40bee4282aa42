// Run the rules over a workspace and collect findings, with the config's overrides.
import { KilldateError } from './errors.js';
import { byFileAndLine, type Finding } from './finding.js';
import type { Rule } from './rule.js';
import { OTHER_RULES } from './rule-catalog.js';
import { rules as allRules } from './rules/index.js';
import { didYouMean } from './suggest.js';
import type { Workspace } from './workspace.js';

export function runRules(ws: Workspace, rules: Rule[] = allRules): Finding[] {
  const findings: Finding[] = [];
  const overrides = ws.config.rules;
  assertKnownOverrides(ws);
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

/** A `rules:` override naming no rule of check is a config error, with its line. */
function assertKnownOverrides(ws: Workspace): void {
  const ids = allRules.map((r) => r.id);
  for (const id of Object.keys(ws.config.rules)) {
    if (ids.includes(id)) continue;
    const line = ws.configLine(['rules', id]);
    const other = OTHER_RULES.find((r) => r.id === id);
    const why = other
      ? `${id} is reported by ${other.by.join(' and ')}, not check: rules: cannot change it`
      : `no rule ${id}${didYouMean(id, ids)}`;
    throw new KilldateError(
      'CONFIG_INVALID',
      `killdate.config.yaml${line ? `:${line}` : ''}: rules: ${why}`,
      'killdate rules lists every rule',
    );
  }
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
