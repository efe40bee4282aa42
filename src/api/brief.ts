// brief(): the paste-ready executor brief of one task, with its token count.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleBrief } from '../core/brief.js';
import { parseLock } from '../core/parse/lock.js';
import { looksLikeCode, parseRunbook } from '../core/parse/runbook.js';
import { countTokens } from '../core/tokens.js';
import { type OpenWorkspace, openForDisplay } from '../workspace/open.js';
import { findFeature, findRunbook, taskSlug } from './features.js';

export interface BriefResult {
  version: 1;
  feature: string;
  task: string;
  runbook: string;
  text: string;
  tokens: number;
}

export interface BriefOptions {
  cwd?: string;
  feature: string;
  task: string;
}

/**
 * For display: the caches are read, and one feature's folder is enough unless it is not there
 * (the error lists every feature).
 */
export async function brief(opts: BriefOptions): Promise<BriefResult> {
  const open = await openForDisplay(opts, opts.feature);
  const b = briefText({ ...opts, open });
  return { ...b, tokens: countTokens(b.text) };
}

/** The brief without its token count (the loop hands it over). */
export function briefText(opts: BriefOptions & { open: OpenWorkspace }): Omit<BriefResult, 'tokens'> {
  const { root, ws } = opts.open;
  const feature = findFeature(ws, opts.feature);
  const runbook = findRunbook(feature, opts.task);
  const rulesDir = ws.paths.executorRules;
  const executorRules = listRules(root, rulesDir).map((name) => ({
    path: `${rulesDir}/${name}`,
    text: readFileSync(join(root, rulesDir, name), 'utf8'),
  }));
  const lock =
    feature.lock && ws.doc(feature.lock)
      ? { model: ws.parsed(feature.lock, parseLock)!, doc: ws.doc(feature.lock)! }
      : undefined;
  const task = taskSlug(runbook);
  const rb = ws.parsed(runbook, parseRunbook);
  const proseSkeleton =
    !!rb && rb.blocks.some((b) => b.name === 'SKELETON') && !rb.skeleton.some(looksLikeCode);
  const text = assembleBrief({
    feature: feature.slug,
    task,
    executorRules,
    lock,
    runbook: { path: runbook, text: ws.text(runbook) ?? '' },
    proseSkeleton,
  });
  return { version: 1, feature: feature.slug, task, runbook, text };
}

function listRules(root: string, dir: string): string[] {
  try {
    return readdirSync(join(root, dir))
      .filter((n) => /\.(mdc|md)$/.test(n))
      .sort();
  } catch {
    return [];
  }
}
