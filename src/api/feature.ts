// featureNew(): a feature folder with a draft lock from the template. runbookNew(): the next
// numbered runbook with its header filled. Both create files only where nothing exists.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { parseLock } from '../core/parse/lock.js';
import { isBlankValue } from '../core/sections.js';
import { runbookNumber } from '../core/workspace.js';
import { currentBranch } from '../workspace/changes.js';
import { loadConfig } from '../workspace/config.js';
import { openWorkspace } from '../workspace/load.js';
import { findRoot } from '../workspace/root.js';
import { templatesDir } from '../workspace/templates.js';
import { createFile } from '../workspace/write.js';
import { findFeature, validSlug } from './features.js';

export const FEATURE_TYPES = ['feature', 'migration', 'bugfix', 'copy', 'infra', 'prompt'] as const;
export type FeatureType = (typeof FEATURE_TYPES)[number];
const NO_LOCK: Partial<Record<FeatureType, string>> = {
  bugfix: 'a bug fix needs no lock or runbook (METHOD section 5): fix it directly, with the deploy checklist',
  copy: 'a copy, CSS or config change needs no lock or runbook: change it directly, with the deploy checklist',
  infra: 'infrastructure work needs no lock or runbook: do it directly, with the deploy checklist',
};

/** The templates killdate ships, inside templates/. */
const BUILT_IN = {
  lock: 'project-management/FEATURE-LOCK.md',
  runbook: 'feature-builds/_playbook/RUNBOOK-TEMPLATE.md',
};

export interface Created {
  version: 1;
  path: string;
  template: string;
  note?: string;
}

export function featureNew(opts: { cwd?: string; slug: string; type?: string }): Created {
  const type = (opts.type ?? 'feature') as FeatureType;
  if (!FEATURE_TYPES.includes(type))
    throw new KilldateError('USAGE', `unknown --type ${opts.type}: expected ${FEATURE_TYPES.join(', ')}`);
  if (NO_LOCK[type]) throw new KilldateError('REFUSED', NO_LOCK[type]!);
  if (!validSlug(opts.slug))
    throw new KilldateError(
      'USAGE',
      `invalid feature slug "${opts.slug}": expected lower-case letters, digits and single dashes, e.g. settings-page`,
    );
  const { root, ws } = openWorkspace(opts);
  const dir = `${ws.paths.features}/${opts.slug}`;
  if (existsSync(join(root, dir)) || existsSync(join(root, ws.paths.features, '_completed', opts.slug)))
    throw new KilldateError('REFUSED', `${dir} already exists (or is completed): pick another slug`);
  const { text, source } = template(root, ws.paths.lockTemplate, BUILT_IN.lock);
  const filled = fillLock(draftOf(text), opts.slug, type);
  const path = `${dir}/PRE-BUILD-LOCK.md`;
  if (createFile(join(root, path), filled) !== 'created')
    throw new KilldateError('REFUSED', `${path} already exists`);
  return { version: 1, path, template: source };
}

function fillLock(text: string, slug: string, type: FeatureType): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => /^#\s/.test(l));
  const title = `# Pre-build lock: ${slug}`;
  if (i >= 0) lines[i] = title;
  else lines.unshift(title, '');
  const out = lines.join('\n').replace(/\[feature name\]/gi, slug);
  if (type === 'feature') return out;
  const at = out.indexOf('\n', out.indexOf(title)) + 1;
  return `${out.slice(0, at)}\n**Task type:** ${type}\n${out.slice(at)}`;
}

/**
 * The draft part of a template: a kit template (FEATURE-LOCK.md, BUILD-RULES.md) opens with a
 * title and instructions, then the document itself under a title with a placeholder
 * (`# Pre-Build Lock: [FEATURE NAME]`), then perhaps a worked example. The draft starts at that
 * title and ends before the worked example or the next title: one title, no preamble.
 */
export function draftOf(text: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^#\s.*\[[^\]]+\]/.test(l));
  if (start <= 0) return text;
  let end = lines.findIndex((l, i) => i > start && (/^#\s/.test(l) || /^##\s+worked example\b/i.test(l)));
  if (end < 0) end = lines.length;
  while (end > start + 1 && /^(\s*|---+)$/.test(lines[end - 1]!)) end--;
  return `${lines.slice(start, end).join('\n')}\n`;
}

/** The first existing template of the workspace's list, else the one killdate ships. */
export function template(root: string, list: string[], builtIn: string): { text: string; source: string } {
  for (const p of list)
    if (existsSync(join(root, p))) return { text: readFileSync(join(root, p), 'utf8'), source: p };
  const abs = join(templatesDir(), builtIn);
  if (!existsSync(abs)) throw new KilldateError('INTERNAL', `built-in template ${builtIn} is missing`);
  return { text: readFileSync(abs, 'utf8'), source: `(built-in) ${builtIn}` };
}

export function runbookNew(opts: {
  cwd?: string;
  feature: string;
  task: string;
}): Created & { number: number } {
  const { root, ws } = openWorkspace(opts);
  const feature = findFeature(ws, opts.feature);
  if (!validSlug(opts.task))
    throw new KilldateError(
      'USAGE',
      `invalid task slug "${opts.task}": expected lower-case letters, digits and dashes, e.g. settings-form`,
    );
  const numbers = feature.runbooks.map(runbookNumber).filter((n): n is number => n !== undefined);
  const n = Math.max(0, ...numbers) + 1;
  const path = `${feature.dir}/runbook-${String(n).padStart(2, '0')}-${opts.task}.md`;
  const lock = feature.lock ? ws.parsed(feature.lock, parseLock) : undefined;
  const lockBranch = lock?.branch && !isBlankValue(lock.branch.value) ? lock.branch.value.trim() : undefined;
  const branch = lockBranch ?? currentBranch(root) ?? '[branch name]';
  const { text, source } = template(root, ws.paths.runbookTemplate, BUILT_IN.runbook);
  const filled = draftOf(text)
    .replace(/^#\s.*$/m, `# Runbook: ${opts.task}`)
    .replace(/^(\*\*Feature:\*\*).*$/m, `$1 ${feature.slug}`)
    .replace(/^(\*\*Task:\*\*).*$/m, `$1 ${n} of ${n}`)
    .replace(/^(\*\*Branch:\*\*).*$/m, `$1 ${branch}`);
  if (createFile(join(root, path), filled) !== 'created')
    throw new KilldateError('REFUSED', `${path} already exists`);
  const note =
    n > 1
      ? `header says task ${n} of ${n}; earlier runbooks keep their own "of M": update them when the task count is final`
      : undefined;
  return { version: 1, path, template: source, number: n, ...(note ? { note } : {}) };
}

export const TEMPLATE_KINDS = ['lock', 'runbook'] as const;

/** The lock or runbook template a new draft starts from: the workspace's, else the built-in one. */
export function methodTemplate(opts: { cwd?: string; kind: (typeof TEMPLATE_KINDS)[number] }): {
  version: 1;
  kind: string;
  source: string;
  text: string;
} {
  const root = findRoot(opts.cwd);
  const p = loadConfig(root).config.paths;
  const t =
    opts.kind === 'lock'
      ? template(root, p.lockTemplate, BUILT_IN.lock)
      : template(root, p.runbookTemplate, BUILT_IN.runbook);
  return { version: 1, kind: opts.kind, ...t };
}
