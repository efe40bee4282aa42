// An executor rule (.cursor/rules/*.mdc): YAML frontmatter between `---` lines with
// `description`, and `globs` or `alwaysApply`, then the rule's markdown body. Never throws.
import { isMap, parseDocument } from 'yaml';
import type { MdDoc } from '../markdown.js';

export interface FrontmatterError {
  message: string;
  /** 1-based line in the file */
  line: number;
}

export interface ExecutorRule {
  path: string;
  /** the file's extension: Cursor reads `.mdc` */
  extension: string;
  frontmatter: {
    present: boolean;
    /** line of the opening `---` */
    line?: number;
    /** line of the closing `---`, absent when it is never closed */
    endLine?: number;
    /** the parsed mapping, when the YAML is valid */
    data?: Record<string, unknown>;
    error?: FrontmatterError;
  };
  description?: string;
  /** `globs` as a list, a comma-separated string split */
  globs?: string[];
  alwaysApply?: boolean;
  /** first line of the markdown body */
  bodyLine: number;
}

const FENCE = /^---\s*$/;

export function parseExecutorRule(doc: MdDoc): ExecutorRule {
  const name = doc.path.slice(doc.path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const rule: ExecutorRule = {
    path: doc.path,
    extension: dot > 0 ? name.slice(dot + 1) : '',
    frontmatter: { present: false },
    bodyLine: 1,
  };
  if (!FENCE.test(doc.lines[0] ?? '')) return rule;
  rule.frontmatter = { present: true, line: 1 };
  const end = doc.lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (end < 0) {
    rule.frontmatter.error = {
      message: 'the frontmatter is not closed: expected a "---" line after it',
      line: 1,
    };
    return rule;
  }
  rule.frontmatter.endLine = end + 1;
  rule.bodyLine = end + 2;
  readYaml(rule, doc.lines.slice(1, end));
  return rule;
}

function readYaml(rule: ExecutorRule, lines: string[]): void {
  let parsed: ReturnType<typeof parseDocument>;
  const source = lines.map(quoteGlobs).join('\n');
  try {
    parsed = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
  } catch (err) {
    rule.frontmatter.error = { message: err instanceof Error ? err.message : String(err), line: 2 };
    return;
  }
  const first = parsed.errors[0];
  if (first) {
    const line = 2 + source.slice(0, first.pos[0]).split('\n').length - 1;
    rule.frontmatter.error = { message: first.message.split('\n')[0]!, line };
    return;
  }
  if (parsed.contents !== null && !isMap(parsed.contents)) {
    rule.frontmatter.error = { message: 'the frontmatter is not a mapping of `key: value` lines', line: 2 };
    return;
  }
  let data: Record<string, unknown>;
  try {
    data = (parsed.toJS({ maxAliasCount: 100 }) ?? {}) as Record<string, unknown>;
  } catch (err) {
    rule.frontmatter.error = { message: err instanceof Error ? err.message : String(err), line: 2 };
    return;
  }
  rule.frontmatter.data = data;
  if (typeof data.description === 'string') rule.description = data.description.trim();
  if (typeof data.alwaysApply === 'boolean') rule.alwaysApply = data.alwaysApply;
  const globs = globList(data.globs);
  if (globs) rule.globs = globs;
}

/**
 * Cursor writes `globs: *.ts, src/**` unquoted, which YAML reads as an alias: quote such a
 * value so the file parses as Cursor means it.
 */
function quoteGlobs(line: string): string {
  const m = /^(globs:\s*)([*].*)$/.exec(line);
  return m ? `${m[1]}${JSON.stringify(m[2]!.trim())}` : line;
}

function globList(value: unknown): string[] | undefined {
  if (typeof value === 'string')
    return value
      .split(',')
      .map((g) => g.trim())
      .filter((g) => g !== '');
  if (Array.isArray(value))
    return value.filter((g): g is string => typeof g === 'string').map((g) => g.trim());
  return undefined;
}
