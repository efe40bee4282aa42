// What a person's trust steps in Codex save in its config.toml: the project trusted, and each
// hook of .codex/hooks.json trusted at its hash now (`/hooks`). The hash is killdate's reading of
// Codex's, checked against the real binary in test/hooks/codex.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codexHookHash } from '../../src/agents/hooks/codex-trust.js';

export function codexTrustToml(root: string): string {
  const file = join(root, '.codex/hooks.json');
  const lines = [`[projects."${root}"]`, 'trust_level = "trusted"', ''];
  const groups: { matcher?: string; hooks: { command: string }[] }[] = JSON.parse(readFileSync(file, 'utf8'))
    .hooks.PreToolUse;
  groups.forEach((g, gi) => {
    g.hooks.forEach((h, hi) => {
      lines.push(`[hooks.state."${file}:pre_tool_use:${gi}:${hi}"]`);
      lines.push(`trusted_hash = "${codexHookHash('pre_tool_use', g.matcher, h)}"`, '');
    });
  });
  return lines.join('\n');
}
