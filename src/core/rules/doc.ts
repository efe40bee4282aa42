// Rules that hold for every method document, whatever its kind.
import { defineRule } from '../rule.js';

const CONFLICT = /^(<{7}|={7}|>{7})(\s|$)/;

export const docRules = [
  defineRule({
    id: 'doc/unreadable',
    severity: 'error',
    summary: 'Every method document is readable UTF-8 text under the size limit.',
    examples: {
      ok: { 'project-management/ROADMAP.md': '# Roadmap\n' },
      bad: { 'project-management/ROADMAP.md': '# Roadmap\n\u0000\u0001binary' },
    },
    check(ws, report) {
      for (const p of ws.problems) report({ file: p.file, line: p.line, message: p.message, fix: p.fix });
    },
  }),
  defineRule({
    id: 'doc/conflict-markers',
    severity: 'error',
    summary: 'No merge-conflict markers (<<<<<<<, =======, >>>>>>>) are left in a document.',
    examples: {
      ok: { 'project-management/ROADMAP.md': '# Roadmap\n\n## Next\n\n- [ ] search\n' },
      bad: {
        'project-management/ROADMAP.md':
          '# Roadmap\n\n<<<<<<< HEAD\n- [ ] search\n=======\n- [ ] export\n>>>>>>> topic\n',
      },
    },
    check(ws, report) {
      for (const file of ws.files()) {
        const text = ws.text(file) ?? '';
        if (!text.includes('<<<<<<<') && !text.includes('>>>>>>>')) continue;
        const lines = text.split('\n');
        lines.forEach((l, i) => {
          if (CONFLICT.test(l))
            report({
              file,
              line: i + 1,
              message: `merge-conflict marker "${l.slice(0, 7)}": resolve the conflict before anything reads this file`,
            });
        });
      }
    },
  }),
  defineRule({
    id: 'doc/empty',
    severity: 'warning',
    summary: 'A method document is not empty.',
    examples: {
      ok: { 'project-management/STACK.md': '# Stack decisions\n' },
      bad: { 'project-management/STACK.md': '  \n' },
    },
    check(ws, report) {
      for (const file of ws.files())
        if ((ws.text(file) ?? '').trim() === '')
          report({ file, message: 'the document is empty: expected its template content' });
    },
  }),
  defineRule({
    id: 'doc/empty-heading',
    severity: 'warning',
    summary: 'Every heading has text.',
    examples: {
      ok: { 'project-management/ROADMAP.md': '# Roadmap\n\n## Next\n' },
      bad: { 'project-management/ROADMAP.md': '# Roadmap\n\n##\n\n- [ ] x\n' },
    },
    check(ws, report) {
      for (const file of ws.files()) {
        const doc = ws.doc(file);
        for (const b of doc?.blocks ?? [])
          if (b.kind === 'heading' && b.text === '')
            report({ file, line: b.line, message: 'heading with no text: expected a title after the #' });
      }
    },
  }),
];
