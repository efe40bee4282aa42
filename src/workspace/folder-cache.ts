// The folder cache: each feature folder's findings from its own rules (lock/, runbook/,
// review/, doc/), kept in .killdate/cache/folders.json with what those rules read beyond the
// folder (canonical texts, paths asked about, kinds listed). A check after an edit runs the
// rules of the folders whose documents or reads changed and takes the others' findings from
// here. Keyed by the build, the config file's bytes and today; a folder by its documents'
// paths and texts (SHA-1) and by what each of its reads answered. Findings of rules that
// read the markers or the read problems are never kept. Like the check cache, for display
// only: what records or gates reads no cache. A missing or damaged file is an empty cache.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FolderFindings } from '../core/check.js';
import type { Finding } from '../core/finding.js';
import type { DocKind, Reads, Workspace } from '../core/workspace.js';
import { VERSION } from '../version.js';
import { BUILD, CACHE_DIR, writeCacheFile } from './cache-dir.js';

const FORMAT = 2;
const FILE = 'folders.json';

interface Kept {
  /** the folder's documents: paths and texts */
  docs: string;
  texts: Record<string, string>;
  exists: Record<string, boolean>;
  kinds: Record<string, string>;
  names: Record<string, boolean>;
  findings: Finding[];
}

interface FolderFile {
  format: number;
  key: string;
  folders: Record<string, Kept>;
}

export class FolderCache implements FolderFindings {
  private readonly stored: Record<string, Kept>;
  /** what the next file holds: the folders of this run, kept or checked again */
  private readonly next: Record<string, Kept> = {};
  private changed = false;
  private readonly hashes = new Map<string, string>();
  private readonly docsHashes = new Map<string, string>();
  /** kinds outside the focus list the same documents for every folder: hashed once */
  private readonly kindHashes = new Map<string, string>();

  constructor(
    private readonly root: string,
    private readonly key: string,
  ) {
    this.stored = readFolders(root, key);
  }

  get(paths: string[], ws: Workspace): Finding[] | undefined {
    const dir = folderOf(paths);
    const kept = this.stored[dir];
    if (!kept || kept.docs !== this.docsHash(paths, ws) || !this.stillReads(kept, ws)) return undefined;
    if (!Array.isArray(kept.findings)) return undefined;
    this.next[dir] = kept;
    return kept.findings;
  }

  put(paths: string[], ws: Workspace, findings: Finding[], reads: Reads): void {
    this.changed = true;
    if (reads.unkept) return;
    const own = new Set(paths);
    const texts: Record<string, string> = {};
    for (const p of reads.texts) if (!own.has(p)) texts[p] = this.textHash(p, ws);
    const kinds: Record<string, string> = {};
    for (const k of reads.kinds) kinds[k] = this.kindHash(k as DocKind, ws);
    this.next[folderOf(paths)] = {
      docs: this.docsHash(paths, ws),
      texts,
      exists: Object.fromEntries(reads.exists),
      kinds,
      names: Object.fromEntries(reads.names),
      findings,
    };
  }

  /** Write the file when a folder was checked again or one is gone; unwritable: no cache. */
  save(): void {
    if (!this.changed && Object.keys(this.stored).length === Object.keys(this.next).length) return;
    const data: FolderFile = { format: FORMAT, key: this.key, folders: this.next };
    try {
      writeCacheFile(this.root, FILE, JSON.stringify(data));
    } catch {
      // the next run checks every folder
    }
  }

  /** Called while the folder is in focus: ofKind() answers for it as it did when stored. */
  private stillReads(kept: Kept, ws: Workspace): boolean {
    if (!kept.texts || !kept.exists || !kept.kinds || !kept.names) return false; // a damaged entry
    for (const [p, h] of Object.entries(kept.texts)) if (this.textHash(p, ws) !== h) return false;
    for (const [p, a] of Object.entries(kept.exists)) if (ws.exists(p) !== a) return false;
    for (const [k, h] of Object.entries(kept.kinds)) if (this.kindHash(k as DocKind, ws) !== h) return false;
    for (const [n, a] of Object.entries(kept.names)) if (ws.hasDocumentNamed(n) !== a) return false;
    return true;
  }

  /**
   * Once per folder and run: get() and then put() of a folder checked again both ask. One hash
   * over the folder's paths and texts (each text's length first), not one a document.
   */
  private docsHash(paths: string[], ws: Workspace): string {
    const dir = folderOf(paths);
    let hash = this.docsHashes.get(dir);
    if (hash === undefined) {
      const h = createHash('sha1');
      for (const p of paths) {
        const text = ws.text(p);
        h.update(`${p}\0${text === undefined ? '-' : text.length}\0`);
        if (text !== undefined) h.update(text);
      }
      hash = h.digest('hex');
      this.docsHashes.set(dir, hash);
    }
    return hash;
  }

  private kindHash(kind: DocKind, ws: Workspace): string {
    let h = this.kindHashes.get(kind);
    if (h === undefined) {
      h = createHash('sha1').update(ws.ofKind(kind).join('\0')).digest('hex');
      this.kindHashes.set(kind, h);
    }
    return h;
  }

  private textHash(path: string, ws: Workspace): string {
    let h = this.hashes.get(path);
    if (h === undefined) {
      const text = ws.text(path);
      h = text === undefined ? '-' : createHash('sha1').update(text).digest('hex');
      this.hashes.set(path, h);
    }
    return h;
  }
}

/** The cache's key: what every folder's findings depend on besides its own reads. */
export function folderCacheKey(today: string, configText: string): string {
  return createHash('sha256')
    .update(`${FORMAT}\0${VERSION}\0${BUILD}\0${today}\0${configText}`)
    .digest('hex');
}

function readFolders(root: string, key: string): Record<string, Kept> {
  try {
    const data = JSON.parse(readFileSync(join(root, CACHE_DIR, FILE), 'utf8')) as FolderFile;
    if (data?.format === FORMAT && data.key === key && data.folders && typeof data.folders === 'object')
      return data.folders;
  } catch {
    // missing or damaged: every folder is checked
  }
  return {};
}

const folderOf = (paths: string[]) => paths[0]!.slice(0, paths[0]!.lastIndexOf('/'));
