// contextSync() and contextBudget(): the agents' context documents from the single source, and
// what they cost in lines and tokens against the configured budgets.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS_OPEN, SHIP_TO_PROD, withCommandsTable } from '../core/commands-table.js';
import type { Config } from '../core/config.js';
import { planSync, type SyncTarget } from '../core/context-sync.js';
import { KilldateError } from '../core/errors.js';
import { parseMarkdown } from '../core/markdown.js';
import { parseContext } from '../core/parse/context.js';
import { countTokens } from '../core/tokens.js';
import { recordWrite } from '../workspace/bookkeeping.js';
import { loadConfig } from '../workspace/config.js';
import { replaceFile } from '../workspace/replace.js';
import { findRoot } from '../workspace/root.js';
import { readForRewrite } from '../workspace/utf8.js';
import { readOptional } from './register-text.js';
import { start } from './start.js';

export const CURSOR_RULE = 'project-context.mdc';

export interface SyncResult {
  version: 1;
  source: string;
  targets: Omit<SyncTarget, 'next'>[];
  /** --check: something is out of date or refused */
  outOfDate: boolean;
}

export function contextSync(opts: { cwd?: string; check?: boolean } = {}): SyncResult {
  const root = findRoot(opts.cwd);
  const { config } = loadConfig(root);
  const p = config.paths;
  // read exactly, or refused: a file with bytes that are not UTF-8 is never rewritten
  const targets = contextTargets(config, (file) => readForRewrite(join(root, file), file));
  if (!opts.check)
    for (const t of targets)
      if (t.next !== undefined) {
        const before = readForRewrite(join(root, t.file), t.file);
        replaceFile(join(root, t.file), t.next);
        recordWrite(root, t.file, before, t.next);
      }
  return {
    version: 1,
    source: p.context,
    targets: targets.map(({ next: _n, ...t }) => t),
    outOfDate: targets.some((t) => t.action !== 'ok'),
  };
}

/**
 * What each generated document should be: the commands table of the context document and of
 * SHIP-TO-PROD.md (between their markers, from the config), then the copies of the context
 * document, from the source as `read` gives it with its table current.
 */
export function contextTargets(
  config: Pick<Config, 'paths' | 'commands'>,
  read: (file: string) => string | undefined,
): SyncTarget[] {
  const p = config.paths;
  const current = read(p.context);
  if (current === undefined)
    throw new KilldateError(
      'NOT_FOUND',
      `${p.context} does not exist: it is the source the others are generated from`,
      'run killdate init',
    );
  const tables: SyncTarget[] = [];
  const table = (file: string, text: string | undefined): string | undefined => {
    if (text === undefined) return undefined;
    try {
      const next = withCommandsTable(text, config.commands);
      if (next !== text) tables.push({ file, next, action: 'update', reason: 'the commands table' });
      else if (text.includes(COMMANDS_OPEN)) tables.push({ file, action: 'ok' });
      return next;
    } catch (e) {
      tables.push({ file, action: 'refused', reason: (e as Error).message });
      return text;
    }
  };
  const sourceText = table(p.context, current)!;
  table(SHIP_TO_PROD, read(SHIP_TO_PROD));
  const doc = (file: string) => ({ file, text: read(file) });
  return [
    ...tables,
    ...planSync({
      source: p.context,
      sourceText,
      claude: doc(p.claude),
      gemini: doc(p.gemini),
      cursor: doc(`${p.executorRules}/${CURSOR_RULE}`),
    }),
  ];
}

export interface BudgetRow {
  file: string;
  lines: number;
  tokens: number;
  trigger?: string;
}

export interface BudgetResult {
  version: 1;
  documents: BudgetRow[];
  core: { lines: number; tokens: number };
  start: { tokens: number };
  reference: BudgetRow[];
  warnings: string[];
}

export async function contextBudget(opts: { cwd?: string; today?: string } = {}): Promise<BudgetResult> {
  const root = findRoot(opts.cwd);
  const { config } = loadConfig(root);
  const p = config.paths;
  const row = (file: string, trigger?: string): BudgetRow | undefined => {
    const text = readOptional(root, file);
    if (text === undefined) return undefined;
    return {
      file,
      lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0),
      tokens: countTokens(text),
      ...(trigger ? { trigger } : {}),
    };
  };
  const rules = listMdc(root, p.executorRules).map((f) => `${p.executorRules}/${f}`);
  const documents = [p.context, p.claude, p.gemini, ...rules]
    .filter((f, i, a) => a.indexOf(f) === i)
    .flatMap((f) => row(f) ?? []);
  const sourceText = readOptional(root, p.context) ?? '';
  const ctx = parseContext(parseMarkdown(p.context, sourceText));
  const core = { lines: ctx.coreLines, tokens: countTokens(ctx.coreText) };
  const reference = (ctx.manifest?.entries ?? []).flatMap((e) => row(e.path, e.trigger) ?? []);
  const s = await start({ cwd: root, today: opts.today });
  const b = config.budgets;
  const warnings: string[] = [];
  if (core.lines > b.coreLines)
    warnings.push(
      `Core of ${p.context} is ${core.lines} lines: expected at most ${b.coreLines} (budgets.coreLines)`,
    );
  if (core.tokens > b.coreTokens)
    warnings.push(
      `Core of ${p.context} is ${core.tokens} tokens: expected at most ${b.coreTokens} (budgets.coreTokens)`,
    );
  if ((s.tokens ?? 0) > b.startTokens)
    warnings.push(
      `start report is ${s.tokens} tokens: expected at most ${b.startTokens} (budgets.startTokens)`,
    );
  return { version: 1, documents, core, start: { tokens: s.tokens ?? 0 }, reference, warnings };
}

function listMdc(root: string, dir: string): string[] {
  try {
    return readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.mdc'))
      .sort();
  } catch {
    return [];
  }
}
