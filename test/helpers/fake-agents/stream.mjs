// Shared by the fake agents: answers --version, and prints Claude Code stream-json lines.
if (process.argv.includes('--version')) {
  process.stdout.write('0.0.1 (fake agent)\n');
  process.exit(0);
}

export const session = 'fake-session-0001';

export function line(obj) {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
}

export const init = () =>
  line({
    type: 'system',
    subtype: 'init',
    cwd: process.cwd(),
    session_id: session,
    model: 'fake-model',
    tools: ['Write'],
  });

export const text = (t) =>
  line({
    type: 'assistant',
    message: { role: 'assistant', content: [{ type: 'text', text: t }] },
    session_id: session,
  });

export const toolUse = (id, name, input) =>
  line({
    type: 'assistant',
    message: { role: 'assistant', content: [{ type: 'tool_use', id, name, input }] },
    session_id: session,
  });

export const toolResult = (id, content, extra = {}) =>
  line({
    type: 'user',
    message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content }] },
    session_id: session,
    ...extra,
  });

export const result = (r, isError = false) =>
  line({
    type: 'result',
    subtype: 'success',
    is_error: isError,
    result: r,
    session_id: session,
    total_cost_usd: 0.0012,
    usage: { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
  });

/** Reads the brief from stdin (all of it) before acting, like a real agent. */
export async function readBrief() {
  let s = '';
  for await (const c of process.stdin) s += c;
  return s;
}
