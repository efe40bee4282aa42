// init(): write the method layout into a folder. Only creates files that are missing, appends a
// marked block to .gitignore, and reports every file it wrote or skipped, with the reason.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { KilldateError } from '../core/errors.js';
import { actionRef, ciWorkflowFiles } from '../workspace/ci-workflows.js';
import { loadConfig } from '../workspace/config.js';
import { CONFIG_FILE } from '../workspace/config-reuse.js';
import { git } from '../workspace/git.js';
import {
  GITIGNORE_BLOCK,
  gitignoreHasBlock,
  type ScaffoldAnswers,
  scaffoldFiles,
} from '../workspace/scaffold.js';
import { skillFiles } from '../workspace/skills.js';
import { resolveToday } from '../workspace/today.js';
import { appendBlock, createFile, occupied } from '../workspace/write.js';
import { contextTargets } from './context.js';
import { adoptKit, isKitFork } from './init-kit.js';

export type InitAnswers = Partial<ScaffoldAnswers>;

export interface InitOptions {
  /** the folder to set up; created when missing */
  dir: string;
  answers?: InitAnswers;
  /** list what would be written, write nothing */
  dryRun?: boolean;
  today?: string;
  /** also write the GitHub Actions workflows (.github/workflows/killdate.yml, killdate-run.yml) */
  ci?: boolean;
  /** with ci: the repository (`owner/name[@ref]`) whose action builds killdate in the workflows */
  action?: string;
}

export interface InitAction {
  path: string;
  action: 'create' | 'append' | 'skip';
  reason: string;
}

export interface InitResult {
  version: 1;
  root: string;
  dryRun: boolean;
  answers: ScaffoldAnswers;
  actions: InitAction[];
  notes: string[];
}

/**
 * Defaults for the questions: what an earlier init put in killdate.config.yaml, else the folder
 * name as product and `npm test` when package.json has a test script.
 */
export function initDefaults(dir: string): ScaffoldAnswers {
  const root = resolve(dir);
  const answers: ScaffoldAnswers = { product: basename(root), ...fromConfig(root) };
  if (answers.testCommand) return answers;
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    if (pkg.scripts?.test) answers.testCommand = 'npm test';
  } catch {
    // no package.json, or not JSON: no default test command
  }
  return answers;
}

export function init(opts: InitOptions): InitResult {
  const root = resolve(opts.dir);
  const st = statSync(root, { throwIfNoEntry: false });
  if (st && !st.isDirectory()) throw new KilldateError('USAGE', `not a folder: ${root}`);
  const answers = { ...initDefaults(root), ...withoutBlanks(opts.answers ?? {}) };
  const dryRun = opts.dryRun ?? false;
  const gitRoot = gitRootOf(root);
  const branch = gitRoot ? currentBranch(gitRoot) : 'main';
  const files = [
    ...scaffoldFiles(answers, resolveToday(opts.today), branch),
    ...skillFiles(),
    ...(opts.ci ? ciWorkflowFiles(actionRef(opts.action)) : []),
  ];
  if (!dryRun) mkdirSync(root, { recursive: true });
  const kit = isKitFork(root) ? adoptKit(root, files) : undefined;
  const actions = files.map((f) => {
    const why = kit?.skip.get(f.path);
    return why
      ? { path: f.path, action: 'skip' as const, reason: why }
      : writeOne(root, f.path, f.content, dryRun);
  });
  actions.push(gitignore(root, dryRun));
  const notes: string[] = [...(kit?.notes ?? [])];
  actions.push(...generatedContext(root, files, dryRun, notes));
  actions.sort((a, b) => (a.path < b.path ? -1 : 1));
  if (!gitRoot)
    notes.push('not a git repository: init does not run `git init`; run it yourself to use the git checks');
  if (!answers.testCommand && !kit)
    notes.push('no test command: AGENTS.md keeps [YOUR TEST COMMAND] until you set commands.test');
  return { version: 1, root, dryRun, answers, actions, notes };
}

/**
 * The documents `context sync` generates from the context document (GEMINI.md, the Cursor
 * project-context rule), created when missing, so `context sync --check` passes after init.
 */
function generatedContext(
  root: string,
  files: { path: string; content: string }[],
  dryRun: boolean,
  notes: string[],
): InitAction[] {
  const scaffold = new Map(files.map((f) => [f.path, f.content]));
  const read = (file: string) => {
    const abs = join(root, file);
    return existsSync(abs) ? readFileSync(abs, 'utf8') : scaffold.get(file);
  };
  try {
    const targets = contextTargets(loadConfig(root).config, read);
    const stale = targets.filter((t) => t.action !== 'ok' && t.action !== 'create').map((t) => t.file);
    if (stale.length)
      notes.push(`${stale.join(', ')}: out of date with the context document; run killdate context sync`);
    return targets
      .filter((t) => !scaffold.has(t.file))
      .map((t) => writeOne(root, t.file, t.next ?? '', dryRun));
  } catch (e) {
    notes.push(`context documents not generated: ${(e as Error).message}`);
    return [];
  }
}

function fromConfig(root: string): Partial<ScaffoldAnswers> {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(join(root, CONFIG_FILE), 'utf8'));
  } catch {
    return {};
  }
  const c = (raw ?? {}) as { product?: unknown; commands?: Record<string, unknown> };
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
  return withoutBlanks({
    product: str(c.product),
    testCommand: str(c.commands?.test),
    stagingDeployCommand: str(c.commands?.stagingDeploy),
    deployCommand: str(c.commands?.deploy),
    healthCommand: str(c.commands?.health),
    logsCommand: str(c.commands?.logs),
  });
}

function withoutBlanks(a: InitAnswers): InitAnswers {
  return Object.fromEntries(Object.entries(a).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
}

/** Creates one file of the layout, or says why not: init never overwrites. */
export function writeOne(root: string, path: string, content: string, dryRun: boolean): InitAction {
  const abs = join(root, path);
  if (occupied(abs)) return { path, action: 'skip', reason: 'exists; init never overwrites a file' };
  if (dryRun) return { path, action: 'create', reason: 'missing' };
  const outcome = createFile(abs, content);
  return outcome === 'created'
    ? { path, action: 'create', reason: 'missing' }
    : { path, action: 'skip', reason: 'appeared while init ran; left as it is' };
}

function gitignore(root: string, dryRun: boolean): InitAction {
  const path = '.gitignore';
  const abs = join(root, path);
  const text = existsSync(abs) ? readFileSync(abs, 'utf8') : undefined;
  if (text !== undefined && gitignoreHasBlock(text))
    return { path, action: 'skip', reason: 'already ignores .killdate/' };
  if (dryRun)
    return text === undefined
      ? { path, action: 'create', reason: 'missing; ignores .killdate/' }
      : { path, action: 'append', reason: 'adds a marked block that ignores .killdate/' };
  const outcome = appendBlock(abs, GITIGNORE_BLOCK, gitignoreHasBlock);
  if (outcome === 'created') return { path, action: 'create', reason: 'missing; ignores .killdate/' };
  if (outcome === 'appended')
    return { path, action: 'append', reason: 'adds a marked block that ignores .killdate/' };
  return { path, action: 'skip', reason: 'already ignores .killdate/' };
}

/** The nearest folder at or above `dir` holding .git, without spawning git. */
function gitRootOf(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

function currentBranch(root: string): string {
  const r = git(root, ['symbolic-ref', '--short', 'HEAD']);
  return r.ok && r.stdout.trim() ? r.stdout.trim() : 'main';
}
