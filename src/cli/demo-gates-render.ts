// The gates part of `killdate demo` for people: each section a title, then every command as
// `$ command` with its exit code when not 0 and a few lines of what it said.
import type { GatesDemo } from '../demo/gates.js';
import { bold, dim, red } from './output.js';

export function gatesSection(g: GatesDemo): string[] {
  const out: string[] = [];
  for (const section of g.sections) {
    out.push(bold(section.title));
    for (const step of section.steps) {
      const exit = step.exit === 0 ? '' : `  ${red(`exit ${step.exit}`)}`;
      out.push(`  ${dim('$')} ${step.command}${exit}`);
      for (const line of step.lines) out.push(`      ${line}`);
    }
    out.push('');
  }
  const row = (path: string, what: string) => `  ${path.padEnd(46)} ${what}`;
  out.push(bold('Where the gates leave their trace'), ...g.look.map((l) => row(l.path, dim(l.what))));
  return out;
}
