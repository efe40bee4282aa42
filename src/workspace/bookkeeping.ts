// killdate's own bookkeeping writes (registers, the session log, REVIEW.md, the deploy status,
// an amended runbook) are recorded as the git blob ids of the text before and after each write,
// one JSON line each in .killdate/bookkeeping.jsonl. The scope guard sets a changed file aside
// only when its content chains from the task's base, through killdate's writes, to what is on
// disk: a hand edit before, between or after them breaks the chain and stays a finding.
// The ledger is witnessed in git (witnessed.ts): a line an agent appends to the file alone
// does not count. killdate's bookkeeping is Markdown only: only Markdown paths are ever set
// aside, so even a ledger rewritten with its copy cannot hide a code change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Change } from '../core/scope.js';
import { ensureStateDir } from './active-task.js';
import { blobsAt } from './blobs.js';
import { takeLockSync } from './lock.js';
import { gitObjectId } from './loose-objects.js';
import { keptCopy, readWitnessed, writeWitnessed } from './witnessed.js';

export const LEDGER = '.killdate/bookkeeping.jsonl';

/** What killdate writes as bookkeeping: the method's documents and the agents' rule files. */
const MARKDOWN = /\.mdc?$/i;

interface Write {
  path: string;
  /** blob id of the text before the write, '' when the file did not exist */
  before: string;
  after: string;
}

/** The git blob id of a file's bytes (`git hash-object`), '' for no file. */
export function blobId(content: string | Buffer | undefined): string {
  if (content === undefined) return '';
  return gitObjectId('blob', typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
}

/**
 * The ledger's copy in git, one per worktree (`run --all` keeps a ledger in each): a line
 * written to the file alone is not killdate's and does not count. A tree of parts (an older
 * killdate kept one blob: it is read as well).
 */
const LEDGER_REF = 'refs/worktree/killdate/bookkeeping';
/** Lines in each part of the ledger's copy: a write stores its last part again, not every line. */
const PART_LINES = 256;

/** The ledger as killdate wrote it: its copy in git when the file was edited or deleted. */
function ledgerText(root: string): string {
  try {
    return readWitnessed(root, LEDGER, LEDGER_REF, 'from-git') ?? '';
  } catch {
    return keptCopy(root, LEDGER_REF) ?? '';
  }
}

/**
 * Records one bookkeeping write; never fails the write it records. The ledger is read and
 * written again inside its lock: two writes at the same moment (two registers) keep both lines.
 */
export function recordWrite(root: string, path: string, before: string | undefined, after: string): void {
  if (before === after) return;
  try {
    ensureStateDir(root);
    const line: Write = { path, before: blobId(before), after: blobId(after) };
    const release = takeLockSync(join(root, LEDGER), LEDGER);
    try {
      const text = `${ledgerText(root)}${JSON.stringify(line)}\n`;
      writeWitnessed(root, LEDGER, LEDGER_REF, text, PART_LINES);
    } finally {
      release();
    }
  } catch {
    // no ledger: the change is reported as out of scope, which fails closed
  }
}

function readLedger(root: string): Write[] {
  const out: Write[] = [];
  for (const line of ledgerText(root).split('\n')) {
    try {
      const w = JSON.parse(line) as Write;
      if (typeof w.path === 'string' && typeof w.before === 'string' && typeof w.after === 'string')
        out.push(w);
    } catch {}
  }
  return out;
}

/** Each path's writes, in ledger order (the ledger is a file an agent can make long). */
function writesByPath(ledger: Write[]): Map<string, Write[]> {
  const out = new Map<string, Write[]>();
  for (const w of ledger) {
    const list = out.get(w.path);
    if (list) list.push(w);
    else out.set(w.path, [w]);
  }
  return out;
}

function current(root: string, path: string): string {
  try {
    return blobId(readFileSync(join(root, path)));
  } catch {
    return '';
  }
}

/**
 * Splits the changes since `base` into those killdate's own writes account for and the rest.
 * A path is set aside when its writes, followed in order from its content at the base, end at
 * the content on disk now.
 */
export async function setAsideBookkeeping(
  root: string,
  base: string,
  changes: Change[],
): Promise<{ changes: Change[]; bookkeeping: string[] }> {
  const markdown = changes.filter((c) => MARKDOWN.test(c.path) && !c.from && c.status !== 'deleted');
  if (!markdown.length) return { changes, bookkeeping: [] }; // the ledger is not even read
  const writes = writesByPath(readLedger(root));
  const candidates = markdown.filter((c) => writes.has(c.path));
  if (!candidates.length) return { changes, bookkeeping: [] };
  const atBase = await blobsAt(
    root,
    base,
    candidates.map((c) => c.path),
  );
  const bookkeeping = candidates
    .filter((c) => {
      let at = atBase.get(c.path) ?? '';
      for (const w of writes.get(c.path)!) if (w.before === at) at = w.after;
      return at !== '' && at === current(root, c.path);
    })
    .map((c) => c.path);
  const aside = new Set(bookkeeping);
  return { changes: changes.filter((c) => !aside.has(c.path)), bookkeeping };
}
