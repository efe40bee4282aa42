// init on a fork of the killdate-kit adopts it: CLAUDE.md stays the one context document (no
// AGENTS.md beside it, so Claude Code never loads two), the kit's runbook template and Cursor
// rules are used rather than doubled, and the kit's `.cursor/rules/*.md` get a plan.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CURSOR_RULE } from './context.js';

export interface KitFork {
  /** files of the layout init leaves out, each with why */
  skip: Map<string, string>;
  notes: string[];
}

const isFile = (p: string) => statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;

/** A kit fork: CLAUDE.md is there and AGENTS.md is not (killdate then reads CLAUDE.md as the context). */
export function isKitFork(root: string): boolean {
  return isFile(join(root, 'CLAUDE.md')) && !isFile(join(root, 'AGENTS.md'));
}

const RUNBOOK_TEMPLATES = ['feature-builds/_playbook/BUILD-RULES.md', 'docs/runbook-template.md'];
/** `01-scope-guard.md` -> `scope-guard` */
const stem = (name: string) => name.replace(/\.(mdc|md)$/, '').replace(/^\d+[-_]/, '');

export function adoptKit(root: string, files: { path: string }[]): KitFork {
  const skip = new Map<string, string>();
  const notes: string[] = [];
  skip.set('AGENTS.md', 'CLAUDE.md is the context document of this kit fork: a second one would load twice');
  const kitRunbook = RUNBOOK_TEMPLATES.find((p) => isFile(join(root, p)));
  if (kitRunbook)
    skip.set(
      'feature-builds/_playbook/RUNBOOK-TEMPLATE.md',
      `the kit's ${kitRunbook} is the runbook template`,
    );
  const dir = '.cursor/rules';
  let names: string[] = [];
  try {
    names = readdirSync(join(root, dir)).filter((n) => /\.mdc?$/.test(n) && n !== CURSOR_RULE);
  } catch {
    // no Cursor rules in the fork
  }
  const kitStems = new Map(names.map((n) => [stem(n), n]));
  for (const f of files) {
    if (!f.path.startsWith(`${dir}/`)) continue;
    const name = f.path.slice(dir.length + 1);
    const theirs = kitStems.get(stem(name));
    if (theirs && theirs !== name) skip.set(f.path, `the kit's ${dir}/${theirs} is this rule`);
  }
  const md = names.filter((n) => n.endsWith('.md'));
  if (md.length) {
    const bare = md.filter(
      (n) => !/^---\r?\n[\s\S]*?\r?\n---/.test(readFileSync(join(root, dir, n), 'utf8')),
    );
    notes.push(
      `${dir}: ${md.join(', ')} are Cursor rules as .md files. Cursor documents project rules as .mdc files whose frontmatter (description, globs, alwaysApply) says when each applies; a rule without frontmatter is attached only when @-mentioned. To be sure Cursor applies them, rename each to .mdc (git mv ${dir}/${md[0]} ${dir}/${md[0]!.replace(/\.md$/, '.mdc')})${bare.length ? `, and add frontmatter to ${bare.join(', ')} (---, description: <when it applies>, alwaysApply: true, ---)` : '; their frontmatter is already there'}. killdate leaves them as they are.`,
    );
  }
  notes.push(
    `a killdate-kit fork: CLAUDE.md stays the context document (AGENTS.md not written)${kitRunbook ? `, ${kitRunbook} the runbook template` : ''}; killdate's own Cursor rules are left out where the kit has one`,
  );
  return { skip, notes };
}
