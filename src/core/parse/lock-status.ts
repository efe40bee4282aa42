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
  const take = (text: string, line: number, checked: boolean | null) => {
    const rest = labelRest(text);
    if (rest !== null) {
      pending = rest === '';
      // a bare label still marks where the status is; its options follow
      options.push(
        ...(rest ? lineOptions(rest.toUpperCase(), line) : [{ value: null, checked: null, line }]),
      );
    } else if (checked !== null && STARTS.test(text)) {
      options.push({ value: norm(STARTS.exec(text)![1]!), checked, line });
    } else if (pending || BOXED.test(text)) {
      if (STARTS.test(text)) options.push(...lineOptions(text, line));
      pending = false;
    }
  };
  for (const b of blocks) {
    if (b.kind === 'item') take(b.text, b.line, b.checked);
    else if (b.kind === 'paragraph' && !b.quoted)
      b.text.split('\n').forEach((t, n) => {
        take(t, b.line + n, null);
      });
    else pending = false;
  }
  return decide(options);
}

function labelRest(text: string): string | null {
  const m = LABEL.exec(text);
  return m ? (m[1] ?? m[2] ?? '').trim() : null;
}

/** Options on one line. Without boxes the first word counts, unless the line is a menu. */
function lineOptions(text: string, line: number): Option[] {
  const found = [...text.matchAll(OPTION)];
  if (found.length === 0) return [{ value: null, checked: null, line }];
  if (found.some((m) => m[1]))
    return found
      .filter((m) => m[1])
      .map((m) => ({ value: norm(m[2]!), checked: !/^(\[ \]|☐)$/.test(m[1]!), line }));
  const menu = found.length > 1 && plain(text.replace(OPTION, '')).replace(/[\s/|,]/g, '') === '';
  if (menu) return [{ value: null, checked: false, line }];
  return [{ value: norm(found[0]![2]!), checked: null, line }];
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
