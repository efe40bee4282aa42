// SIGNOFFS.md: the committed record of a feature's checkpoint sign-offs. Human-readable
// markdown that killdate parses back: one `## CP-n` section per sign-off, newest last.
import { shownInline } from './visible.js';

export const CHECKPOINTS = ['CP-0', 'CP-1', 'CP-2', 'CP-3'] as const;
export type Checkpoint = (typeof CHECKPOINTS)[number];

export const CHECKPOINT_TITLES: Record<Checkpoint, string> = {
  'CP-0': 'canonical cite check',
  'CP-1': 'lock sign-off',
  'CP-2': 'mocks sign-off',
  'CP-3': 'runbook sign-off',
};

export const SIGNOFFS_FILE = 'SIGNOFFS.md';

/** A covered document (or part of one, `path#gate-8`) and its content hash. */
export interface CoveredDoc {
  id: string;
  sha256: string;
}

export interface Signoff {
  checkpoint: Checkpoint;
  by: string;
  /** ISO timestamp */
  at: string;
  documents: CoveredDoc[];
  line: number;
  /** the record's non-blank lines (heading, fields, documents), as parsed */
  lines?: number[];
}

/** `cp1`, `CP-1`, `cp-1`, `1` -> `CP-1`. */
export function parseCheckpoint(text: string): Checkpoint | undefined {
  const m = /^(?:cp)?-?([0-3])$/i.exec(text.trim());
  return m ? (`CP-${m[1]}` as Checkpoint) : undefined;
}

export function checkpointIndex(cp: Checkpoint): number {
  return CHECKPOINTS.indexOf(cp);
}

const SECTION = /^## (CP-[0-3])\b/;
const FIELD = /^- \*\*(Signed by|At):\*\* (.+)$/;
const DOC = /^ {2}- `([^`]+)` sha256:([0-9a-f]{64})$/;

export function parseSignoffs(text: string): Signoff[] {
  const out: Signoff[] = [];
  let cur: Signoff | null = null;
  text.split(/\r?\n/).forEach((line, i) => {
    const s = SECTION.exec(line);
    if (s) {
      cur = { checkpoint: s[1] as Checkpoint, by: '', at: '', documents: [], line: i + 1, lines: [i + 1] };
      out.push(cur);
      return;
    }
    if (!cur) return;
    if (/^#{1,2} /.test(line)) {
      cur = null;
      return;
    }
    const f = FIELD.exec(line);
    if (f) {
      if (f[1] === 'Signed by') cur.by = f[2]!.trim();
      else cur.at = f[2]!.trim();
      cur.lines!.push(i + 1);
      return;
    }
    if (line.startsWith('- **Documents:**')) cur.lines!.push(i + 1);
    const d = DOC.exec(line);
    if (d) {
      cur.documents.push({ id: d[1]!, sha256: d[2]! });
      cur.lines!.push(i + 1);
    }
  });
  return out.filter((s) => s.by && s.at);
}

export function signoffsHeader(feature: string): string {
  return [
    `# Sign-offs: ${feature}`,
    '',
    'Recorded by `killdate signoff`, one commit per sign-off; do not edit by hand. Each sign-off lists',
    'the sha256 of every document it covers: editing one re-opens that checkpoint and every later one.',
    '',
  ].join('\n');
}

export function renderSignoff(s: Omit<Signoff, 'line'>): string {
  return [
    `## ${s.checkpoint} ${CHECKPOINT_TITLES[s.checkpoint]}`,
    '',
    `- **Signed by:** ${shownInline(s.by)}`,
    `- **At:** ${shownInline(s.at)}`,
    '- **Documents:**',
    ...s.documents.map((d) => `  - \`${d.id}\` sha256:${d.sha256}`),
    '',
  ].join('\n');
}

/** The file with one more record appended; every byte already there is kept. */
export function appendSignoff(text: string | undefined, feature: string, s: Omit<Signoff, 'line'>): string {
  if (text === undefined || text === '') return `${signoffsHeader(feature)}\n${renderSignoff(s)}`;
  const sep = text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return `${text}${sep}${renderSignoff(s)}`;
}

/** The newest sign-off of each checkpoint. */
export function latestSignoffs(list: Signoff[]): Partial<Record<Checkpoint, Signoff>> {
  const out: Partial<Record<Checkpoint, Signoff>> = {};
  for (const s of list) out[s.checkpoint] = s;
  return out;
}
