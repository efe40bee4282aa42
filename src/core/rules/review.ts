// REVIEW.md, written by the handoff loop: every run and decision section ends on a decision
// line the loop and `feature complete` can read (the format lives in core/review-doc.ts).
import { DECISIONS, parseReview, renderDecisionSection } from '../review-doc.js';
import { defineRule } from '../rule.js';

const FILE = 'feature-builds/settings-page/REVIEW.md';
const decisionSection = renderDecisionSection({
  task: '01-form',
  runId: '20261125T090000Z-settings-page-01-a1b2c3',
  decision: 'approved',
  by: 'Ada <ada@example.com>',
  at: '2026-11-25T09:10:00Z',
});

export const reviewRules = [
  defineRule({
    id: 'review/decision',
    severity: 'warning',
    summary: `Each task section of REVIEW.md ends on a decision line (**Decision:** ${DECISIONS.join(', ')}); the loop reads it to know whether the next task may start.`,
    examples: {
      ok: { [FILE]: `# Review: settings-page\n\n${decisionSection}` },
      bad: {
        [FILE]: `# Review: settings-page\n\n${decisionSection.replace('**Decision:** approved', '**Decision:** looks good')}`,
      },
    },
    check(ws, report) {
      for (const file of ws.ofKind('review'))
        for (const e of parseReview(ws.text(file) ?? ''))
          if (!e.decision)
            report({
              file,
              line: e.decisionLine ?? e.line,
              message: e.rawDecision
                ? `unknown decision "${e.rawDecision}": expected one of ${DECISIONS.join(', ')}`
                : `task ${e.task} section has no **Decision:** line: expected one of ${DECISIONS.join(', ')}`,
            });
    },
  }),
];
