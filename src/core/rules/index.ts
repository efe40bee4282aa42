// Every rule, in one flat list. Add a rule by adding it to its area's file.
import type { Rule } from '../rule.js';
import { contextBudgetRules, contextRules } from './context.js';
import { docRules } from './doc.js';
import { executorRuleRules } from './executor.js';
import { issueRules } from './issues.js';
import { killDateRules } from './killdates.js';
import { lockRules } from './lock.js';
import { logRules, roadmapRules } from './log.js';
import { mentionRules } from './mentions.js';
import { heuristicsRules, iterationRules, learningRules, stackRules } from './registers.js';
import { reviewRules } from './review.js';
import { runbookRules } from './runbook.js';
import { runbookBlockRules } from './runbook-blocks.js';

export const rules: Rule[] = [
  ...docRules,
  ...runbookRules,
  ...runbookBlockRules,
  ...executorRuleRules,
  ...contextRules,
  ...mentionRules,
  ...contextBudgetRules,
  ...logRules,
  ...roadmapRules,
  ...issueRules,
  ...learningRules,
  ...heuristicsRules,
  ...stackRules,
  ...iterationRules,
  ...killDateRules,
  ...lockRules,
  ...reviewRules,
];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}
