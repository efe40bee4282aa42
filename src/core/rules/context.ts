// Rules on the context document (AGENTS.md, or a kit's CLAUDE.md): required sections, the
// Reference manifest, undocumented process docs, the Core budget and CLAUDE.md importing the
// source. Its placeholders and dead paths are in mentions.ts.
import { parseContext, REQUIRED_SECTIONS } from '../parse/context.js';
import { defineRule } from '../rule.js';
import { isBlankValue } from '../sections.js';
import type { DocKind, Workspace } from '../workspace.js';

const FULL_CONTEXT = `# Acme

## Product truth
Read \`marketing/canonical/MARKETING-TRUTH.md\`.

## Build discipline
One change per build.

## Task types
| task type | lock |
|---|---|
| feature | required |

## Tool boundary and handoff loop
The planner writes runbooks; the executor runs them.

## Feature build gate
Lock, mocks, runbook, review.

## Testing rule
Test shared code.

## Session start
Read the log.

## Session end
Write the log.

## Deployment
Follow the checklist.

## Reference manifest
| Doc | Read when |
|---|---|
| \`project-management/STACK.md\` | before a permanent decision |
`;

function context(ws: Workspace) {
  return ws.parsed(ws.paths.context, parseContext);
}

export const contextRules = [
  defineRule({
    id: 'context/missing',
    severity: 'error',
    summary: 'The context document exists; a CLAUDE.md import points at a file that exists.',
    examples: {
      ok: { 'AGENTS.md': '# Acme\n', 'CLAUDE.md': '@AGENTS.md\n' },
      bad: { 'CLAUDE.md': '@AGENTS.md\n\nClaude notes.\n' },
    },
    check(ws, report) {
      const claude = ws.paths.claude;
      let reported = false;
      (ws.doc(claude)?.lines ?? []).forEach((l, i) => {
        const m = /^\s*@(?:\.\/)?(\S+\.md)\s*$/.exec(l);
        if (!m || ws.exists(m[1]!)) return;
        report({ file: claude, line: i + 1, message: `imports @${m[1]}, which does not exist` });
        reported = true;
      });
      if (!reported && ws.text(ws.paths.context) === undefined)
        report({
          file: ws.paths.context,
          message: `no context document: expected ${ws.paths.context} (Core and Reference manifest)`,
          fix: 'run `killdate init` to write one',
        });
    },
  }),
  defineRule({
    id: 'context/missing-section',
    severity: 'warning',
    summary: 'The context document has every required section of the method.',
    examples: {
      ok: { 'AGENTS.md': FULL_CONTEXT },
      bad: { 'AGENTS.md': FULL_CONTEXT.replace('## Session end\nWrite the log.\n', '') },
    },
    check(ws, report) {
      const model = context(ws);
      if (!model) return;
      for (const [name] of REQUIRED_SECTIONS) {
        if (name === 'Reference manifest' || model.required[name]) continue;
        report({ file: ws.paths.context, message: `no "${name}" section: expected a heading for it` });
      }
    },
  }),
  defineRule({
    id: 'context/no-manifest',
    severity: 'error',
    summary: 'The context document ends with a Reference manifest: each Reference doc and when to read it.',
    examples: {
      ok: { 'AGENTS.md': '# Acme\n\n## Reference manifest\n\n- `docs/deploy.md`: when deploying\n' },
      bad: { 'AGENTS.md': '# Acme\n\n## Session start\n\nRead the log.\n' },
    },
    check(ws, report) {
      const model = context(ws);
      if (model && !model.manifest)
        report({
          file: ws.paths.context,
          message:
            'no Reference manifest: expected a "Reference" section listing each doc with a read-when trigger',
        });
    },
  }),
  defineRule({
    id: 'context/manifest-trigger',
    severity: 'warning',
    summary: 'Every doc in the Reference manifest has a "read when" trigger.',
    examples: {
      ok: {
        'AGENTS.md': '## Reference\n\n| Doc | Read when |\n|---|---|\n| `docs/a.md` | when deploying |\n',
      },
      bad: { 'AGENTS.md': '## Reference\n\n| Doc | Read when |\n|---|---|\n| `docs/a.md` |  |\n' },
    },
    check(ws, report) {
      for (const e of context(ws)?.manifest?.entries ?? [])
        if (isBlankValue(e.trigger))
          report({
            file: ws.paths.context,
            line: e.line,
            message: `manifest entry ${e.path} has no trigger: expected when to read it`,
          });
    },
  }),
  defineRule({
    id: 'context/undocumented-process',
    severity: 'warning',
    summary: 'Every process document and register is mentioned in the context document.',
    examples: {
      ok: {
        'AGENTS.md': '## Reference\n\n- `docs/ship-rules.md`: before shipping\n',
        'docs/ship-rules.md': '# Ship rules\n',
      },
      bad: { 'AGENTS.md': '## Reference\n\n- nothing yet\n', 'docs/ship-rules.md': '# Ship rules\n' },
    },
    check(ws, report) {
      const text = ws.text(ws.paths.context);
      if (text === undefined) return;
      const all = `${text}\n${ws.text(ws.paths.claude) ?? ''}`;
      for (const file of processDocs(ws)) {
        if (mentions(all, file)) continue;
        report({
          file,
          line: 1,
          message: `undocumented process: ${ws.paths.context} does not mention ${file}; expected it in the Reference manifest with a read-when trigger`,
        });
      }
    },
  }),
];

const PROCESS_KINDS: DocKind[] = [
  'process',
  'log',
  'roadmap',
  'known-issues',
  'testing-learnings',
  'dev-heuristics',
  'stack',
  'lock-template',
  'runbook-template',
];

function processDocs(ws: Workspace): string[] {
  const out = PROCESS_KINDS.flatMap((k) => ws.ofKind(k));
  return [...new Set(out)].filter((f) => !/(^|\/)README\.md$/i.test(f) && f !== ws.paths.context).sort();
}

/** The path, its file name, or its name without `.md` as a word (a manifest may say STACK). */
function mentions(text: string, file: string): boolean {
  if (text.includes(file)) return true;
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (text.includes(base)) return true;
  const stem = base.replace(/\.mdc?$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return stem.length > 2 && new RegExp(`(^|[^\\w-])${stem}([^\\w-]|$)`).test(text);
}

export { contextBudgetRules } from './context-core.js';
