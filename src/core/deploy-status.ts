// The ARCHITECTURE "Deployment status" section after a ship: its fields updated in place
// (`**Last deploy:**`, `**Current version:**`, as the template and the kit write them), the
// region between killdate markers when an older ship wrote one, or a new section when there
// is none. Every other line is kept as it is.

export interface StatusField {
  label: string;
  value: string;
}

const OPEN = '<!-- killdate:deploy-status -->';
const CLOSE = '<!-- /killdate:deploy-status -->';
const HEADING = /^(#{1,6})\s+(?:current\s+)?deploy(?:ment)?\s+status\b/i;
const FIELD = /^(\s*(?:[-*]\s+)?)\*\*([^*]+?):?\*\*:?\s*(.*)$/;

export function withDeployStatus(text: string, fields: StatusField[]): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const a = text.indexOf(OPEN);
  const b = text.indexOf(CLOSE);
  if (a >= 0 && b > a) {
    const body = fields.map((f) => `- **${f.label}:** ${f.value}`).join(eol);
    return `${text.slice(0, a)}${OPEN}${eol}${body}${eol}${text.slice(b)}`;
  }
  // each line keeps its own ending (a document may mix them); a new line takes the first one
  const lines: Line[] = text.split('\n').map((l) => ({ text: l.replace(/\r$/, ''), cr: l.endsWith('\r') }));
  const h = lines.findIndex((l) => HEADING.test(l.text));
  if (h < 0) {
    const section = ['## Deployment status', '', ...fields.map((f) => `**${f.label}:** ${f.value}`)];
    const sep = text === '' ? '' : text.endsWith(`${eol}${eol}`) ? '' : text.endsWith(eol) ? eol : eol + eol;
    return `${text}${sep}${section.join(eol)}${eol}`;
  }
  return updateSection(lines, h, fields, eol === '\r\n')
    .map((l) => (l.cr ? `${l.text}\r` : l.text))
    .join('\n');
}

interface Line {
  text: string;
  /** the line ends in CR LF */
  cr: boolean;
}

/** Sets each field's value in the section's own style; a field it lacks goes after the last one. */
function updateSection(lines: Line[], h: number, fields: StatusField[], cr: boolean): Line[] {
  const level = (HEADING.exec(lines[h]!.text)?.[1] ?? '##').length;
  let end = lines.findIndex((l, i) => i > h && (/^---+\s*$/.test(l.text) || headingLevel(l.text) <= level));
  if (end < 0) end = lines.length;
  const out = [...lines];
  let last = -1;
  let prefix = '';
  const missing: StatusField[] = [];
  for (const f of fields) {
    const at = out.findIndex(
      (l, i) => i > h && i < end && FIELD.exec(l.text)?.[2]?.trim().toLowerCase() === f.label.toLowerCase(),
    );
    if (at < 0) {
      missing.push(f);
      continue;
    }
    const m = FIELD.exec(out[at]!.text)!;
    prefix = m[1] ?? '';
    out[at] = { text: `${prefix}**${m[2]!.trim()}:** ${f.value}`, cr: out[at]!.cr };
    last = Math.max(last, at);
  }
  if (last < 0) last = lastContent(out, h, end);
  const added = missing.map((f) => `${prefix}**${f.label}:** ${f.value}`);
  const fresh = (last === h && added.length ? ['', ...added] : added).map((t) => ({ text: t, cr }));
  out.splice(last + 1, 0, ...fresh);
  return out;
}

function headingLevel(line: string): number {
  const m = /^(#{1,6})\s/.exec(line);
  return m ? m[1]!.length : Number.POSITIVE_INFINITY;
}

function lastContent(lines: Line[], h: number, end: number): number {
  for (let i = end - 1; i > h; i--) if (lines[i]!.text.trim() !== '') return i;
  return h;
}
