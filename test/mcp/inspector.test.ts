// The MCP Inspector's CLI (pinned in devDependencies) against the built `killdate mcp` over
// stdio: tools/list, a tools/call that answers, and one that is a tool error (exit 5).
// Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { init } from '../../src/api/init.js';
import { CLI, makeRepo, type Repo } from '../gates/repo.js';

const INSPECTOR = join(import.meta.dirname, '../../node_modules/.bin/mcp-inspector');

let repo: Repo | undefined;
afterEach(() => repo?.cleanup());

function inspect(cwd: string, ...args: string[]) {
  const r = spawnSync(INSPECTOR, ['--cli', process.execPath, CLI, 'mcp', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the MCP Inspector CLI against killdate mcp', () => {
  it('lists the tools and calls status and feature_new', () => {
    repo = makeRepo({ 'README.md': '# app\n' });
    init({ dir: repo.dir, answers: { product: 'Tally', testCommand: 'npm test' } });
    repo.commit('init');
    const list = inspect(repo.dir, '--method', 'tools/list');
    expect(list.status, list.stderr).toBe(0);
    const tools = JSON.parse(list.stdout).tools as {
      name: string;
      annotations?: { readOnlyHint?: boolean };
    }[];
    expect(tools).toHaveLength(15);
    expect(tools.find((t) => t.name === 'status')?.annotations?.readOnlyHint).toBe(true);

    const made = inspect(
      repo.dir,
      '--method',
      'tools/call',
      '--tool-name',
      'feature_new',
      '--tool-arg',
      'slug=csv-export',
    );
    expect(made.status, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout).structuredContent).toEqual({
      path: 'feature-builds/csv-export/PRE-BUILD-LOCK.md',
    });

    const st = inspect(repo.dir, '--method', 'tools/call', '--tool-name', 'status');
    expect(st.status, st.stderr).toBe(0);
    const features = JSON.parse(st.stdout).structuredContent.features;
    expect(features).toEqual([expect.objectContaining({ slug: 'csv-export', state: 'draft', next: 'CP-0' })]);
  }, 120_000);

  it('exits 5 on a tool error and lists only the core tools with --tools core', () => {
    repo = makeRepo({ 'README.md': '# app\n' });
    const err = inspect(repo.dir, '--method', 'tools/call', '--tool-name', 'scope');
    expect(err.status).toBe(5);
    const core = inspect(repo.dir, '--tools', 'core', '--method', 'tools/list');
    expect(core.status, core.stderr).toBe(0);
    expect(JSON.parse(core.stdout).tools.map((t: { name: string }) => t.name)).toEqual([
      'start',
      'log_add',
      'check',
      'scope',
      'status',
      'brief',
    ]);
  }, 120_000);
});
