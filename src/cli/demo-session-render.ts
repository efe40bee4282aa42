// The session part of `killdate demo` for people: each command as `$ command`, its exit code
// when not 0, and a few lines of what it said.
import type { DemoSection } from '../demo/gates.js';
import { bold, dim, red } from './output.js';

export function renderDemoSession(s: DemoSection): string {
  const out = ['', bold(s.title)];
  for (const step of s.steps) {
    const exit = step.exit === 0 ? '' : `  ${red(`exit ${step.exit}`)}`;
    out.push(`  ${dim('$')} ${step.command}${exit}`, ...step.lines.map((l) => `      ${l}`));
  }
  return `${out.join('\n')}\n`;
}
