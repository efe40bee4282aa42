// The parse cache: small digests of each lock and runbook (what status, start and the board
// read of every feature), the known issues' and the roadmap's parses, and the markdown blocks
// of a large document (a long session log), content-addressed (sha1 of the text) in
// .killdate/cache/md/ and shared by every command that parses. A document whose text hashes
// as stored skips markdown-it and the parser. Whole parses of small documents are not kept:
// reading them back cost more than parsing again (a check after one edit on 1,000 features
// took 2.0 s with them, against 1.6 s with no cache at all). One file per kind of parse and
// bucket of folders, read when a document of the bucket is first parsed that way; files with
// new parses are written once, when the process exits. Keyed by the build, so a new parser
// never sees old parses. A missing, foreign or damaged file is an empty cache; a file that
// cannot be written is no cache.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocStore } from '../core/workspace.js';
import { BUILD, CACHE_DIR, writeCacheFile } from './cache-dir.js';

const FORMAT = 4;
/** a document longer than this keeps its parses, its markdown blocks too, in files of its own */
const OWN_SHARD_CHARS = 64 * 1024;
const DIR = 'md';

interface Shard {
  format: number;
  build: string;
  /** path -> [sha1 of the text, the parse] */
  docs: Record<string, [string, unknown]>;
}

const pending = new Set<FolderStore>();
let hooked = false;

class FolderStore implements DocStore {
  private readonly shards = new Map<string, { shard: Shard; dirty: boolean }>();
  /** each document's text and its hash: asked for several kinds, a text is hashed once */
  private readonly hashes = new Map<string, [string, string]>();
  private readonly keyHashes = new Map<string, string>();
  constructor(private readonly root: string) {}

  get(path: string, text: string, kind: string): unknown {
    if (kind === 'md' && text.length <= OWN_SHARD_CHARS) return undefined;
    const hit = this.shard(path, kind, text).shard.docs[path];
    return hit && hit[0] === this.hash(path, text) ? hit[1] : undefined;
  }

  set(path: string, text: string, kind: string, value: unknown): void {
    // a parse JSON would change (a Map, a class, NaN) is not kept; an undefined field reads the same absent
    if (kind === 'md' ? text.length <= OWN_SHARD_CHARS : !jsonSafe(value)) return;
    const s = this.shard(path, kind, text);
    s.shard.docs[path] = [this.hash(path, text), value];
    s.dirty = true;
    pending.add(this);
    if (!hooked) {
      hooked = true;
      process.once('exit', flushAll);
    }
  }

  flush(): void {
    // a workspace removed meanwhile (a test's temporary repo) is not created again
    if (!existsSync(this.root)) return;
    for (const [name, s] of this.shards) {
      if (!s.dirty) continue;
      s.dirty = false;
      try {
        writeCacheFile(this.root, `${DIR}/${name}.json`, JSON.stringify(s.shard));
      } catch {
        return; // an unwritable cache only means parsing again next time
      }
    }
  }

  private hash(path: string, text: string): string {
    const known = this.hashes.get(path);
    if (known && known[0] === text) return known[1];
    const h = createHash('sha1').update(text).digest('hex');
    this.hashes.set(path, [text, h]);
    return h;
  }

  /**
   * One file per kind and bucket of folders (16 buckets by the folder's hash): a command reads
   * only the kinds of parse it asks for, and a cold run writes at most 16 files a kind (with 256,
   * creating the files cost a first status on 1,000 features half a second). A large
   * document (a long session log) has a file of its own, so its neighbours are read without it.
   */
  private shard(path: string, kind: string, text: string) {
    const own = text.length > OWN_SHARD_CHARS;
    const key = own ? path : path.slice(0, Math.max(0, path.lastIndexOf('/')));
    const name = `${kind}-${own ? 'doc-' : ''}${this.sha1(key).slice(0, own ? 16 : 1)}`;
    let s = this.shards.get(name);
    if (!s) {
      s = { shard: readShard(join(this.root, CACHE_DIR, DIR, `${name}.json`)), dirty: false };
      this.shards.set(name, s);
    }
    return s;
  }

  /** A shard key's SHA-1, kept: a folder's is asked for each of its documents and kinds. */
  private sha1(key: string): string {
    let h = this.keyHashes.get(key);
    if (h === undefined) {
      h = createHash('sha1').update(key).digest('hex');
      this.keyHashes.set(key, h);
    }
    return h;
  }
}

function readShard(file: string): Shard {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Shard;
    if (s?.format === FORMAT && s.build === BUILD && s.docs && typeof s.docs === 'object') return s;
  } catch {
    // missing or damaged: start empty
  }
  return { format: FORMAT, build: BUILD, docs: {} };
}

/** Plain data that comes back from JSON as it went in (undefined fields come back absent). */
function jsonSafe(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (v[i] === undefined || !jsonSafe(v[i])) return false;
    return true;
  }
  if (typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const x of Object.values(v as object)) if (x !== undefined && !jsonSafe(x)) return false;
  return true;
}

function flushAll(): void {
  for (const store of pending) store.flush();
  pending.clear();
}

/** The parse cache of a workspace. */
export function openDocStore(root: string): DocStore {
  return new FolderStore(root);
}

/** Write what is pending now (a long-lived process, or before a result is returned). */
export function flushDocStores(): void {
  flushAll();
}
