// Rules on the session log (_log.md) and the roadmap.
import { daysBetween } from '../dates.js';
import { parseLog } from '../parse/log.js';
import { parseRoadmap, ROADMAP_SECTIONS } from '../parse/roadmap.js';
import { defineRule } from '../rule.js';
import { isBlankValue } from '../sections.js';

const LOG = 'project-management/_log.md';
const ROADMAP = 'project-management/ROADMAP.md';
const entry = (date: string, extra = '') =>
  `## ${date}\n\n**Branch:** main\n**What happened:** Shipped search.\n${extra}`;

export const logRules = [
  defineRule({
    id: 'log/date-heading',
    severity: 'error',
    summary: 'Every session-log entry opens with a `## YYYY-MM-DD` heading holding a real date.',
    examples: {
      ok: { [LOG]: `# Session log\n\n${entry('2026-03-02 — search')}` },
      bad: { [LOG]: `# Session log\n\n${entry('2026-03-01')}\n${entry('2026-02-30')}` },
    },
    check(ws, report) {
      for (const e of ws.parsed(ws.paths.log, parseLog)?.entries ?? []) {
        if (e.dateValid) continue;
        const found = e.date ? `"${e.date}" is not a real date` : `"${e.heading}" has no date`;
        report({
          file: ws.paths.log,
          line: e.line,
          message: `log entry heading: ${found}; expected ## YYYY-MM-DD`,
        });
      }
    },
  }),
  defineRule({
    id: 'log/missing-field',
    severity: 'warning',
    summary: 'Every session-log entry records its branch and what happened.',
    examples: {
      ok: { [LOG]: entry('2026-03-02') },
      bad: { [LOG]: '## 2026-03-02\n\n**Branch:** main\n' },
    },
    check(ws, report) {
      for (const e of ws.parsed(ws.paths.log, parseLog)?.entries ?? []) {
        const missing = [
          ['Branch', e.branch],
          ['What happened', e.whatHappened],
        ].filter(([, f]) => !f || isBlankValue((f as { value: string }).value));
        for (const [label] of missing)
          report({
            file: ws.paths.log,
            line: e.line,
            message: `log entry ${e.date || e.heading}: no **${label}:**; expected it filled in`,
          });
      }
    },
  }),
  defineRule({
    id: 'log/date-order',
    severity: 'error',
    summary: 'Session-log entries are in date order, newest last.',
    examples: {
      ok: { [LOG]: `${entry('2026-03-01')}\n${entry('2026-03-01')}\n${entry('2026-03-04')}` },
      bad: { [LOG]: `${entry('2026-03-04')}\n${entry('2026-03-01')}` },
    },
    check(ws, report) {
      let last: string | undefined;
      for (const e of ws.parsed(ws.paths.log, parseLog)?.entries ?? []) {
        if (!e.dateValid) continue;
        if (last && daysBetween(last, e.date) < 0)
          report({
            file: ws.paths.log,
            line: e.line,
            message: `log entry ${e.date} comes after ${last}: expected entries oldest first, newest last`,
          });
        else last = e.date;
      }
    },
  }),
  defineRule({
    id: 'log/resume-steps',
    severity: 'warning',
    summary: 'A RESUME HERE block lists numbered next steps.',
    examples: {
      ok: { [LOG]: entry('2026-03-02', '\n**RESUME HERE:**\n1. Wire the API\n2. Run the tests\n') },
      bad: { [LOG]: entry('2026-03-02', '\n**RESUME HERE:** carry on with the API\n') },
    },
    check(ws, report) {
      for (const e of ws.parsed(ws.paths.log, parseLog)?.entries ?? [])
        if (e.resume && e.resume.steps.length === 0)
          report({
            file: ws.paths.log,
            line: e.resume.line,
            message: `RESUME HERE of ${e.date || e.heading} has no numbered steps: expected "1. next step"`,
          });
    },
  }),
];

const ROADMAP_OK = `# Roadmap\n\n## In progress\n\n- [ ] Search — feat/search\n\n## Next\n\n- [ ] Export\n\n## Backlog\n\n- [ ] Themes\n\n## Completed\n\n- [x] Setup\n`;

export const roadmapRules = [
  defineRule({
    id: 'roadmap/missing-section',
    severity: 'warning',
    summary: 'The roadmap has In progress, Next, Backlog and Completed sections.',
    examples: {
      ok: { [ROADMAP]: ROADMAP_OK },
      bad: { [ROADMAP]: '# Roadmap\n\n## Next\n\n- [ ] Export\n' },
    },
    check(ws, report) {
      const model = ws.parsed(ws.paths.roadmap, parseRoadmap);
      if (!model) return;
      for (const [key, title] of ROADMAP_SECTIONS)
        if (!model.byKey[key])
          report({ file: ws.paths.roadmap, message: `no "## ${title}" section: expected it` });
    },
  }),
  defineRule({
    id: 'roadmap/checkbox',
    severity: 'warning',
    summary: 'Every roadmap item is a checkbox: `- [ ]` open, `- [x]` done.',
    examples: {
      ok: { [ROADMAP]: ROADMAP_OK },
      bad: { [ROADMAP]: ROADMAP_OK.replace('- [ ] Export', '- Export') },
    },
    check(ws, report) {
      for (const s of ws.parsed(ws.paths.roadmap, parseRoadmap)?.sections ?? [])
        for (const item of s.key ? s.items : [])
          if (item.checked === null)
            report({
              file: ws.paths.roadmap,
              line: item.line,
              message: `item "${item.text}" has no checkbox: expected - [ ] or - [x]`,
            });
    },
  }),
  defineRule({
    id: 'roadmap/misplaced-item',
    severity: 'warning',
    summary: 'Checked items sit under Completed; Completed holds only checked items.',
    examples: {
      ok: { [ROADMAP]: ROADMAP_OK },
      bad: { [ROADMAP]: ROADMAP_OK.replace('- [ ] Export', '- [x] Export') },
    },
    check(ws, report) {
      for (const s of ws.parsed(ws.paths.roadmap, parseRoadmap)?.sections ?? []) {
        if (!s.key) continue;
        const done = s.key === 'completed';
        for (const item of s.items)
          if (item.checked !== null && item.checked !== done)
            report({
              file: ws.paths.roadmap,
              line: item.line,
              message: done
                ? `unchecked item "${item.text}" under Completed: expected it checked or moved up`
                : `checked item "${item.text}" under ${s.title}: expected it moved to Completed`,
            });
      }
    },
  }),
];
