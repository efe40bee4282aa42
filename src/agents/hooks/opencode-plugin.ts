// The opencode plugin killdate writes (`.opencode/plugin/killdate.js`): before a write or a
// shell tool runs, it asks `killdate hook before-write|before-shell --agent opencode` and throws
// (which blocks the tool and shows the model the reason) when killdate refuses or cannot run.
import type { AgentHooks } from './table.js';

export const OPENCODE_MARKER =
  '// killdate guard (written by killdate hooks install; killdate hooks uninstall removes it)';

export function opencodePlugin(agent: AgentHooks, argv: string[], timeoutSeconds: number): string {
  const js = (v: unknown) => JSON.stringify(v);
  return `${OPENCODE_MARKER}
import { spawnSync } from "node:child_process";

const KILLDATE = ${js(argv)};
const WRITE_TOOLS = ${js(agent.writeTools)};
const SHELL_TOOLS = ${js(agent.shellTools)};

export const KilldateGuard = async ({ directory }) => ({
  "tool.execute.before": async (input, output) => {
    const event = SHELL_TOOLS.includes(input.tool) ? "before-shell" : WRITE_TOOLS.includes(input.tool) ? "before-write" : undefined;
    if (!event) return;
    const call = { tool: input.tool, args: output.args, cwd: directory, session_id: input.sessionID };
    const r = spawnSync(KILLDATE[0], [...KILLDATE.slice(1), "hook", event, "--agent", "opencode"], {
      input: JSON.stringify(call),
      encoding: "utf8",
      timeout: ${timeoutSeconds * 1000},
    });
    if (r.status === 0) return;
    const why = (r.stderr || "").trim();
    throw new Error(why || \`killdate guard could not run (\${r.error ? r.error.message : "exit " + r.status}); blocked\`);
  },
});
`;
}
