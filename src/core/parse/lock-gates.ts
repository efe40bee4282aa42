// The answers of each gate, read from its fields, lists and tables: gate 1 citation, gate 2
// scope, the tables of gates 3-6, gate 7 sunset and kill date, gate 8 mocks. Each is null when
// its gate is missing.
import { isValidDate } from '../dates.js';
import type { MdDoc } from '../markdown.js';
import { type Field, findField, plain } from '../sections.js';
import type { Gate, GatePart, LockItem, LockList, LockTable } from './lock.js';
import { valueGap } from './lock-text.js';

export interface Alignment {
  citation?: Field;
  conflicts?: Field;
  resolution?: Field;
}
export interface SurgicalLine {
  /** the whole line as written */
  text: string;
  line: number;
  /** what follows `V(N+1) = V(N) +` */
  change: string;
}
export interface ScopeLock {
  statement?: Field;
  in?: LockList;
  out?: LockList;
  sectionVsReplacement?: Field;
  uniqueJob?: Field;
  surgical?: SurgicalLine;
  /** the labelled surgical-change field, when there is one */
  surgicalField?: Field;
}
/** A table row read by column name: `cells` keeps every cell in order. */
export interface GateRow<K extends string> {
  line: number;
  cells: string[];
  get: Record<K, string>;
}
export interface GateTable<K extends string> {
  table: LockTable;
  rows: GateRow<K>[];
}
export interface KillDate {
  raw: string;
  line: number;
  /** the ISO date when the value holds a valid one, else null */
  date: string | null;
  /** a date-shaped token that is not a real date (2026-02-30), else null */
  invalid: string | null;
}
export interface Sunset {
  temporary?: Field;
  criterion?: Field;
  killDate?: KillDate;
}
export interface MockLink {
  /** as named, relative to the feature folder (`./` dropped) */
  path: string;
  line: number;
}
export interface Mocks {
  checklist: LockItem[];
  /** paragraphs that are neither the status nor an italic instruction: link or reviewer note */
  notes: { text: string; line: number }[];
  links: MockLink[];
  urls: { url: string; line: number }[];
}

export interface GateAnswers {
  alignment: Alignment | null;
  scope: ScopeLock | null;
  invariants: GateTable<'surface' | 'unchanged' | 'verify'> | null;
  blastRadius: GateTable<'touchpoint'> | null;
  fourState: GateTable<'surface' | 'empty' | 'loading' | 'error' | 'populated'> | null;
  interfaces: GateTable<'interface' | 'changeType' | 'rollback' | 'tests'> | null;
  sunset: Sunset | null;
  mocks: Mocks | null;
}

export function gateAnswers(doc: MdDoc, gates: Gate[], parts: GatePart[]): GateAnswers {
  const first = firstOfEach(gates);
  const g = (n: number) => (first[n] === undefined ? null : gates[first[n]]!);
  const g1 = g(1);
  const g2 = g(2);
  const g7 = g(7);
  const g8 = g(8);
  return {
    alignment: g1 ? alignment(g1, parts[first[1]!]!) : null,
    scope: g2 ? scope(doc, parts[first[2]!]!, g2) : null,
    invariants: tableOf(g(3), INVARIANT_COLUMNS),
    blastRadius: tableOf(g(4), BLAST_COLUMNS),
    fourState: tableOf(g(5), FOUR_STATE_COLUMNS),
    interfaces: tableOf(g(6), INTERFACE_COLUMNS),
    sunset: g7 ? sunset(g7) : null,
    mocks: g8 ? mocks(doc, g8) : null,
  };
}

/** The index of the first gate numbered 1 to 8, by number (a later duplicate is not read). */
function firstOfEach(gates: Gate[]): (number | undefined)[] {
  const first: (number | undefined)[] = [];
  for (let i = 0; i < gates.length; i++) {
    const n = gates[i]!.number;
    if (n >= 1 && n <= 8 && first[n] === undefined) first[n] = i;
  }
  return first;
}

function alignment(gate: Gate, part: GatePart): Alignment {
  const citation = findField(gate.fields, 'canonical reference', 'citation', 'canonical', 'reference');
  if (!citation)
    return {
      conflicts: findField(gate.fields, 'conflict'),
      resolution: findField(gate.fields, 'resolution'),
    };
  // a blockquote under the label is the citation too (fields skip quoted paragraphs)
  const next = gate.fields.find((f) => f.line > citation.line)?.line ?? Number.MAX_SAFE_INTEGER;
  const quotes = part.blocks
    .filter((b) => b.kind === 'paragraph' && b.quoted && b.line > citation.line && b.line < next)
    .map((b) => (b.kind === 'paragraph' ? b.text : ''))
    .filter((t) => !/^\s*(\*|_)*example/i.test(t));
  const value = [citation.value, ...quotes].filter((v) => v.trim() !== '').join('\n');
  return {
    citation: { ...citation, value },
    conflicts: findField(gate.fields, 'conflict'),
    resolution: findField(gate.fields, 'resolution'),
  };
}

const V_LINE = /V\s*\(\s*N\s*\+\s*1\s*\)\s*=\s*V\s*\(\s*N\s*\)\s*\+\s*(.*)$/;

function scope(doc: MdDoc, part: GatePart, gate: Gate): ScopeLock {
  const list = (re: RegExp) => gate.lists.find((l) => re.test(l.label.toLowerCase()));
  const candidates: SurgicalLine[] = [];
  for (let n = part.heading.line; n <= part.endLine; n++) {
    const text = doc.lines[n - 1] ?? '';
    // most lines hold no "=" at all: skip the pattern for them
    const m = text.includes('=') ? V_LINE.exec(text) : null;
    if (m)
      candidates.push({
        text: text.trim(),
        line: n,
        change: plain(m[1] ?? '')
          .replace(/^[`"]+|[`"]+$/g, '')
          .trim(),
      });
  }
  const filled = candidates.filter((c) => valueGap(c.change) === null);
  return {
    statement: findField(gate.fields, 'scope statement', 'scope'),
    in: list(/^(in|in[- ]scope|included)$/),
    out: list(/^(out|out[- ]of[- ]scope|excluded)$/),
    sectionVsReplacement: findField(gate.fields, 'section-vs-replacement', 'section vs', 'section'),
    uniqueJob: findField(gate.fields, 'unique-job', 'unique job', 'unique'),
    surgical: filled.at(-1) ?? candidates[0],
    surgicalField: findField(gate.fields, 'single surgical', 'surgical'),
  };
}

/** Each column's header pattern and the position it takes when no header matches. */
type Columns<K extends string> = Record<K, [RegExp, number]>;

const INVARIANT_COLUMNS: Columns<'surface' | 'unchanged' | 'verify'> = {
  surface: [/surface/, 0],
  unchanged: [/unchanged|must/, 1],
  verify: [/verif/, 2],
};
const BLAST_COLUMNS: Columns<'touchpoint'> = { touchpoint: [/touchpoint/, 0] };
const FOUR_STATE_COLUMNS: Columns<'surface' | 'empty' | 'loading' | 'error' | 'populated'> = {
  surface: [/surface/, 0],
  empty: [/empty/, 1],
  loading: [/loading/, 2],
  error: [/error/, 3],
  populated: [/populated/, 4],
};
const INTERFACE_COLUMNS: Columns<'interface' | 'changeType' | 'rollback' | 'tests'> = {
  interface: [/interface/, 0],
  changeType: [/change/, 1],
  rollback: [/rollback/, 2],
  tests: [/test/, 3],
};

function tableOf<K extends string>(gate: Gate | null, columns: Columns<K>): GateTable<K> | null {
  const table = gate?.tables[0];
  if (!table) return null;
  const header = table.header.map((h) => plain(h).toLowerCase());
  const keys = Object.keys(columns) as K[];
  const index: number[] = [];
  for (const key of keys) {
    const [re, fallback] = columns[key];
    const found = header.findIndex((h) => re.test(h));
    index.push(found >= 0 ? found : fallback);
  }
  const rows: GateRow<K>[] = [];
  for (const r of table.rows) {
    const get = {} as Record<K, string>;
    for (let k = 0; k < keys.length; k++) get[keys[k]!] = r.cells[index[k]!] ?? '';
    rows.push({ line: r.line, cells: r.cells, get });
  }
  return { table, rows };
}

function sunset(gate: Gate): Sunset {
  const kill = findField(gate.fields, 'kill date', 'killdate', 'kill-date');
  return {
    temporary: findField(gate.fields, 'what prior version', 'what temporary', 'temporary', 'phase', 'what'),
    criterion: findField(gate.fields, 'sunset criterion', 'sunset', 'criterion'),
    killDate: kill ? killDate(kill) : undefined,
  };
}

const DATE_SHAPED = /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/;

export function killDate(f: Field): KillDate {
  const raw = plain(f.value.split('\n')[0] ?? '');
  const m = DATE_SHAPED.exec(raw);
  if (!m) return { raw, line: f.line, date: null, invalid: null };
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(m[0]) ? m[0] : null;
  if (iso && isValidDate(iso)) return { raw, line: f.line, date: iso, invalid: null };
  return { raw, line: f.line, date: null, invalid: m[0] };
}

const LINK = /\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)/g;
const CODE_PATH = /`([^`\s]+\.[A-Za-z0-9]{2,5})`/g;
const BARE_PATH =
  /(?:^|[\s(])((?:\.{0,2}\/)?[\w.-]+(?:\/[\w.-]+)*\.(?:html?|png|jpe?g|gif|svg|webp|pdf|fig|mp4))(?=[\s),.;:]|$)/gi;
/** The patterns a line may match, each asked only when the line holds what it needs. */
const MOCK_PATTERNS: [RegExp, (line: string) => boolean][] = [
  [LINK, (l) => l.includes('](')],
  [CODE_PATH, (l) => l.includes('`')],
  [BARE_PATH, (l) => l.includes('.')],
];

function mocks(doc: MdDoc, gate: Gate): Mocks {
  const links: MockLink[] = [];
  const urls: Mocks['urls'] = [];
  for (let n = gate.line + 1; n <= gate.endLine; n++) {
    const text = doc.lines[n - 1] ?? '';
    let seen: Set<string> | undefined;
    for (const [re, may] of MOCK_PATTERNS)
      if (may(text))
        for (const m of text.matchAll(re)) {
          const target = (m[1] ?? '').replace(/[#?].*$/, '');
          seen ??= new Set();
          if (target === '' || seen.has(target)) continue;
          seen.add(target);
          if (/^[a-z][a-z0-9+.-]*:/i.test(target)) urls.push({ url: target, line: n });
          else links.push({ path: target.replace(/^(\.\/)+/, ''), line: n });
        }
  }
  const notes = gate.paragraphs
    .filter(
      (p) => !p.quoted && !/^\s*(\*\*|__)?status\b/i.test(p.text) && !/^\*[^*].*\*$|^_.*_$/s.test(p.text),
    )
    .map((p) => ({ text: p.text, line: p.line }));
  return { checklist: gate.items.filter((i) => i.checked !== null), notes, links, urls };
}

/** A mock path named in gate 8, resolved against the lock's folder (`/x` is from the root). */
export function resolveMock(lockPath: string, path: string): string {
  if (path.startsWith('/')) return path.replace(/^\/+/, '');
  const parts = lockPath.split('/').slice(0, -1);
  for (const seg of path.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}
