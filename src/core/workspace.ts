// The workspace as core sees it: the method documents already read (by workspace/ at the
// edge), what kind each one is, and memoised parses. Pure: no fs, no git.
import picomatch from 'picomatch';
import type { Config } from './config.js';
import type { Finding } from './finding.js';
import type { KillDateEntry } from './killdates.js';
import { type Block, type MdDoc, normaliseText, parseMarkdown } from './markdown.js';
import { byCodeUnit } from './order.js';

/**
 * Parses kept between runs, keyed by the document's path and text (workspace/doc-store.ts):
 * `md` holds the markdown blocks, other kinds a persisted parser's result (persistParser).
 */
export interface DocStore {
  get(path: string, text: string, kind: string): unknown;
  set(path: string, text: string, kind: string, value: unknown): void;
}

/** each kept parser's name in the parse cache, and the kind of document it digests */
const persisted = new Map<Parser<unknown>, { name: string; of: DocKind }>();

/**
 * Keep this parser's results (under `name`) in the parse cache: it must be a pure function of a
 * document of kind `of` (it may ask `ws.parsed` for another parse of the same document), with a
 * JSON result.
 */
export function persistParser<T>(parser: Parser<T>, name: string, of: DocKind): void {
  persisted.set(parser as Parser<unknown>, { name, of });
}

export type DocKind =
  | 'context'
  | 'claude'
  | 'gemini'
  | 'executor-rule'
  | 'canonical'
  | 'log'
  | 'roadmap'
  | 'known-issues'
  | 'testing-learnings'
  | 'dev-heuristics'
  | 'stack'
  | 'lock-template'
  | 'runbook-template'
  | 'lock'
  | 'runbook'
  | 'review'
  | 'iteration'
  | 'process'
  | 'readme'
  | 'other';

export interface Snapshot {
  config: Config;
  /** today's date, YYYY-MM-DD, injected so rules are deterministic */
  today: string;
  /** method documents, workspace-relative path -> text */
  files: Map<string, string>;
  /** whether a workspace-relative path exists (file or folder) */
  exists(path: string): boolean;
  /** problems met while reading (binary, invalid UTF-8, too large...) */
  problems: Finding[];
  /** the line of a key path in killdate.config.yaml, for config errors found by rules */
  configLine?(path: string[]): number | undefined;
  /** KILLDATE markers in the repo's tracked files; absent when they were not scanned */
  markers?: KillDateEntry[];
  /** the parse cache, when the caller keeps one */
  docStore?: DocStore;
  /** folders read while the documents were found (Workspace.listed); no rule reads them */
  listing?: Listing;
}

/** Folder entries as read from disk, by workspace-relative folder. */
export type Listing = Map<string, { name: string; isFile(): boolean; isDirectory(): boolean }[]>;

export interface FeatureRef {
  slug: string;
  /** feature folder, workspace-relative */
  dir: string;
  completed: boolean;
  lock?: string;
  runbooks: string[];
}

/** A parse of one document; `ws` only for another parse of the same one (a digest of it). */
type Parser<T> = (doc: MdDoc, ws: Workspace) => T;

/** The documents of a feature folder: focus() narrows these kinds to the features in view. */
export const FEATURE_KINDS: ReadonlySet<DocKind> = new Set(['lock', 'runbook', 'review']);

/**
 * What rules read beyond the documents in focus, recorded while watchReads() is on: check keeps
 * a feature folder's findings with them and reuses the findings while they still read the same
 * (workspace/folder-cache.ts). The config and today are the cache's own key.
 */
export interface Reads {
  /** documents whose text, markdown or a parse was read */
  texts: Set<string>;
  exists: Map<string, boolean>;
  /** kinds listed with ofKind() */
  kinds: Set<DocKind>;
  names: Map<string, boolean>;
  /** the markers or the read problems were read: no findings can be kept */
  unkept: boolean;
}

const noReads = (): Reads => ({
  texts: new Set(),
  exists: new Map(),
  kinds: new Set(),
  names: new Map(),
  unkept: false,
});

interface Focus {
  paths: string[];
  dirs: Set<string>;
  features?: FeatureRef[];
  /** ofKind() of the feature kinds within the focus, sorted */
  kinds?: Map<DocKind, string[]>;
}

export class Workspace {
  readonly config: Config;
  readonly today: string;
  private readonly snapshot: Snapshot;
  private reads?: Reads;
  private readonly derivedValues = new Map<object, { value: unknown; reads: Reads }>();
  private readonly docs = new Map<string, MdDoc>();
  private readonly memo = new Map<Parser<unknown>, Map<string, unknown>>();
  private readonly kinds = new Map<string, DocKind>();
  /** ofKind() and features() answers: rules ask them again and again over the same snapshot */
  private readonly byKind = new Map<DocKind, string[]>();
  private featureList?: FeatureRef[];
  private featureAt?: Map<string, number>;
  /** while check runs the rules feature by feature (focus): the documents in view */
  private focused?: Focus;
  private names?: Set<string>;
  private named?: ReturnType<typeof namedKinds>;
  private readonly isCanonical: (p: string) => boolean;
  private readonly isProcess: (p: string) => boolean;

  constructor(snapshot: Snapshot) {
    this.snapshot = snapshot;
    this.config = snapshot.config;
    this.today = snapshot.today;
    this.isCanonical = picomatch(snapshot.config.paths.canonical);
    this.isProcess = picomatch(snapshot.config.paths.processDocs);
    for (const path of snapshot.files.keys()) this.kinds.set(path, this.classify(path));
  }

  /** problems met while reading the documents */
  get problems(): Finding[] {
    if (this.reads) this.reads.unkept = true;
    return this.snapshot.problems;
  }

  /** KILLDATE markers in code (empty when not scanned) */
  get markers(): KillDateEntry[] {
    if (this.reads) this.reads.unkept = true;
    return this.snapshot.markers ?? [];
  }

  get paths(): Config['paths'] {
    return this.config.paths;
  }

  /**
   * A repo in the killdate-kit's format: CLAUDE.md is its context document. It is judged by
   * the kit's own rules (METHOD section 11): what the kit's templates do warns at most.
   */
  get kitFormat(): boolean {
    return this.paths.context === this.paths.claude;
  }

  /** Whether a method document of the workspace has this file name (`_log.md`). */
  hasDocumentNamed(name: string): boolean {
    this.names ??= new Set([...this.snapshot.files.keys()].map((f) => f.slice(f.lastIndexOf('/') + 1)));
    const answer = this.names.has(name);
    this.reads?.names.set(name, answer);
    return answer;
  }

  exists(path: string): boolean {
    const answer = this.snapshot.files.has(path) || this.snapshot.exists(path);
    this.reads?.exists.set(path, answer);
    return answer;
  }

  /** A folder's entries when they were read with the documents (see Snapshot.listing). */
  listed(dir: string): ReturnType<Listing['get']> {
    return this.snapshot.listing?.get(dir);
  }

  /**
   * Whether the folder `dir`, as read with the documents, holds an entry named exactly `name`
   * (file, folder or link); undefined when the folder was not read then. Saves a stat a feature.
   */
  listedHas(dir: string, name: string): boolean | undefined {
    return this.snapshot.listing?.get(dir)?.some((e) => e.name === name);
  }

  configLine(path: string[]): number | undefined {
    return this.snapshot.configLine?.(path);
  }

  text(path: string): string | undefined {
    this.reads?.texts.add(path);
    return this.snapshot.files.get(path);
  }

  files(): string[] {
    return this.focused ? this.focused.paths.slice() : [...this.snapshot.files.keys()];
  }

  kind(path: string): DocKind {
    return this.kinds.get(path) ?? this.classify(path);
  }

  ofKind(kind: DocKind): string[] {
    const focused = this.focused;
    if (focused && FEATURE_KINDS.has(kind)) {
      // the focus's own: not a read
      focused.kinds ??= new Map();
      let own = focused.kinds.get(kind);
      if (!own) {
        own = focused.paths.filter((p) => this.kinds.get(p) === kind).sort();
        focused.kinds.set(kind, own);
      }
      return own.slice();
    }
    this.reads?.kinds.add(kind);
    let out = this.byKind.get(kind);
    if (!out) {
      out = [];
      for (const [path, k] of this.kinds) if (k === kind) out.push(path);
      out.sort();
      this.byKind.set(kind, out);
    }
    return out.slice();
  }

  doc(path: string): MdDoc | undefined {
    this.reads?.texts.add(path);
    let d = this.docs.get(path);
    if (!d) {
      const text = this.snapshot.files.get(path);
      if (text === undefined) return undefined;
      const store = this.snapshot.docStore;
      const blocks = store?.get(path, text, 'md') as Block[] | undefined;
      if (blocks) {
        const norm = normaliseText(text);
        d = { path, text: norm, lines: norm.split('\n'), blocks };
      } else {
        d = parseMarkdown(path, text);
        store?.set(path, text, 'md', d.blocks);
      }
      this.docs.set(path, d);
    }
    return d;
  }

  /** Parse `path` with `parser` once, however many rules ask. */
  parsed<T>(path: string, parser: Parser<T>): T | undefined {
    this.reads?.texts.add(path);
    let cache = this.memo.get(parser as Parser<unknown>);
    if (!cache) {
      cache = new Map();
      this.memo.set(parser as Parser<unknown>, cache);
    }
    const hit = cache.get(path);
    if (hit !== undefined || cache.has(path)) return hit as T;
    const name = persisted.get(parser as Parser<unknown>)?.name;
    const store = name ? this.snapshot.docStore : undefined;
    const text = this.snapshot.files.get(path);
    const kept = store && text !== undefined ? (store.get(path, text, name!) as T | undefined) : undefined;
    if (kept !== undefined) {
      cache.set(path, kept);
      return kept;
    }
    const doc = this.doc(path);
    const value = doc ? parser(doc, this) : undefined;
    cache.set(path, value);
    if (store && text !== undefined && value !== undefined) store.set(path, text, name!, value);
    return value;
  }

  /** Record what is read from now on (see Reads), until endReads(). */
  watchReads(): Reads {
    this.reads = noReads();
    return this.reads;
  }

  endReads(): void {
    this.reads = undefined;
  }

  /**
   * `compute()` once per workspace under `key` (a value derived from many documents, such as
   * the canonical texts); what it read counts as read again at every later call.
   */
  derived<T>(key: object, compute: () => T): T {
    let d = this.derivedValues.get(key);
    if (!d) {
      const outer = this.reads;
      const reads = noReads();
      this.reads = reads;
      try {
        d = { value: compute(), reads };
      } finally {
        this.reads = outer;
      }
      this.derivedValues.set(key, d);
    }
    if (this.reads) addReads(this.reads, d.reads);
    return d.value as T;
  }

  /** Every feature folder, active then completed, with its lock and runbooks. */
  features(): FeatureRef[] {
    this.featureList ??= this.readFeatures();
    const focused = this.focused;
    if (!focused) return this.featureList.slice();
    if (!focused.features) {
      // in the order of the whole list: its index by folder
      this.featureAt ??= new Map(this.featureList.map((f, i) => [f.dir, i]));
      const at = this.featureAt;
      const list = this.featureList;
      focused.features = [...focused.dirs]
        .flatMap((d) => at.get(d) ?? [])
        .sort((a, b) => a - b)
        .map((i) => list[i]!);
    }
    return focused.features.slice();
  }

  /**
   * Until called again, files(), features() and ofKind() of the feature kinds (lock, runbook,
   * review) see only these documents; other kinds, text(), doc() and parsed() see all. Without
   * paths, all is in view again. Check runs the rules feature by feature with it (core/check.ts).
   */
  focus(paths?: string[]): void {
    this.focused = paths && {
      paths,
      dirs: new Set(paths.map((p) => p.slice(0, p.lastIndexOf('/')))),
    };
  }

  /**
   * Let these documents' markdown and whole parses go; their digests (the parsers the parse
   * cache keeps, persistParser) stay. Asked again, a parse is made again, the same.
   */
  release(paths: string[]): void {
    for (const path of paths) this.docs.delete(path);
    for (const [parser, cache] of this.memo)
      if (!persisted.has(parser)) for (const path of paths) cache.delete(path);
  }

  /**
   * Make the digests of these documents that are of kind `of` (every kept parser of that kind
   * loaded in this process) while their whole parses are held: no one parses them again for those.
   */
  takeDigests(paths: string[], of: DocKind): void {
    for (const path of paths) {
      if (this.kinds.get(path) !== of) continue;
      for (const [parser, p] of persisted) if (p.of === of) this.parsed(path, parser);
    }
  }

  /** release() every document of one feature folder that is held now. */
  releaseFolder(dir: string): void {
    const prefix = `${dir}/`;
    const held = new Set<string>();
    for (const path of this.docs.keys()) if (path.startsWith(prefix)) held.add(path);
    for (const [parser, cache] of this.memo)
      if (!persisted.has(parser))
        for (const path of cache.keys()) if (path.startsWith(prefix)) held.add(path);
    this.release([...held]);
  }

  private readFeatures(): FeatureRef[] {
    const byDir = new Map<string, FeatureRef>();
    for (const [path, kind] of this.kinds) {
      if (kind !== 'lock' && kind !== 'runbook' && kind !== 'review') continue;
      const dir = path.slice(0, path.lastIndexOf('/'));
      let f = byDir.get(dir);
      if (!f) {
        const completed = dir.startsWith(`${this.paths.features}/_completed/`);
        f = { slug: dir.slice(dir.lastIndexOf('/') + 1), dir, completed, runbooks: [] };
        byDir.set(dir, f);
      }
      if (kind === 'lock') f.lock = path;
      if (kind === 'runbook') f.runbooks.push(path);
    }
    for (const f of byDir.values()) f.runbooks.sort(compareRunbooks);
    return [...byDir.values()].sort(
      (a, b) => Number(a.completed) - Number(b.completed) || (a.slug < b.slug ? -1 : 1),
    );
  }

  /** The first existing path of a list (templates), or undefined. */
  firstExisting(paths: string[]): string | undefined {
    return paths.find((p) => this.exists(p));
  }

  private classify(path: string): DocKind {
    const p = this.paths;
    this.named ??= namedKinds(p);
    const first = this.named.first.get(path);
    if (first) return first;
    if (path.startsWith(`${p.executorRules}/`) && /\.(mdc|md)$/.test(path)) return 'executor-rule';
    const named = this.named.after.get(path);
    if (named) return named;
    const feature = this.featureKind(path);
    if (feature) return feature;
    if (this.isCanonical(path)) return 'canonical';
    if (this.isProcess(path)) return 'process';
    return 'other';
  }

  private featureKind(path: string): DocKind | undefined {
    const root = `${this.paths.features}/`;
    if (!path.startsWith(root)) return undefined;
    const parts = path.slice(root.length).split('/');
    if (parts[0] === '_iterations')
      return parts.length === 3 && parts[2] === 'ITERATION-NOTE.md' ? 'iteration' : undefined;
    const inFeature = parts[0] === '_completed' ? parts.slice(1) : parts;
    if (inFeature.length !== 2 || inFeature[0]!.startsWith('_')) return undefined;
    const name = inFeature[1]!;
    if (name === 'PRE-BUILD-LOCK.md') return 'lock';
    if (name === 'REVIEW.md') return 'review';
    if (/^runbook-.+\.md$/.test(name)) return 'runbook';
    return undefined;
  }
}

/** runbook-02-x before runbook-10-y; unnumbered (kit style) after numbered, by name. */
export function compareRunbooks(a: string, b: string): number {
  const na = runbookNumber(a);
  const nb = runbookNumber(b);
  if (na !== nb) return (na ?? Number.MAX_SAFE_INTEGER) - (nb ?? Number.MAX_SAFE_INTEGER);
  return byCodeUnit(a, b);
}

export function runbookNumber(path: string): number | undefined {
  const m = /runbook-(\d+)-/.exec(path.slice(path.lastIndexOf('/') + 1));
  return m ? Number(m[1]) : undefined;
}

/**
 * The kinds the config names by path, in classify's order: the first map is asked before
 * executor rules, the other after; within each, the first path named wins.
 */
function namedKinds(p: Config['paths']): { first: Map<string, DocKind>; after: Map<string, DocKind> } {
  const of = (pairs: [string, DocKind][]) => {
    const m = new Map<string, DocKind>();
    for (const [path, kind] of pairs) if (!m.has(path)) m.set(path, kind);
    return m;
  };
  return {
    first: of([
      [p.context, 'context'],
      [p.claude, 'claude'],
      [p.gemini, 'gemini'],
      ['README.md', 'readme'],
    ]),
    after: of([
      [p.log, 'log'],
      [p.roadmap, 'roadmap'],
      [p.knownIssues, 'known-issues'],
      [p.testingLearnings, 'testing-learnings'],
      [p.devHeuristics, 'dev-heuristics'],
      [p.stack, 'stack'],
      ...p.lockTemplate.map((t): [string, DocKind] => [t, 'lock-template']),
      ...p.runbookTemplate.map((t): [string, DocKind] => [t, 'runbook-template']),
    ]),
  };
}

function addReads(to: Reads, from: Reads): void {
  for (const p of from.texts) to.texts.add(p);
  for (const [p, a] of from.exists) to.exists.set(p, a);
  for (const k of from.kinds) to.kinds.add(k);
  for (const [n, a] of from.names) to.names.set(n, a);
  to.unkept ||= from.unkept;
}
