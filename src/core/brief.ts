// The executor brief: global rules, the state model and the whole runbook, pasted in full
// (executors honour pasted text over referenced files). Pure: the caller reads the files.
import type { MdDoc } from './markdown.js';
import type { Lock } from './parse/lock.js';
import { PROHIBITED_DEFAULTS } from './prohibited.js';
import { plain } from './sections.js';

export interface BriefInput {
  feature: string;
  task: string;
  executorRules: { path: string; text: string }[];
  lock?: { model: Lock; doc: MdDoc };
  runbook: { path: string; text: string };
  /** the runbook's SKELETON holds no code: the kit's template allows a prose description */
  proseSkeleton?: boolean;
}

/** What every task must not do, whether or not its runbook repeats it. */
export const DEFAULT_PROHIBITIONS = `## Prohibited in every task\n\n${PROHIBITED_DEFAULTS.map((d) => `- ${d.text}`).join('\n')}`;

const PROSE_SKELETON =
  '**The SKELETON below is prose, not code.** Build exactly the shape it describes and nothing more; where it leaves a choice open, stop and ask instead of choosing.';

export function assembleBrief(input: BriefInput): string {
  const parts = [
    `# Executor brief: ${input.feature}, task ${input.task}`,
    'Everything this task needs is pasted below. Work only from this text; touch only the paths in FILES.',
    '## Global rules',
    ...input.executorRules.map((r) => `### ${r.path}\n\n${nest(stripFrontmatter(r.text).trim(), 3)}`),
  ];
  parts.push(DEFAULT_PROHIBITIONS);
  if (input.lock) parts.push(...lockRules(input.lock.model, input.lock.doc));
  const state = input.lock ? stateModel(input.lock.doc) : undefined;
  if (state) parts.push('## State model', nest(state, 2));
  parts.push(`## Runbook (${input.runbook.path})`);
  if (input.proseSkeleton) parts.push(PROSE_SKELETON);
  parts.push(nest(input.runbook.text.trim(), 2));
  return `${parts.join('\n\n')}\n`;
}

/**
 * A pasted document's headings moved under the brief's own section of level `under`: its
 * highest heading becomes level under + 1, the rest keep their distance (at most 6). Lines in
 * code fences are not headings and stay as they are.
 */
export function nest(text: string, under: number): string {
  const lines = text.split('\n');
  let fence: string | undefined;
  const heading: boolean[] = lines.map((l) => {
    const f = /^\s*(`{3,}|~{3,})/.exec(l)?.[1];
    if (f && (!fence || (f[0] === fence[0] && f.length >= fence.length))) {
      fence = fence ? undefined : f;
      return false;
    }
    return !fence && /^#{1,6}\s/.test(l);
  });
  const levels = lines.filter((_, i) => heading[i]).map((l) => /^#+/.exec(l)![0].length);
  if (!levels.length) return text;
  const shift = under + 1 - Math.min(...levels);
  if (shift <= 0) return text;
  return lines
    .map((l, i) => (heading[i] ? l.replace(/^#+/, (h) => '#'.repeat(Math.min(6, h.length + shift))) : l))
    .join('\n');
}

function stripFrontmatter(text: string): string {
  return text.replace(/^---\n[\s\S]*?\n---\n/, '');
}

function lockRules(lock: Lock, doc: MdDoc): string[] {
  const out: string[] = [`### From the lock (${lock.path})`];
  const scope = lock.scope;
  if (scope?.statement?.value) out.push(`**Scope:** ${scope.statement.value.trim()}`);
  if (scope?.surgical) out.push(scope.surgical.text);
  if (scope?.out?.items.length)
    out.push(
      `**OUT (not in this build; do not add):**\n${scope.out.items.map((i) => `- ${i.text}`).join('\n')}`,
    );
  const inv = lock.invariants;
  if (inv?.rows.length) {
    const last = inv.rows.at(-1)!.line;
    out.push(
      `**Invariants (must stay unchanged):**\n\n${doc.lines.slice(inv.table.line - 1, last).join('\n')}`,
    );
  }
  return out.length > 1 ? out : [];
}

/** A section of the lock headed "state model", "state machine" or "state invariant(s)". */
function stateModel(doc: MdDoc): string | undefined {
  const blocks = doc.blocks;
  const i = blocks.findIndex(
    (b) => b.kind === 'heading' && /state (model|machine|invariant)/i.test(plain(b.text)),
  );
  if (i < 0) return undefined;
  const head = blocks[i]!;
  const level = head.kind === 'heading' ? head.level : 6;
  const end = blocks.slice(i + 1).find((b) => b.kind === 'heading' && b.level <= level);
  return (
    doc.lines
      .slice(head.line, end ? end.line - 1 : doc.lines.length)
      .join('\n')
      .trim() || undefined
  );
}
