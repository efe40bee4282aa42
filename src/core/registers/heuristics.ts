// Dev heuristics: add an entry to a domain (creating the domain, or adding its path globs),
// and pick the domains whose globs match a path.
import picomatch from 'picomatch';
import { KilldateError } from '../errors.js';
import { parseMarkdown } from '../markdown.js';
import { type HeuristicDomain, parseHeuristics } from '../parse/heuristics.js';
import { hasControl } from '../visible.js';
import {
  appendEdit,
  endOfContent,
  eolOf,
  lineOffset,
  oneLine,
  refuseConflicts,
  type TextEdit,
} from './edit.js';

const globsLine = (globs: string[]) => `**Paths:** ${globs.map((g) => `\`${g}\``).join(', ')}`;

export function addHeuristicEdits(
  file: string,
  text: string | undefined,
  domainName: string,
  entry: string,
  globs: string[] = [],
) {
  refuseConflicts(file, text);
  const name = oneLine(domainName);
  if (!name || !oneLine(entry)) throw new KilldateError('USAGE', 'a heuristic needs a domain and a text');
  if (globs.some((g) => g.startsWith('/') || g.split('/').includes('..')))
    throw new KilldateError('USAGE', 'path globs stay inside the repo: no absolute path, no ..');
  // a glob is written inside backticks on the domain's one **Paths:** line
  if (globs.some((g) => /[\s`]/.test(g) || hasControl(g)))
    throw new KilldateError('USAGE', 'a path glob holds no space, line break, control character or backtick');
  const base = text ?? '# Dev heuristics\n\nShort warnings by domain: when you touch X, remember Y.\n';
  const doc = parseMarkdown(file, base);
  const domain = parseHeuristics(doc).domains.find((d) => d.name.toLowerCase() === name.toLowerCase());
  const item = `- ${oneLine(entry)}`;
  let edits: TextEdit[];
  if (!domain) {
    const block = [`## ${name}`, '', ...(globs.length ? [globsLine(globs), ''] : []), item].join('\n');
    edits =
      text === undefined ? [{ start: 0, end: 0, insert: `${base}\n${block}\n` }] : [appendEdit(base, block)];
  } else edits = intoDomain(base, doc.lines.length, domain, item, globs, nextH2(doc.blocks, domain.line));
  return { edits, value: domain?.name ?? name };
}

function nextH2(blocks: { kind: string; line: number; level?: number }[], after: number): number | undefined {
  return blocks.find((b) => b.kind === 'heading' && b.line > after && (b.level ?? 9) <= 2)?.line;
}

function intoDomain(
  text: string,
  lineCount: number,
  d: HeuristicDomain,
  item: string,
  globs: string[],
  next: number | undefined,
): TextEdit[] {
  const eol = eolOf(text);
  const at = endOfContent(text, d.line, next ?? lineCount + 1);
  const lead = at === text.length && !text.endsWith('\n') ? eol : '';
  const edits: TextEdit[] = [{ start: at, end: at, insert: `${lead}${item}${eol}` }];
  const missing = globs.filter((g) => !d.globs.includes(g));
  if (missing.length && d.globsLine) {
    const start = lineOffset(text, d.globsLine);
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (text[end - 1] === '\r') end -= 1;
    edits.push({ start, end, insert: globsLine([...d.globs, ...missing]) });
  } else if (missing.length) {
    const after = lineOffset(text, d.line + 1);
    edits.push({ start: after, end: after, insert: `${eol}${globsLine(missing)}${eol}` });
  }
  return edits;
}

/** Domains whose globs match `path` (workspace-relative, forward slashes). */
export function heuristicsFor(domains: HeuristicDomain[], path: string): HeuristicDomain[] {
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '');
  return domains.filter((d) => d.globs.length > 0 && picomatch(d.globs, { dot: true })(p));
}
