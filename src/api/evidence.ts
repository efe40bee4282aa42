// The evidence a feature's checkpoints cover, read from disk: the sign-offs on record, the
// content hash of each covered document (lock parts, mocks, runbooks) and the mock files.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { ConditionInput } from '../core/checkpoint-conditions.js';
import type { CurrentCover } from '../core/checkpoints.js';
import type { Finding } from '../core/finding.js';
import { type MdDoc, parseMarkdown } from '../core/markdown.js';
import { gateOf, type Lock, parseLock } from '../core/parse/lock.js';
import { parseRunbook, validateCommands } from '../core/parse/runbook.js';
import { REVIEW_FILE } from '../core/review-doc.js';
import {
  CHECKPOINTS,
  type Checkpoint,
  type CoveredDoc,
  parseSignoffs,
  SIGNOFFS_FILE,
  type Signoff,
} from '../core/signoffs.js';
import { type FeatureRef, persistParser, type Workspace } from '../core/workspace.js';
import { type TrustSettings, trustedSignoffs, trustSettings } from './records.js';

export interface Evidence {
  /** the sign-offs git backs */
  signoffs: Signoff[];
  /** signoff/forged: the records git does not back (they do not count) */
  forged: Finding[];
  cover: CurrentCover;
  mocks: ConditionInput['mocks'];
  isMock(id: string): boolean;
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The exact commands `run` executes for a runbook's VALIDATE, in order: what CP-3 covers by hash. */
export function runCommands(ws: Workspace, runbook: string): string[] {
  return ws.parsed(runbook, validateOf) ?? [];
}

/**
 * What the evidence needs of a runbook and of a lock, kept in the parse cache apart from their
 * whole parses: status and start read these small ones for every feature, the whole parse
 * only for what blocks a checkpoint.
 */
function validateOf(doc: MdDoc, ws: Workspace): string[] {
  const rb = ws.parsed(doc.path, parseRunbook);
  return rb ? validateCommands(rb).map((c) => c.command) : [];
}
persistParser(validateOf, 'runbook-validate', 'runbook');

interface LockCover {
  /** first and last line of gates 1 and 8, null when the gate is missing */
  gate1: [number, number] | null;
  gate8: [number, number] | null;
  /** mock files gate 8 links, relative to the feature folder */
  mocks: { path: string; line: number }[];
}

function lockCoverOf(doc: MdDoc, ws: Workspace): LockCover {
  const lock = ws.parsed(doc.path, parseLock)!;
  const mocks = (lock.mocks?.links ?? []).map(({ path, line }) => ({ path, line }));
  return { ...gateLines(lock), mocks };
}
persistParser(lockCoverOf, 'lock-cover', 'lock');

function gateLines(lock: Lock): Pick<LockCover, 'gate1' | 'gate8'> {
  const lines = (n: number): [number, number] | null => {
    const g = gateOf(lock, n);
    return g ? [g.line, g.endLine] : null;
  };
  return { gate1: lines(1), gate8: lines(8) };
}

interface LockParts {
  gate1?: string;
  gate8?: string;
  /** the whole lock but gate 8: what CP-1 covers */
  outside8: string;
}

/** The parts of a lock's text its checkpoints cover. */
function lockParts(text: string, { gate1, gate8 }: Pick<LockCover, 'gate1' | 'gate8'>): LockParts {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const part = ([from, to]: [number, number]) => lines.slice(from - 1, to).join('\n');
  const outside8 = gate8 ? [...lines.slice(0, gate8[0] - 1), ...lines.slice(gate8[1])].join('\n') : text;
  return { gate1: gate1 ? part(gate1) : undefined, gate8: gate8 ? part(gate8) : undefined, outside8 };
}

/**
 * The hash a covered document's id names, read from another version of the files (`read`: a
 * path's bytes, undefined when absent), as gatherEvidence hashes it; undefined when absent.
 */
export function coveredHash(id: string, read: (path: string) => Buffer | undefined): string | undefined {
  const cut = id.indexOf('#');
  const path = cut < 0 ? id : id.slice(0, cut);
  const bytes = read(path);
  if (!bytes || cut < 0) return bytes && sha256(bytes);
  const text = bytes.toString('utf8');
  const doc = parseMarkdown(path, text);
  const part = id.slice(cut + 1);
  if (part === 'validate')
    return sha256(
      validateCommands(parseRunbook(doc))
        .map((c) => c.command)
        .join('\n'),
    );
  const parts = lockParts(text, gateLines(parseLock(doc)));
  const covered =
    part === 'gate-1'
      ? parts.gate1
      : part === 'gate-8'
        ? parts.gate8
        : part === 'gates-1-7'
          ? parts.outside8
          : undefined;
  return covered === undefined ? undefined : sha256(covered);
}

export function signoffsPath(feature: FeatureRef): string {
  return `${feature.dir}/${SIGNOFFS_FILE}`;
}

/** The sign-offs recorded in the feature's folder; with `ws`, a folder listed without one has none. */
export function readSignoffList(root: string, feature: FeatureRef, ws?: Workspace): Signoff[] {
  if (ws?.listedHas(feature.dir, SIGNOFFS_FILE) === false) return [];
  try {
    return parseSignoffs(readFileSync(join(root, signoffsPath(feature)), 'utf8'));
  } catch {
    return [];
  }
}

/** Whether the feature's folder holds its REVIEW.md: a task of it ran and awaits or had review. */
export function hasReviewFile(root: string, ws: Workspace, feature: FeatureRef): boolean {
  return ws.listedHas(feature.dir, REVIEW_FILE) ?? existsSync(join(root, feature.dir, REVIEW_FILE));
}

/** `signers`: the allowed-signers file to verify against, when not the configured one (ci --base). */
export function gatherEvidence(
  root: string,
  ws: Workspace,
  feature: FeatureRef,
  signers?: string,
  trust: TrustSettings = trustSettings(root, ws.config, signers),
): Evidence {
  const mocks = mockFiles(root, ws, feature);
  const mockIds = new Set(mocks.map((m) => m.path));
  const signedAs = signedPath(ws, feature);
  const lock = feature.lock;
  let parts: LockParts | undefined;
  const ofLock = () => {
    parts ??= lockParts(ws.text(lock!) ?? '', ws.parsed(lock!, lockCoverOf)!);
    return parts;
  };
  // each checkpoint's documents are hashed only when asked (a checkpoint signed, or signing it)
  const cover = lazyCover(signedAs, {
    'CP-0': () => {
      const g1 = lock ? ofLock().gate1 : undefined;
      return g1 === undefined ? [] : [{ id: `${lock}#gate-1`, sha256: sha256(g1) }];
    },
    'CP-1': () => (lock ? [{ id: `${lock}#gates-1-7`, sha256: sha256(ofLock().outside8) }] : []),
    'CP-2': () => {
      const g8 = lock ? ofLock().gate8 : undefined;
      return [
        ...(g8 === undefined ? [] : [{ id: `${lock}#gate-8`, sha256: sha256(g8) }]),
        ...mocks
          .filter((m) => m.exists)
          .map((m) => ({ id: m.path, sha256: sha256(readFileSync(join(root, m.path))) })),
      ];
    },
    'CP-3': () =>
      feature.runbooks.flatMap((rb) => [
        { id: rb, sha256: sha256(ws.text(rb) ?? '') },
        { id: `${rb}#validate`, sha256: sha256(runCommands(ws, rb).join('\n')) },
      ]),
  });
  const signedMocks = new Set([...mockIds].map(signedAs));
  const { trusted, forged } = trustedSignoffs(
    root,
    signoffsPath(feature),
    readSignoffList(root, feature, ws),
    trust,
  );
  return { signoffs: trusted, forged, cover, mocks, isMock: (id) => signedMocks.has(id) };
}

/** A cover whose checkpoints are each made on first read, with their ids as signed. */
function lazyCover(
  signedAs: (id: string) => string,
  make: Record<Checkpoint, () => CoveredDoc[]>,
): CurrentCover {
  const cover = {} as CurrentCover;
  for (const cp of CHECKPOINTS) {
    let docs: CoveredDoc[] | undefined;
    Object.defineProperty(cover, cp, {
      enumerable: true,
      get: () => {
        docs ??= make[cp]().map((d) => ({ ...d, id: signedAs(d.id) }));
        return docs;
      },
    });
  }
  return cover;
}

/**
 * A completed feature was signed before it moved to `_completed/`: its documents are compared
 * under the paths they had then, so the move re-opens no checkpoint.
 */
function signedPath(ws: Workspace, feature: FeatureRef): (id: string) => string {
  const active = `${ws.paths.features}/${feature.slug}`;
  if (!feature.completed || feature.dir === active) return (id) => id;
  const from = `${feature.dir}/`;
  return (id) => (id.startsWith(from) ? `${active}/${id.slice(from.length)}` : id);
}

/** Mocks named by gate 8 (relative to the feature folder) and every file under mocks/. */
function mockFiles(root: string, ws: Workspace, feature: FeatureRef): ConditionInput['mocks'] {
  const out = new Map<string, ConditionInput['mocks'][number]>();
  const cover = feature.lock ? ws.parsed(feature.lock, lockCoverOf) : undefined;
  // the regular files under mocks/: a named mock found there needs no stat of its own
  const walked = new Set(walkFiles(root, ws, `${feature.dir}/mocks`));
  for (const link of cover?.mocks ?? []) {
    const path = posix.normalize(`${feature.dir}/${link.path}`);
    const inside = !path.startsWith('../') && !posix.isAbsolute(link.path);
    const exists = inside && (walked.has(path) || isFile(join(root, path)));
    out.set(path, { path, exists, named: true, line: link.line });
  }
  for (const path of walked) if (!out.has(path)) out.set(path, { path, exists: true, named: false });
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** The regular files under `dir`, its folders read with the documents when they were. */
function walkFiles(root: string, ws: Workspace, dir: string, depth = 4): string[] {
  if (depth === 0) return [];
  let entries = ws.listed(dir);
  if (!entries)
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      return [];
    }
  return entries.flatMap((e) => {
    const p = `${dir}/${e.name}`;
    if (e.name.startsWith('.')) return [];
    if (e.isDirectory()) return walkFiles(root, ws, p, depth - 1);
    return e.isFile() ? [p] : [];
  });
}

function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

export type { CoveredDoc };
