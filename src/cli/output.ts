// Rendering shared by commands: one JSON document on stdout, prose on stderr or stdout.
import type { Finding } from '../core/finding.js';
import { shownInline } from '../core/visible.js';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** The global --cwd, read from the root program. */
export function globalCwd(cmd: { optsWithGlobals(): { cwd?: string } }): string | undefined {
  return cmd.optsWithGlobals().cwd;
}

/**
 * Colour as Node decides it: FORCE_COLOR wins (`0` or `false` turns it off, any other value
 * on, even off a terminal), then a non-empty NO_COLOR turns it off, else a terminal has it.
 */
export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR) return false;
  return isTTY;
}

const useColor = colorEnabled(process.env, !!process.stdout.isTTY);
const paint = (code: string, s: string) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
export const red = (s: string) => paint('31', s);
export const yellow = (s: string) => paint('33', s);
export const dim = (s: string) => paint('2', s);
export const bold = (s: string) => paint('1', s);

/** At most `max` items joined, then "and 99,990 more": a long list never floods the terminal. */
export function cutList(items: readonly string[], max = 10, sep = ', '): string {
  if (items.length <= max) return items.join(sep);
  return `${items.slice(0, max).join(sep)}${sep}and ${(items.length - max).toLocaleString('en')} more`;
}

/** At most `max` lines, then a line "and 99,990 more", indented like the lines. */
export function cutLines(lines: readonly string[], max = 50, indent = '  '): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `${indent}and ${(lines.length - max).toLocaleString('en')} more`];
}

/** Findings grouped by file: `  12  error    rule/id  message`. */
export function renderFindings(findings: Finding[]): string {
  const out: string[] = [];
  let file = '';
  for (const f of findings) {
    if (f.file !== file) {
      file = f.file;
      out.push(out.length ? `\n${bold(shownInline(file))}` : bold(shownInline(file)));
    }
    const sev = f.severity === 'error' ? red('error  ') : yellow('warning');
    const where = String(f.line ?? '').padStart(5);
    // one finding, one line: a line break in a name the agent chose is shown, not obeyed
    out.push(`${where}  ${sev}  ${shownInline(f.message)}  ${dim(f.rule)}`);
    if (f.fix) out.push(`${' '.repeat(16)}${dim(`fix: ${shownInline(f.fix)}`)}`);
  }
  return out.join('\n');
}

/** GitHub workflow commands: ::error file=...,line=...,title=...::message */
export function renderGithub(findings: Finding[]): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return findings
    .map((f) => {
      const props = [`file=${prop(f.file)}`, f.line ? `line=${f.line}` : '', `title=${prop(f.rule)}`].filter(
        Boolean,
      );
      return `::${f.severity} ${props.join(',')}::${esc(f.message)}`;
    })
    .join('\n');
}
