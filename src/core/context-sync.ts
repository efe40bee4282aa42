// Context documents for every agent from one source (AGENTS.md): CLAUDE.md keeps an
// `@AGENTS.md` import at the top; GEMINI.md and a Cursor rule carry a copy of the source
// between markers. Only the marked region is ever replaced; text outside it is kept.

export const GEN_OPEN = (source: string) => `<!-- killdate:generated from ${source} -->`;
export const GEN_CLOSE = '<!-- /killdate:generated -->';
const OPEN_RE = /<!-- killdate:generated from [^>]*-->/;

export interface SyncTarget {
  file: string;
  /** the text it should have; undefined when it needs no change */
  next?: string;
  action: 'create' | 'update' | 'ok' | 'refused';
  reason?: string;
}

function region(source: string, body: string): string {
  return `${GEN_OPEN(source)}\n${body.replace(/\r\n/g, '\n').replace(/\s+$/, '')}\n${GEN_CLOSE}`;
}

/** The text of a generated document: its region replaced (or added) and the rest kept. */
export function withRegion(
  current: string | undefined,
  sourcePath: string,
  body: string,
  preamble = '',
): string {
  const r = region(sourcePath, body);
  if (current === undefined) return `${preamble}${r}\n`;
  const open = OPEN_RE.exec(current);
  const close = current.indexOf(GEN_CLOSE, open ? open.index : 0);
  if (open && close > open.index)
    return current.slice(0, open.index) + r + current.slice(close + GEN_CLOSE.length);
  if (open || close !== -1) throw new Error('an unpaired killdate:generated marker');
  // no region yet: after a frontmatter block when there is one, else at the top
  const fm = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(current);
  const at = fm ? fm[0].length : 0;
  return `${current.slice(0, at)}${r}\n\n${current.slice(at)}`;
}

/** CLAUDE.md with the import line at the top (added when missing, nothing else touched). */
export function withImport(current: string | undefined, sourcePath: string): string {
  const line = `@${sourcePath}`;
  if (current === undefined)
    return `${line}\n\n# Claude Code notes\n\nNotes for Claude Code only; the shared context is imported above.\n`;
  const has = current.split(/\r?\n/).some((l) => l.trim() === line || l.trim() === `@./${sourcePath}`);
  if (has) return current;
  const bom = current.startsWith('\uFEFF') ? '\uFEFF' : '';
  return `${bom}${line}\n\n${current.slice(bom.length)}`;
}

export const CURSOR_PREAMBLE = (source: string) =>
  `---\ndescription: Project context, generated from ${source} by killdate context sync\nalwaysApply: true\n---\n`;

export interface SyncInput {
  source: string;
  sourceText: string;
  claude: { file: string; text?: string };
  gemini: { file: string; text?: string };
  cursor: { file: string; text?: string };
}

export function planSync(i: SyncInput): SyncTarget[] {
  const out: SyncTarget[] = [];
  const add = (file: string, text: string | undefined, make: () => string) => {
    try {
      const next = make();
      out.push(
        next === text
          ? { file, action: 'ok' }
          : { file, next, action: text === undefined ? 'create' : 'update' },
      );
    } catch (e) {
      out.push({ file, action: 'refused', reason: (e as Error).message });
    }
  };
  if (i.claude.file !== i.source)
    add(i.claude.file, i.claude.text, () => withImport(i.claude.text, i.source));
  add(i.gemini.file, i.gemini.text, () => withRegion(i.gemini.text, i.source, i.sourceText));
  add(i.cursor.file, i.cursor.text, () =>
    withRegion(i.cursor.text, i.source, i.sourceText, CURSOR_PREAMBLE(i.source)),
  );
  return out;
}
