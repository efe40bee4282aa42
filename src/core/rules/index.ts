// Every rule, in one flat list. Add a rule by adding it to its area's file.
import type { Rule } from '../rule.js';
import { docRules } from './doc.js';
import { executorRuleRules } from './executor.js';
import { runbookRules } from './runbook.js';
import { runbookBlockRules } from './runbook-blocks.js';

export const rules: Rule[] = [...docRules, ...runbookRules, ...runbookBlockRules, ...executorRuleRules];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}
