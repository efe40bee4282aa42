// What the runbook parser reads inside its blocks: FILES entries, code that looks like code,
// and VALIDATE commands. Pure string work over the flat markdown blocks.
import type { Block, CodeBlock } from '../markdown.js';
import { isPlaceholder } from '../sections.js';

export interface FileEntry {
  /** normalised path or glob: no backticks, no leading `./`, no trailing comment */
  pattern: string;
  /** the source text the entry was read from */
  raw: string;
  line: number;
  /** a trailing comment or note, e.g. `new` from `src/a.ts  # new` */
  note?: string;
  /** the entry is marked as a file to create */
  isNew: boolean;
  /** the entry is a template placeholder such as `[path/to/file.ts]` */
  placeholder: boolean;
}

const NOTE = /^(.*?)(?:\s+(?:#|\/\/|--|—|–|-)\s*(.*)|\s+\(([^()]*)\))\s*$/;
const CODE_SPAN = /`([^`]+)`/g;
const NEW = /\b(new|create[sd]?)\b/i;

/** One FILES line into an entry; undefined for blank and comment-only lines. */
export function fileEntry(raw: string, line: number): FileEntry | undefined {
  const text = raw.trim();
  if (text === '' || isComment(text)) return undefined;
  const m = /\s/.test(text) ? NOTE.exec(text) : null; // a note follows whitespace
  const head = m && m[1]!.trim() !== '' ? m[1]!.trim() : text;
  const note = m && head !== text ? (m[2] ?? m[3] ?? '').trim() : undefined;
  const pattern = normalisePattern(head);
  if (pattern === '') return undefined;
  const placeholder = mayBePlaceholder(pattern);
  return note
    ? { pattern, raw: text, line, note, isNew: NEW.test(note), placeholder }
    : { pattern, raw: text, line, isNew: false, placeholder };
}

/** A FILES line that is a comment: `#`, `//` or `<!--`. */
function isComment(text: string): boolean {
  return text[0] === '#' || text.startsWith('//') || text.startsWith('<!--');
}

/** isPlaceholder, asked only of a text that can be one: a placeholder is in brackets. */
function mayBePlaceholder(text: string): boolean {
  return text.includes('[') && isPlaceholder(text);
}

export function normalisePattern(text: string): string {
  let p = text.trim();
  // each replace runs only when its character is there: most entries hold none of them
  if (p.includes('`')) p = p.replace(/^`+|`+$/g, '').trim();
  if (isQuote(p[0]) || isQuote(p.at(-1))) p = p.replace(/^["']|["']$/g, '');
  while (p.startsWith('./')) p = p.slice(2);
  if (p.includes('//')) p = p.replace(/\/{2,}/g, '/');
  if (p.length > 1 && p.endsWith('/')) p = `${p}**`;
  return p;
}

function isQuote(c: string | undefined): boolean {
  return c === '"' || c === "'";
}

/** FILES entries from code fences (one a line), else list items, else inline code spans. */
export function fileEntries(blocks: Block[], fenced: (c: CodeBlock) => boolean): FileEntry[] {
  const out: FileEntry[] = [];
  for (const b of blocks) {
    if (b.kind !== 'code') continue;
    const first = fenced(b) ? b.line + 1 : b.line;
    b.content.split('\n').forEach((l, i) => {
      const e = fileEntry(l, first + i);
      if (e) out.push(e);
    });
  }
  for (const b of blocks) if (b.kind === 'item') pushItem(out, b.text, b.line);
  if (out.length > 0) return out.sort((a, b) => a.line - b.line);
  for (const b of blocks) {
    if (b.kind !== 'paragraph') continue;
    b.text.split('\n').forEach((l, i) => {
      for (const span of spans(l)) if (pathLike(span)) pushEntry(out, span, b.line + i);
    });
  }
  return out;
}

function pushItem(out: FileEntry[], text: string, line: number): void {
  const span = spans(text)[0];
  if (span !== undefined) {
    const e = fileEntry(span, line);
    const note = text
      .slice(text.indexOf('`') + span.length + 2)
      .replace(/^[\s—–:#/-]+|[()]/g, '')
      .trim();
    if (e) out.push(note ? { ...e, raw: text, note, isNew: NEW.test(note) } : { ...e, raw: text });
    return;
  }
  const e = fileEntry(text, line);
  if (!e) return;
  if (!/\s/.test(e.pattern)) return void out.push(e); // one word: the entry as read
  const words = e.pattern.split(/\s+/);
  if (words.length === 1 || pathLike(words[0]!)) out.push({ ...e, pattern: words[0]! });
}

function pushEntry(out: FileEntry[], text: string, line: number): void {
  const e = fileEntry(text, line);
  if (e) out.push(e);
}

export function spans(text: string): string[] {
  if (!text.includes('`')) return [];
  return [...text.matchAll(CODE_SPAN)].map((m) => m[1]!.trim());
}

function pathLike(text: string): boolean {
  return !/\s/.test(text) && /[/.*]/.test(text) && !/^\.+$/.test(text);
}

const CODE_LANG =
  /^(ts|tsx|js|jsx|mjs|typescript|javascript|json|jsonc|ya?ml|sql|py|python|rb|ruby|go|rs|rust|java|kt|swift|php|cs|c|cpp|sh|bash|html|vue|svelte|css|scss|prisma|graphql|gql|toml)$/i;
const CODE_LINE = [
  /[{};]\s*$/,
  /=>|===|!==|:=|::/,
  /^\s*(export|import|function|const|let|var|type|interface|class|enum|def|return|async|await|from|SELECT|CREATE|ALTER|INSERT|UPDATE|DROP|model|struct|fn|func|package)\b/,
  /\w\([^)]*\)/,
  /^\s*<\/?[A-Za-z][\w.]*(\s|>|\/>|$)/,
  /^\s*[\w"'$-]+\??\s*:\s*[\w"'[{<|]/,
  /^\s*[│├└]/,
];

/** A code block holding code (or a tree/shape), not prose, comments or a placeholder. */
export function looksLikeCode(code: CodeBlock): boolean {
  const codeLang = CODE_LANG.test(code.lang.split(/\s/)[0] ?? '');
  for (const raw of code.content.split('\n')) {
    const l = raw.trim();
    if (l === '' || /^(\/\/|#|\/\*|\*|<!--|--\s)/.test(l) || mayBePlaceholder(l)) continue;
    // a line kept: in a code language it is code, else it has to read as code
    if (codeLang || CODE_LINE.some((re) => re.test(l))) return true;
  }
  return false;
}

const TOOLS =
  /^(npm|npx|pnpm|yarn|bun|bunx|node|deno|make|just|cargo|go|python3?|pytest|uv|poetry|pip|tox|nox|tsc|vitest|jest|mocha|eslint|biome|ruff|mypy|pyright|prettier|bash|sh|docker|git|curl|psql|sqlite3|bundle|rails|rake|rspec|php|phpunit|composer|mvn|gradle|\.\/gradlew|dotnet|swift|mix|turbo|nx|playwright|cypress|prisma|alembic|killdate|terraform|kubectl)$/;
const SUBCOMMAND = /^(-|run$|test$|build$|check$|lint$|typecheck$|exec$)/;
const SERVER =
  /^(npm|pnpm|yarn|bun)( run)? (dev|start|serve|watch|preview)$|--watch\b|^(vite|next dev|rails s(erver)?)\b/;

/**
 * A backticked span that looks like a shell command (a known tool, `./script`, `a && b`): used
 * to warn about prose that mentions one, never to decide what runs (see `runnableStep`).
 */
export function runnableCommand(span: string): boolean {
  const s = span.trim();
  if (s === '' || isPlaceholder(s) || /\[[^\]]*\]/.test(s) || SERVER.test(s)) return false;
  const [first, second] = s.split(/\s+/);
  if (first === undefined) return false;
  if (TOOLS.test(first) || first.startsWith('./') || s.includes(' && ')) return true;
  return /^[a-z][\w.-]*$/.test(first) && second !== undefined && SUBCOMMAND.test(second);
}

/** A step that forbids rather than checks: "Do not run ...", "never", "avoid", "without". */
export const NEGATED =
  /\b(do\s+not|don'?t|never|must\s+not|mustn'?t|should\s+not|shouldn'?t|avoid|no\s+need\s+to)\b/i;
/** The runnable form: `<label>: \`<command>\`` or `\`<command>\``, the span last and alone. */
const STEP_FORM = /^(?:([^`]*?)\s*:\s*)?`([^`]+)`\s*$/;
/** A runnable step whose label marks it "(destructive)" may run a command on the destructive list. */
export const ALLOW_DESTRUCTIVE = /\(destructive\)/i;

/**
 * The command of a VALIDATE checkbox step written in the runnable form, else undefined: the
 * step is exactly one backticked command, or a label ending in `:` then one backticked command,
 * nothing after it; the label forbids nothing; no placeholder, no dev server. Everything else
 * is shown to the human, never run.
 */
export function runnableStep(text: string): string | undefined {
  if (!text.includes('`')) return undefined; // the form holds a backticked command
  const m = STEP_FORM.exec(text.trim());
  if (!m) return undefined;
  const label = m[1] ?? '';
  const command = m[2]!.trim();
  if (NEGATED.test(label)) return undefined;
  if (command === '' || isPlaceholder(command) || /\[[^\]]*\]/.test(command) || SERVER.test(command))
    return undefined;
  return command;
}
