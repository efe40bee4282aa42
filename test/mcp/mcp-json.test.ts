// `hooks install` registers `killdate mcp` in the project `.mcp.json`: merged with the servers
// already there, idempotent, and a file it cannot read or a foreign "killdate" left as it is.
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killdateServer, mergeMcpServer } from '../../src/core/mcp-json.js';
import { CLI, makeRepo, type Repo, runCli } from '../gates/repo.js';

let repo: Repo | undefined;
afterEach(() => repo?.cleanup());
const mcpJson = () => JSON.parse(readFileSync(join(repo!.dir, '.mcp.json'), 'utf8'));

describe('.mcp.json registration', () => {
  it('adds, updates, leaves alone and refuses', () => {
    const entry = killdateServer(['killdate']);
    const other = { mcpServers: { docs: { command: 'docs-mcp', args: [] } }, extra: 1 };
    const added = mergeMcpServer(other, entry);
    expect(added.outcome).toBe('added');
    expect(added.config).toEqual({ ...other, mcpServers: { ...other.mcpServers, killdate: entry } });
    expect(mergeMcpServer(added.config, entry).outcome).toBe('unchanged');
    const moved = mergeMcpServer(added.config, killdateServer(['node', '/x/killdate.js']));
    expect(moved.outcome).toBe('updated');
    const foreign = { mcpServers: { killdate: { command: 'python', args: ['notes.py'] } } };
    expect(mergeMcpServer(foreign, entry)).toEqual({ config: foreign, outcome: 'refused' });
    expect(() => mergeMcpServer({ mcpServers: [] }, entry)).toThrow(/not an object/);
  });

  it('hooks install writes it once, keeping the servers already there', () => {
    repo = makeRepo({
      'README.md': '# app\n',
      '.mcp.json': `${JSON.stringify({ mcpServers: { docs: { command: 'docs-mcp' } } }, null, 2)}\n`,
    });
    const r = runCli(repo.dir, ['hooks', 'install', '--agents', 'claude']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/MCP: \.mcp\.json: killdate server added/);
    expect(mcpJson()).toEqual({
      mcpServers: {
        docs: { command: 'docs-mcp' },
        killdate: { command: process.execPath, args: [realpathSync(CLI), 'mcp'] },
      },
    });
    const again = runCli(repo.dir, ['hooks', 'install', '--agents', 'claude']);
    expect(again.stdout).toMatch(/\.mcp\.json: killdate server unchanged/);
  });

  it('leaves a .mcp.json that is not JSON, or a foreign killdate server, as it is: exit 1', () => {
    repo = makeRepo({ 'README.md': '# app\n', '.mcp.json': '{ "mcpServers": { oops\n' });
    const bad = runCli(repo.dir, ['hooks', 'install', '--agents', 'claude']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(
      /\.mcp\.json: killdate server refused: \.mcp\.json:1:19: not valid JSON: expected a property name in double quotes/,
    );
    expect(readFileSync(join(repo.dir, '.mcp.json'), 'utf8')).toBe('{ "mcpServers": { oops\n');
    const foreign = '{"mcpServers":{"killdate":{"command":"python","args":["mine.py"]}}}\n';
    writeFileSync(join(repo.dir, '.mcp.json'), foreign);
    const r = runCli(repo.dir, ['hooks', 'install', '--agents', 'claude']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/a server named "killdate" that does not run killdate mcp/);
    expect(readFileSync(join(repo.dir, '.mcp.json'), 'utf8')).toBe(foreign);
  });
});
