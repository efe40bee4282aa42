// Placeholders and dead paths, in every method document. An unfilled placeholder is an error
// in the context document (every agent reads it every session) and a warning elsewhere; a
// path that does not exist is a warning everywhere (METHOD section 11).
import type { MdDoc } from '../markdown.js';
import { parseContext } from '../parse/context.js';
import { contentLines, type Mention, pathMentions, placeholdersOnLine } from '../parse/mentions.js';
import { defineRule, type Reporter } from '../rule.js';
import type { DocKind, Workspace } from '../workspace.js';

/** Kinds whose placeholders are the point (templates) or are checked by their own rules. */
const NO_PLACEHOLDER_CHECK = new Set<DocKind>([
  'context',
  'gemini',
  'lock-template',
  'runbook-template',
  'lock',
  'runbook',
  'review',
  'readme',
]);
/** Kinds whose paths are history (log, learnings, decisions) or files a task will create. */
const NO_PATH_CHECK = new Set<DocKind>([
  'context',
  'gemini',
  'log',
  'testing-learnings',
  'stack',
  'lock',
  'runbook',
  'review',
  'iteration',
]);
/** Registers start empty: a paragraph that is only a bracketed note ("[No open issues yet.]") is not a gap. */
const REGISTERS = new Set<DocKind>([
  'log',
  'roadmap',
  'known-issues',
  'testing-learnings',
  'dev-heuristics',
  'stack',
]);

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i + 1);
}

/** File names the layout gives every feature: a bare mention names the kind, not one file. */
const LAYOUT_NAMES = new Set(['PRE-BUILD-LOCK.md', 'REVIEW.md', 'SIGNOFFS.md', 'ITERATION-NOTE.md']);

/** A mentioned path exists: as written, next to the document, or as the name of a method document. */
function resolves(ws: Workspace, file: string, path: string): boolean {
  if (ws.exists(path)) return true;
  const dir = dirOf(file);
  if (dir && ws.exists(dir + path)) return true;
  return !path.includes('/') && (LAYOUT_NAMES.has(path) || ws.hasDocumentNamed(path));
}

/** Line numbers inside a region `context sync` generated: their text is another document's. */
function generatedLines(doc: MdDoc): Set<number> {
  const out = new Set<number>();
  if (!doc.text.includes('<!-- killdate:generated from')) return out;
  let inside = false;
  doc.lines.forEach((l, i) => {
    if (l.startsWith('<!-- killdate:generated from')) inside = true;
    if (inside) out.add(i + 1);
    if (l.startsWith('<!-- /killdate:generated')) inside = false;
  });
  return out;
}

function reportPlaceholders(report: Reporter, file: string, found: Mention[]): void {
  const byLine = new Map<number, string[]>();
  for (const m of found) byLine.set(m.line, [...(byLine.get(m.line) ?? []), m.text]);
  for (const [line, list] of byLine) {
    const many = list.length > 1;
    report({
      file,
      line,
      message: `unfilled placeholder${many ? 's' : ''} ${list.join(', ')}: expected the real value${many ? 's' : ''}`,
    });
  }
}

function reportDead(ws: Workspace, report: Reporter, file: string, paths: Mention[]): void {
  for (const p of paths)
    if (!resolves(ws, file, p.text))
      report({ file, line: p.line, message: `${p.text} does not exist: expected a path in the repo` });
}

/** Every document but the context one, with its own-content lines outside generated regions. */
function otherDocs(ws: Workspace, skip: Set<DocKind>) {
  return ws.files().flatMap((file) => {
    const kind = ws.kind(file);
    const doc = skip.has(kind) ? undefined : ws.doc(file);
    if (!doc) return [];
    const generated = generatedLines(doc);
    return [{ file, kind, doc, lines: contentLines(doc).filter((l) => !generated.has(l.line)) }];
  });
}

const context = (ws: Workspace) => ws.parsed(ws.paths.context, parseContext);

export const mentionRules = [
  defineRule({
    id: 'context/placeholder',
    severity: 'error',
    summary:
      'No template placeholder such as [AppName] or [YOUR TEST COMMAND] is left in the context document: every agent reads it every session.',
    examples: {
      ok: {
        'AGENTS.md':
          '# Acme\n\nFill in everything marked `[BRACKETS]`.\n\nRun `npm test` after shared changes.\n',
      },
      bad: { 'AGENTS.md': '# [AppName]\n\nRun `[YOUR TEST COMMAND]` after shared changes.\n' },
    },
    check(ws, report) {
      reportPlaceholders(report, ws.paths.context, context(ws)?.placeholders ?? []);
    },
  }),
  defineRule({
    id: 'context/dead-reference',
    severity: 'warning',
    summary:
      'Every path the context document mentions exists (a bare file name such as `_log.md` names a method document).',
    examples: {
      ok: {
        'AGENTS.md': 'Follow `docs/deploy-checklist.md`; read `_log.md`.\n',
        'docs/deploy-checklist.md': '# Deploy\n',
        'project-management/_log.md': '# Session log\n',
      },
      bad: { 'AGENTS.md': 'Follow `docs/deploy-checklist.md` when deploying.\n' },
    },
    check(ws, report) {
      reportDead(ws, report, ws.paths.context, context(ws)?.paths ?? []);
    },
  }),
  defineRule({
    id: 'doc/placeholder',
    severity: 'warning',
    summary:
      'No template placeholder (`[your thesis]`, `[current item]`, `[YOUR DEPLOY COMMAND]`) is left unfilled in a method document; examples, entry formats and the templates themselves are not checked.',
    examples: {
      ok: { 'project-management/ROADMAP.md': '# Roadmap\n\n## In progress\n\n- [ ] CSV export\n' },
      bad: {
        'project-management/ROADMAP.md':
          '# Roadmap\n\n## In progress\n\n- [ ] [current item] — [one-line description]\n',
      },
    },
    check(ws, report) {
      for (const { file, kind, doc, lines } of otherDocs(ws, NO_PLACEHOLDER_CHECK)) {
        const notes = REGISTERS.has(kind) ? noteLines(doc) : undefined;
        const found = lines.filter((l) => !notes?.has(l.line)).flatMap((l) => placeholdersOnLine(l, false));
        reportPlaceholders(report, file, found);
      }
    },
  }),
  defineRule({
    id: 'doc/dead-reference',
    severity: 'warning',
    summary:
      'Every path a method document mentions exists (the session log, learnings, decisions, locks and runbooks name history or files to come, and are not checked).',
    examples: {
      ok: {
        'project-management/SHIP-RULES.md': 'Fill in `project-management/FEATURE-LOCK.md`.\n',
        'project-management/FEATURE-LOCK.md': '# Pre-build lock\n',
      },
      bad: {
        'project-management/SHIP-RULES.md': 'Fill in `project-management/PRE-BUILD-LOCK-TEMPLATE.md`.\n',
      },
    },
    check(ws, report) {
      for (const { file, kind, lines } of otherDocs(ws, NO_PATH_CHECK)) {
        let paths = lines.flatMap(pathMentions);
        // a README describes the product too: only its links to documents are the method's
        if (kind === 'readme') paths = paths.filter((p) => /\.mdc?$/.test(p.text));
        reportDead(ws, report, file, paths);
      }
    },
  }),
];

/** Lines of paragraphs that are only a bracketed note: a register's "nothing yet" line. */
function noteLines(doc: MdDoc): Set<number> {
  const out = new Set<number>();
  for (const b of doc.blocks)
    if (b.kind === 'paragraph' && /^\[[^[\]]+\]$/.test(b.text.trim())) out.add(b.line);
  return out;
}
