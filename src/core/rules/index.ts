// Every rule, in one flat list. Add a rule by adding it to its area's file.
import type { Rule } from '../rule.js';
import { docRules } from './doc.js';

export const rules: Rule[] = [...docRules];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}
