// A gate's status: `**Status:** ☐ PASSED  ☑ BLOCKED`, `**Status:** PASSED`, `[x] PASSED`,
// or a list of `- [x] PASSED` / `- [ ] BLOCKED` options. Exactly one must be chosen.
import type { Block } from '../markdown.js';
import { plain } from '../sections.js';

export type StatusValue = 'PASSED' | 'BLOCKED' | 'N/A';
export type GateState = StatusValue | 'unset' | 'conflicting';

export interface GateStatus {
  state: GateState;
  /** line of the first status line or option; undefined when the gate has none */
  line?: number;
  /** every status chosen, in order, without repeats */
  chosen: StatusValue[];
  /** whether the gate has a status line or status options at all */
  found: boolean;
}

const BOX = String.raw`\[[ xX]\]|☐|☑|☒|✅|✔|✓`;
const OPTION = new RegExp(String.raw`(${BOX})?\s*(PASSED|BLOCKED|N/A)(?![\w/])`, 'gu');
const LABEL =
  /^\s*(?:\*\*|__)?status(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.*)$|^\s*(?:\*\*|__)status:(?:\*\*|__)\s*(.*)$/i;
const BOXED = new RegExp(String.raw`^\s*(?:${BOX})\s*(?:\*\*)?(PASSED|BLOCKED|N/A)(?![\w/])`, 'u');
const STARTS = new RegExp(String.raw`^\s*(?:(?:${BOX})\s*)?(?:\*\*)?(PASSED|BLOCKED|N/A)(?![\w/])`, 'u');

/** An item or line that is itself a status option: `PASSED`, `[x] BLOCKED`, `☑ N/A (no UI)`. */
export function startsWithStatus(text: string): boolean {
  return STARTS.test(text);
}

interface Option {
  value: StatusValue | null;
  /** null for a plain word, true/false for a box */
  checked: boolean | null;
  line: number;
}

export function readStatus(blocks: Block[]): GateStatus {
  const options: Option[] = [];
  let pending = false;
  for (const b of blocks) {
    if (b.kind === 'item') pending = take(options, b.text, b.line, b.checked, pending);
    else if (b.kind === 'paragraph' && !b.quoted) {
      const lines = b.text.split('\n');
      for (let n = 0; n < lines.length; n++) pending = take(options, lines[n]!, b.line + n, null, pending);
    } else pending = false;
  }
  return decide(options);
}

/**
 * Read the status options of one line or item into `options`. Returns whether a bare status
 * label is still waiting for its options on the next line.
 */
function take(
  options: Option[],
  text: string,
  line: number,
  checked: boolean | null,
  pending: boolean,
): boolean {
  const rest = labelRest(text);
  if (rest !== null) {
    // a bare label still marks where the status is; its options follow
    if (rest === '') options.push({ value: null, checked: null, line });
    else addLineOptions(options, rest.toUpperCase(), line);
    return rest === '';
  }
  const ticked = checked === null ? null : STARTS.exec(text);
  if (ticked) {
    options.push({ value: norm(ticked[1]!), checked, line });
    return pending;
  }
  if (pending || BOXED.test(text)) {
    if (STARTS.test(text)) addLineOptions(options, text, line);
    return false;
  }
  return pending;
}

function labelRest(text: string): string | null {
  const m = LABEL.exec(text);
  return m ? (m[1] ?? m[2] ?? '').trim() : null;
}

/**
 * The options on one line. With boxes each box counts; without, the first word counts, unless
 * the line is a menu of words. One exec loop: this runs for every gate of every lock.
 */
function addLineOptions(options: Option[], text: string, line: number): void {
  let words = 0;
  let boxes = 0;
  let firstWord = '';
  OPTION.lastIndex = 0;
  for (let m = OPTION.exec(text); m !== null; m = OPTION.exec(text)) {
    if (words++ === 0) firstWord = m[2]!;
    const box = m[1];
    if (box) {
      boxes++;
      options.push({ value: norm(m[2]!), checked: box !== '[ ]' && box !== '☐', line });
    }
  }
  if (boxes > 0) return;
  if (words === 0) options.push({ value: null, checked: null, line });
  else if (words > 1 && isMenu(text)) options.push({ value: null, checked: false, line });
  else options.push({ value: norm(firstWord), checked: null, line });
}

/** Nothing but the option words and separators: `PASSED / BLOCKED`. */
function isMenu(text: string): boolean {
  return plain(text.replace(OPTION, '')).replace(/[\s/|,]/g, '') === '';
}

function norm(word: string): StatusValue {
  const w = word.toUpperCase();
  return w === 'PASSED' ? 'PASSED' : w === 'BLOCKED' ? 'BLOCKED' : 'N/A';
}

function decide(options: Option[]): GateStatus {
  const line = options[0]?.line;
  const chosen: StatusValue[] = [];
  for (const o of options)
    if (o.value && o.checked !== false && !chosen.includes(o.value)) chosen.push(o.value);
  const state = chosen.length === 0 ? 'unset' : chosen.length === 1 ? chosen[0]! : 'conflicting';
  return { state, line, chosen, found: options.length > 0 };
}
