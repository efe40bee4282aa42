// The environment of a test that plays the human: this process's environment without any
// agent marker (the suite itself may run inside an agent session).
import { AGENT_MARKERS } from '../../src/core/agent-env.js';

export function humanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const m of AGENT_MARKERS) delete env[m.variable];
  return { ...env, ...extra };
}
