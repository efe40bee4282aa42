// The step-by-step parts of `killdate demo` for people: each section a title, then every
// command as `$ command` with its exit code when not 0 and a few lines of what it said.
import type { DemoSection, GatesDemo } from '../demo/gates.js';
import { bold, dim, red } from './output.js';

export function stepsSection(section: DemoSection): string[] {
  const out = [bold(section.title)];
  for (const step of section.steps) {
    const exit = step.exit === 0 ? '' : `  ${red(`exit ${step.exit}`)}`;
    out.push(`  ${dim('$')} ${step.command}${exit}`);
    for (const line of step.lines) out.push(`      ${line}`);
  }
  return out;
}

export function gatesSection(g: GatesDemo): string[] {
  return g.sections.flatMap((section, i) => [...(i ? [''] : []), ...stepsSection(section)]);
}
