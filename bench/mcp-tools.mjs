// `killdate mcp`'s tool definitions and what they cost an agent's context: starts the server
// over stdio, asks initialize then tools/list (plain JSON-RPC lines), and counts the tokens of
// each tool's definition as tools/list sends it (name, description, input and output schemas,
// annotations) with the project's tokenizer (gpt-tokenizer, cl100k_base). Run as a script, it
// prints the tools/list result; the bench measures that run and prints the costs.
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { encode } from 'gpt-tokenizer/encoding/cl100k_base';

const tokens = (s) => encode(s, { disallowedSpecial: new Set() }).length;
const BUDGET = 2000;

/** The tools/list result of `node bin mcp [...args]`, started in cwd. */
export function listTools(node, bin, cwd, args = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [bin, 'mcp', ...args], { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('"id":2'));
      if (!line) return;
      child.stdin.end();
      resolve(JSON.parse(line).result);
    });
    child.on('error', reject);
    const send = (m) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...m })}\n`);
    send({
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'bench', version: '1' },
      },
    });
    send({ method: 'notifications/initialized' });
    send({ id: 2, method: 'tools/list', params: {} });
  });
}

/** One line per tool with its tokens, then the totals of all tools and of the core set. */
export function toolTokenReport(node, script, bin, cwd) {
  const all = JSON.parse(execFileSync(node, [script, node, bin], { cwd, encoding: 'utf8' })).tools;
  const core = JSON.parse(
    execFileSync(node, [script, node, bin, '--tools', 'core'], { cwd, encoding: 'utf8' }),
  ).tools;
  const rows = all.map(
    (t) => `  ${t.name.padEnd(15)} ${String(tokens(JSON.stringify(t))).padStart(4)} tokens`,
  );
  const total = tokens(JSON.stringify(all));
  const coreTotal = tokens(JSON.stringify(core));
  return [
    `mcp tool definitions (tools/list JSON, cl100k_base): ${all.length} tools`,
    ...rows,
    `  all: ${total} tokens (< ${BUDGET}: ${total < BUDGET ? 'yes' : 'NO'}); core (${core.map((t) => t.name).join(', ')}): ${coreTotal} tokens`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [node, bin, ...args] = process.argv.slice(2);
  const result = await listTools(node, bin, process.cwd(), args);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
