// Runbook rules, structure: the five blocks, the header, the file name, task numbers and
// the FILES allowlist. The rules of what the blocks hold are in runbook-blocks.ts.
import { isFilesGlob, literalOf } from '../files-glob.js';
import { BLOCK_NAMES, parseRunbook, type Runbook, runbookBlock, runbooks } from '../parse/runbook.js';
import { defineRule, type Reporter } from '../rule.js';
import { isBlankValue } from '../sections.js';

const RB = 'feature-builds/search/runbook-01-list.md';

const blocks = (names: string[]) => names.map((n) => `## ${n}\n\nx\n`).join('\n');

const structureRules = [
  defineRule({
    id: 'runbook/blocks',
    severity: 'error',
    summary:
      'A runbook has exactly the five blocks FILES, TYPES, SKELETON, PROHIBITED, VALIDATE, each once, in order.',
    examples: {
      ok: { [RB]: `# Runbook: list\n\n${blocks([...BLOCK_NAMES])}` },
      bad: { [RB]: `# Runbook: list\n\n${blocks(['FILES', 'SKELETON', 'TYPES', 'VALIDATE', 'FILES'])}` },
    },
    check(ws, report) {
      for (const rb of runbooks(ws)) {
        /** by BLOCK_NAMES index: the block was met (five flags cost less than a Set a runbook) */
        const seen = new Array<boolean>(BLOCK_NAMES.length).fill(false);
        let last = -1;
        for (const b of rb.blocks) {
          const at = BLOCK_NAMES.indexOf(b.name);
          if (seen[at])
            report({
              file: rb.path,
              line: b.line,
              message: `block ${b.name} appears twice: expected each block once`,
            });
          else if (at < last)
            report({
              file: rb.path,
              line: b.line,
              message: `block ${b.name} is out of order: expected ${BLOCK_NAMES.join(', ')}`,
            });
          seen[at] = true;
          last = Math.max(last, at);
        }
        if (!seen.includes(false)) continue;
        const missing = BLOCK_NAMES.filter((_, k) => !seen[k]);
        report({
          file: rb.path,
          line: rb.title?.line,
          message: `missing block${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: a runbook has all five blocks`,
          fix: `add a heading "## ${missing[0]}" with its content`,
        });
      }
    },
  }),
  defineRule({
    id: 'runbook/header',
    severity: 'error',
    summary: 'A runbook starts with `# Runbook: <task>` and the fields Feature, Task (N of M) and Branch.',
    examples: {
      ok: { [RB]: '# Runbook: list\n\n**Feature:** search\n**Task:** 1 of 2\n**Branch:** feature/search\n' },
      bad: { [RB]: '# Runbook: list\n\n**Feature:** search\n**Task:** first\n' },
    },
    check(ws, report) {
      for (const rb of runbooks(ws)) {
        const file = rb.path;
        const line = rb.title?.line;
        if (!rb.title)
          report({ file, message: 'no title: expected a first heading "# Runbook: <task name>"' });
        for (const key of ['feature', 'branch'] as const) {
          const f = rb.header[key];
          if (!f) report({ file, line, message: `no **${cap(key)}:** field: expected it under the title` });
          else if (isBlankValue(f.value))
            report({ file, line: f.line, message: `**${f.label}:** is not filled in: expected a value` });
        }
        const task = rb.header.task;
        if (!task)
          report({ file, line, message: 'no **Task:** field: expected "**Task:** N of M" under the title' });
        else if (task.n === undefined)
          report({
            file,
            line: task.line,
            message: `**Task:** is "${task.value}": expected "N of M", e.g. "2 of 4"`,
          });
      }
    },
  }),
  defineRule({
    id: 'runbook/maps-to',
    severity: 'warning',
    summary:
      "A runbook says what it maps to: `**Maps to:**` a gate, an IN item or a mock element. Not asked in a repo in the kit's format, whose template has no such field.",
    examples: {
      ok: { [RB]: '# Runbook: list\n\n**Maps to:** Gate 2, IN item 1\n' },
      bad: { [RB]: '# Runbook: list\n\n**Feature:** search\n' },
    },
    check(ws, report) {
      if (ws.kitFormat) return;
      for (const rb of runbooks(ws)) {
        const f = rb.header.mapsTo;
        if (!f || isBlankValue(f.value))
          report({
            file: rb.path,
            line: f?.line ?? rb.title?.line,
            message: 'no **Maps to:** value: expected the gate, IN item or mock element this task serves',
          });
      }
    },
  }),
  defineRule({
    id: 'runbook/file-name',
    severity: 'warning',
    summary:
      "A runbook file is named `runbook-<nn>-<task>.md`, so tasks sort in order. Not asked in a repo in the kit's format, which names them `runbook-<task>.md`.",
    examples: {
      ok: { [RB]: '# Runbook: list\n' },
      bad: { 'feature-builds/search/runbook-list.md': '# Runbook: list\n' },
    },
    check(ws, report) {
      if (ws.kitFormat) return;
      for (const rb of runbooks(ws))
        if (rb.fileName.style !== 'numbered')
          report({
            file: rb.path,
            message: `file name "${rb.path.slice(rb.path.lastIndexOf('/') + 1)}" has no task number: expected runbook-<nn>-<task>.md`,
            fix: `rename to runbook-${String(rb.header.task?.n ?? 1).padStart(2, '0')}-${rb.fileName.slug ?? 'task'}.md`,
          });
    },
  }),
  defineRule({
    id: 'runbook/task-numbers',
    severity: 'warning',
    summary:
      "Task numbers agree: N <= M, one M for all of a feature's runbooks, no N twice, N matches the file number.",
    examples: {
      ok: {
        [RB]: '# Runbook: list\n\n**Task:** 1 of 2\n',
        'feature-builds/search/runbook-02-save.md': '# Runbook: save\n\n**Task:** 2 of 2\n',
      },
      bad: {
        [RB]: '# Runbook: list\n\n**Task:** 1 of 2\n',
        'feature-builds/search/runbook-02-save.md': '# Runbook: save\n\n**Task:** 1 of 3\n',
      },
    },
    check(ws, report) {
      for (const feature of ws.features())
        taskNumbers(
          feature.runbooks.map((p) => ws.parsed(p, parseRunbook)!),
          report,
        );
    },
  }),
];

function taskNumbers(list: Runbook[], report: Reporter): void {
  const seen = new Map<number, string>();
  const total = list.find((rb) => rb.header.task?.m !== undefined)?.header.task?.m;
  for (const rb of list) {
    const t = rb.header.task;
    if (!t || t.n === undefined || t.m === undefined) continue;
    const at = { file: rb.path, line: t.line };
    if (t.n < 1 || t.n > t.m) report({ ...at, message: `task ${t.n} of ${t.m}: expected 1 <= N <= M` });
    if (total !== undefined && t.m !== total)
      report({ ...at, message: `task ${t.n} of ${t.m}: other runbooks of this feature say "of ${total}"` });
    const other = seen.get(t.n);
    if (other) report({ ...at, message: `task ${t.n} is also ${other}: expected each task number once` });
    seen.set(t.n, rb.path.slice(rb.path.lastIndexOf('/') + 1));
    const fileNumber = rb.fileName.number;
    if (fileNumber !== undefined && fileNumber !== t.n)
      report({ ...at, message: `task ${t.n} is in a file numbered ${fileNumber}: expected the same number` });
  }
}

const filesRules = [
  defineRule({
    id: 'runbook/files-empty',
    severity: 'error',
    summary: 'The FILES block lists at least one path or glob.',
    examples: {
      ok: { [RB]: '# Runbook: list\n\n## FILES\n\n```\nsrc/list.ts\n```\n' },
      bad: { [RB]: '# Runbook: list\n\n## FILES\n\nThe files this task touches.\n' },
    },
    check(ws, report) {
      for (const rb of runbooks(ws)) {
        const block = runbookBlock(rb, 'FILES');
        if (block && rb.files.length === 0)
          report({
            file: rb.path,
            line: block.line,
            message: 'FILES lists no path: expected the allowlist, one path or glob a line in a code block',
          });
      }
    },
  }),
  defineRule({
    id: 'runbook/files-path',
    severity: 'error',
    summary:
      'Every FILES entry is a real path inside the repo: no `..`, no absolute path, no `~`, no placeholder.',
    examples: {
      ok: { [RB]: '# Runbook: list\n\n## FILES\n\n```\nsrc/list.ts\nsrc/lib/**\n```\n' },
      bad: { [RB]: '# Runbook: list\n\n## FILES\n\n```\n../shared/list.ts\n[path/to/file.ts]\n```\n' },
    },
    check(ws, report) {
      for (const rb of runbooks(ws))
        for (const e of rb.files) {
          const why = outsideReason(e.pattern, e.placeholder);
          if (why) report({ file: rb.path, line: e.line, message: `FILES entry "${e.pattern}" ${why}` });
        }
    },
  }),
  defineRule({
    id: 'runbook/files-glob-path',
    severity: 'warning',
    summary:
      'A FILES entry with `*` or `?` is a glob; when a file of that very name exists too, it says which is meant: the entry matches the file first and, as a glob, others. Escape with `\\` (`src/\\*.md`) to name only the file. Every other character (`( ) [ ] { } @ + !`) is literal.',
    examples: {
      ok: {
        [RB]: '# Runbook: list\n\n## FILES\n\n```\napp/(marketing)/[slug]/page.tsx\nsrc/lib/*.ts\n```\n',
      },
      bad: {
        [RB]: '# Runbook: list\n\n## FILES\n\n```\nnotes/*.md\n```\n',
        'notes/*.md': 'a file whose name has a star\n',
      },
    },
    check(ws, report) {
      for (const rb of runbooks(ws))
        for (const e of rb.files) {
          if (e.placeholder || !isFilesGlob(e.pattern)) continue;
          const literal = literalOf(e.pattern);
          if (ws.exists(literal))
            report({
              file: rb.path,
              line: e.line,
              message: `FILES entry "${e.pattern}" is a glob and also the name of an existing file: it matches that file and every path the glob matches; write "${e.pattern.replace(/[*?]/g, '\\$&')}" for the file alone`,
            });
        }
    },
  }),
];

function outsideReason(pattern: string, placeholder: boolean): string | undefined {
  if (placeholder) return 'is a template placeholder: expected a real path';
  if (/^~/.test(pattern)) return 'starts with ~: expected a path relative to the repo root';
  if (/^([/\\]|[A-Za-z]:[/\\])/.test(pattern))
    return 'is absolute: expected a path relative to the repo root';
  if (pattern.includes('..') && pattern.split(/[/\\]/).includes('..'))
    return 'has a ".." segment: expected a path inside the repo';
  return undefined;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const runbookRules = [...structureRules, ...filesRules];
