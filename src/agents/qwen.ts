// Qwen Code: `qwen --output-format stream-json --approval-mode yolo|plan`, the brief on stdin.
// Its stream-json is Claude Code's shape (system/init, assistant, user, result with usage);
// it reports tokens, no cost.
import { type Adapter, type BuildOptions, invocation, profileOf } from './adapter.js';
import { claudeStyleParser, type WriteTools } from './claude.js';

const WRITE_TOOLS: WriteTools = { write_file: 'unknown', edit: 'update', notebook_edit: 'update' };

function build(o: BuildOptions) {
  // plan: analyse only, no edits and no shell; yolo: every tool without asking (headless)
  const mode = profileOf(o) === 'edit' ? 'yolo' : 'plan';
  const model = o.model ? ['-m', o.model] : [];
  return invocation(o, 'qwen', ['--output-format', 'stream-json', '--approval-mode', mode, ...model]);
}

export const qwen: Adapter = {
  name: 'qwen',
  bins: ['qwen'],
  build,
  parser: () => claudeStyleParser('qwen', WRITE_TOOLS),
};
