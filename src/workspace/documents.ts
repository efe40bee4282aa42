// Which files are method documents, found without reading or parsing them, and whether a
// path exists inside the workspace. Light on purpose: the cached check path loads only this.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import picomatch from 'picomatch';
import type { Config } from '../core/config.js';
import type { Listing } from '../core/workspace.js';

/**
 * Every method document path (workspace-relative, forward slashes), sorted. With `listing`,
 * each folder read on the way is kept there (the evidence reads mocks/ folders from it).
 */
export function methodDocumentPaths(root: string, config: Config, listing?: Listing): string[] {
  const p = config.paths;
  const out = new Set<string>();
  for (const f of [
    p.context,
    p.claude,
    p.gemini,
    p.log,
    p.roadmap,
    p.knownIssues,
    p.testingLearnings,
    p.devHeuristics,
    p.stack,
    p.architecture,
    ...p.lockTemplate,
    ...p.runbookTemplate,
    // a kit fork's README holds the kit's first-session instructions
    ...(p.context === p.claude ? ['README.md'] : []),
  ])
    if (isFile(join(root, f))) out.add(f);
  for (const f of walk(root, p.executorRules, 1)) if (/\.(mdc|md)$/.test(f)) out.add(f);
  for (const glob of [...p.canonical, ...p.processDocs]) for (const f of globFiles(root, glob)) out.add(f);
  for (const f of walk(root, p.features, 3, listing)) if (f.endsWith('.md')) out.add(f);
  return [...out].sort();
}

function globFiles(root: string, glob: string): string[] {
  const { base, isGlob } = picomatch.scan(glob);
  if (!isGlob) return isFile(join(root, glob)) ? [glob] : [];
  const match = picomatch(glob);
  const depth = glob.includes('**') ? 8 : glob.split('/').length - (base ? base.split('/').length : 0);
  return walk(root, base, depth).filter((f) => match(f));
}

/** Files under `dir` down to `depth` levels; symlinked folders are not followed. */
function walk(root: string, dir: string, depth: number, listing?: Listing): string[] {
  const out: string[] = [];
  const visit = (rel: string, left: number) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    listing?.set(rel, entries);
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (left > 1 && e.name !== 'node_modules' && e.name !== '.git') visit(child, left - 1);
      } else if (e.isFile() || e.isSymbolicLink()) out.push(child);
    }
  };
  visit(dir, depth);
  return out;
}

function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

/** The names of a listed folder's files and folders (a link's target is not known from its entry). */
const present = new WeakMap<object, Set<string>>();

/**
 * Whether the folders read with the documents show `rel` as a file or a folder. False says
 * nothing: the folder was not listed, or the name is a link or spelled another way.
 */
export function listedEntry(listing: Listing | undefined, rel: string): boolean {
  const cut = rel.lastIndexOf('/');
  const entries = listing?.get(rel.slice(0, Math.max(cut, 0)));
  if (!entries) return false;
  let names = present.get(entries);
  if (!names) {
    names = new Set(entries.filter((e) => e.isFile() || e.isDirectory()).map((e) => e.name));
    present.set(entries, names);
  }
  return names.has(rel.slice(cut + 1));
}

/** Whether a workspace-relative path exists, never looking outside the root. */
export function existsInside(root: string, rel: string): boolean {
  const n = normalize(rel);
  if (n.startsWith('..') || n.startsWith(sep) || /^[a-zA-Z]:/.test(n)) return false;
  return existsSync(join(root, n));
}
