// A rule: a small named check with a stable id, a default severity, and an ok and a not-ok
// example workspace. The tests run every example; docs/rules.md is generated from them.
import type { Finding, Severity } from './finding.js';
import type { Workspace } from './workspace.js';

/** An example workspace: path -> file text. Config may be given as killdate.config.yaml. */
export type ExampleFiles = Record<string, string>;

export interface Rule {
  /** stable id, `area/what`, e.g. `lock/out-empty` */
  id: string;
  severity: Severity;
  /** one line: what the rule expects */
  summary: string;
  examples: { ok: ExampleFiles; bad: ExampleFiles };
  check(ws: Workspace, report: Reporter): void;
}

/** Reports a finding with the rule's id and default severity unless given. */
export type Reporter = (f: Omit<Finding, 'rule' | 'severity'> & { severity?: Severity }) => void;

export function defineRule(rule: Rule): Rule {
  return rule;
}
