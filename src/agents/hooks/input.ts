// One agent's hook input, read into one shape: the tool, its input, the folders and the
// session. Each agent names these fields its own way (the table says which agent it is).
import type { AgentHooks, HookEvent } from './table.js';

export interface HookCall {
  /** the tool's name as the agent gives it; undefined when the input names none */
  tool?: string;
  input: Record<string, unknown>;
  /** the folder the tool call runs in, when the agent says */
  cwd?: string;
  sessionId?: string;
  /** the session-end hook already sent the agent back once (Claude's stop_hook_active, Cursor's loop_count) */
  again: boolean;
}

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Tool arguments that arrive as a JSON string (Copilot, Cursor's MCP calls). */
function argsOf(v: unknown): Record<string, unknown> | undefined {
  if (typeof v !== 'string') return obj(v);
  try {
    return obj(JSON.parse(v));
  } catch {
    return undefined;
  }
}

/** The hook input as one HookCall, or undefined when it is not an object at all. */
export function readHookCall(raw: unknown, agent: AgentHooks, event: HookEvent): HookCall | undefined {
  const j = obj(raw);
  if (!j) return undefined;
  const roots = Array.isArray(j.workspace_roots) ? j.workspace_roots : [];
  const cwd = str(j.cwd) ?? str(j.directory) ?? str(roots[0]);
  const sessionId = str(j.session_id) ?? str(j.sessionId) ?? str(j.conversation_id);
  const again = j.stop_hook_active === true || (typeof j.loop_count === 'number' && j.loop_count > 0);
  let tool = str(j.tool_name) ?? str(j.toolName) ?? str(j.tool);
  const toolArgs = argsOf(j.toolArgs); // parsed once: Copilot sends a JSON string on every call
  let input = argsOf(j.tool_input) ?? toolArgs ?? argsOf(j.args) ?? {};
  // Copilot's freeform apply_patch: its arguments are the patch text itself
  if (typeof j.toolArgs === 'string' && !toolArgs) input = { patch: j.toolArgs };
  // Cursor's beforeShellExecution names no tool: the command is the input
  if (!tool && agent.id === 'cursor' && event === 'before-shell' && typeof j.command === 'string') {
    tool = 'Shell';
    input = { command: j.command };
  }
  return { tool, input, cwd, sessionId, again };
}

const PATH_KEYS = ['file_path', 'path', 'filePath', 'notebook_path', 'target_file', 'absolute_path'];
const PATCH_KEYS = ['command', 'input', 'patch', 'patchText'];
/** a patch line as the agents read it: split at `\n` only, then trimmed (`\r` and spaces go) */
const PATCH_HEADER = /^\*\*\*\s*(?:Add File|Update File|Delete File|Move to)\s*:\s*(.*)$/;
const PATCH_FRAME = /^\*\*\*\s*(?:Begin Patch|End Patch|End of File)\s*$/;
/** what an agent could take for a header: a word of one after the stars, in any case */
const HEADER_LIKE = /^\*\*\*\s*(?:add|update|delete|move|begin|end)\b/i;

/** The patch texts of a tool's input (Codex's and opencode's apply_patch, Copilot's). */
function patches(input: Record<string, unknown>): string[] {
  return PATCH_KEYS.flatMap((k) => {
    const text = input[k];
    return typeof text === 'string' && text.includes('*** Begin Patch') ? [text] : [];
  });
}

/**
 * A line of a patch that starts like a header (`***`) but that killdate cannot read as one:
 * the agent might read a path in it that the guard did not check.
 */
export function unreadPatchLine(input: Record<string, unknown>): string | undefined {
  for (const text of patches(input))
    for (const line of text.split('\n')) {
      const t = line.trim();
      if (HEADER_LIKE.test(t) && !PATCH_HEADER.test(t) && !PATCH_FRAME.test(t)) return t.slice(0, 80);
    }
  return undefined;
}

/** The paths a write tool's input names: path fields, MultiEdit's edits, a patch's headers. */
export function writeTargets(input: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const k of PATH_KEYS) {
    const p = str(input[k]);
    if (p) out.push(p);
  }
  if (Array.isArray(input.edits))
    for (const e of input.edits) {
      const p = str(obj(e)?.file_path) ?? str(obj(e)?.filePath);
      if (p) out.push(p);
    }
  for (const text of patches(input))
    for (const line of text.split('\n')) {
      const m = PATCH_HEADER.exec(line.trim());
      if (m) out.push((m[1] as string).trim());
    }
  return [...new Set(out)];
}

/** The text an edit replaces: what the file holds already, not what the agent writes. */
const OLD_KEYS = new Set(['old_string', 'oldString', 'old_str', 'old_source']);

/**
 * The text a write tool's input adds, with the path it goes to when the input says: every
 * string but the paths and the text an edit replaces (Write's content, Edit's new_string,
 * MultiEdit's edits, Gemini's, opencode's and Copilot's fields alike), and a patch's added lines.
 */
export function writtenTexts(input: Record<string, unknown>): { path?: string; text: string }[] {
  const out: { path?: string; text: string }[] = [];
  const patchTexts = patches(input);
  for (const patch of patchTexts) {
    let path: string | undefined;
    let added: string[] = [];
    const flush = () => {
      if (added.length) out.push({ ...(path ? { path } : {}), text: added.join('\n') });
      added = [];
    };
    for (const line of patch.split('\n')) {
      const header = PATCH_HEADER.exec(line.trim());
      if (header) {
        flush();
        path = (header[1] as string).trim();
      } else if (line.startsWith('+')) added.push(line.slice(1));
    }
    flush();
  }
  const visit = (v: unknown, key: string): void => {
    if (typeof v === 'string') {
      if (!OLD_KEYS.has(key) && !PATH_KEYS.includes(key) && !patchTexts.includes(v)) out.push({ text: v });
    } else if (Array.isArray(v)) for (const x of v) visit(x, key);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  visit(input, '');
  return out;
}

/** The command line a shell tool's input carries. */
export function shellCommand(input: Record<string, unknown>): string | undefined {
  const c = input.command ?? input.cmd;
  if (Array.isArray(c)) return c.filter((x) => typeof x === 'string').join(' ');
  return str(c);
}
